import { Logger } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import type { LocalAccounts, PasswordCheck } from '@vigie/identity';
import type { NextFunction, Request, Response } from 'express';
import type { Interaction, Provider } from 'oidc-provider';
import { crossSiteReason } from '../../auth/same-site-request';
import { SlidingWindowStorage } from '../../hardening/sliding-window-storage';
import { EMBEDDED_CLIENT_ID, EMBEDDED_SCOPES, interactionPath } from './embedded-client';
import { errorPage, loginPage, totpPage, type PageContext } from './interaction-pages';
import { TEXTS, languageOf, parisTime } from './interaction-texts';

/** What the interaction remembers between the password and the code (in the identity database, as the provider keeps it). */
interface PasswordPassed {
  passwordOf: string;
  totp: 'ask' | 'enrol';
}

const passwordPassed = (interaction: Interaction): PasswordPassed | null => {
  const remembered = interaction.lastSubmission?.vigie as PasswordPassed | undefined;
  return typeof remembered?.passwordOf === 'string' ? remembered : null;
};

/**
 * Password and code posts per address: the lock-out guards each account, this a spray over many
 * (the global rate limit is Nest's and never sees these Express routes). Generous enough for a
 * hospital's staff behind one address.
 */
const LOGIN_POSTS = { limit: 60, windowMs: 10 * 60_000 };

const logger = new Logger('EmbeddedProvider');

/** Small forms only: an e-mail, a password (bounded by the policy), a code. */
const FORM_LIMIT_BYTES = 4096;
const FORM_MAX_FIELDS = 5;

class FormRefused extends Error {
  constructor(readonly status: 413 | 415 | 400) {
    super(`form refused (${status})`);
  }
}

/** The urlencoded body, read here (no parser runs before the provider's routes), first value of each field. */
async function readForm(req: Request): Promise<Map<string, string>> {
  if (!req.is('application/x-www-form-urlencoded')) throw new FormRefused(415);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > FORM_LIMIT_BYTES) throw new FormRefused(413);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > FORM_LIMIT_BYTES) throw new FormRefused(413);
    chunks.push(chunk);
  }
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    if (!fields.has(name)) fields.set(name, value);
    if (fields.size > FORM_MAX_FIELDS) throw new FormRefused(400);
  }
  return fields;
}

type Step = 'show' | 'login' | 'totp';

/** `/<uid>`, `/<uid>/login`, `/<uid>/totp` below the mount point. */
function stepOf(req: Request): { uid: string; step: Step } | null {
  const match = /^\/([A-Za-z0-9_-]{1,64})(?:\/(login|totp))?$/.exec(req.path);
  if (match === null) return null;
  const step = (match[2] ?? 'show') as Step;
  if ((step === 'show') !== (req.method === 'GET' || req.method === 'HEAD')) return null;
  return { uid: match[1], step };
}

/**
 * The login pages of the embedded provider, under `/oidc/interaction/:uid`: e-mail and password,
 * then a TOTP code (or its enrolment) for the accounts that need one; consent is implicit for
 * the one first-party client. Server-rendered, no script.
 */
export function interactionsMiddleware(
  provider: Provider,
  accounts: LocalAccounts,
  config: VigieConfig,
): (req: Request, res: Response, next: NextFunction) => void {
  const publicOrigin = new URL(config.publicUrl).origin;

  const contextOf = (req: Request): PageContext => ({
    language: languageOf(req.query.lang, (...languages) => req.acceptsLanguages(...languages)),
    site: config.site,
  });
  const textsOf = (req: Request) => TEXTS[contextOf(req).language];
  const actionOf = (req: Request, uid: string, step: 'login' | 'totp'): string => {
    const lang = req.query.lang === 'en' || req.query.lang === 'fr' ? `?lang=${req.query.lang}` : '';
    return `${interactionPath(config, uid)}/${step}${lang}`;
  };
  const send = (res: Response, html: string, status = 200): void => {
    res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(html);
  };

  /** The interaction of the browser's cookie, if it is the one of the URL; otherwise a page saying to start again. */
  async function interactionOf(req: Request, res: Response, uid: string): Promise<Interaction | null> {
    try {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.uid === uid) return interaction;
    } catch {
      // SessionNotFound: no cookie, or the interaction expired.
    }
    send(res, errorPage(contextOf(req), textsOf(req).expired, `${config.publicUrl}/`), 400);
    return null;
  }

  const posts = new SlidingWindowStorage();
  /**
   * Same-origin posts only (a page of another site must not post passwords or codes here), so
   * many per address, and a small form: its fields, or null when the answer is already sent.
   */
  async function acceptedForm(req: Request, res: Response): Promise<Map<string, string> | null> {
    if (crossSiteReason(req.headers, publicOrigin) !== null) {
      send(res, errorPage(contextOf(req), textsOf(req).forbiddenOrigin, `${config.publicUrl}/`), 403);
      return null;
    }
    const { limit, windowMs } = LOGIN_POSTS;
    const hit = await posts.increment(`login:${req.ip ?? ''}`, windowMs, limit, windowMs, 'login');
    if (hit.isBlocked) {
      res.setHeader('Retry-After', String(hit.timeToBlockExpire));
      send(res, errorPage(contextOf(req), textsOf(req).tooMany, `${config.publicUrl}/`), 429);
      return null;
    }
    try {
      return await readForm(req);
    } catch (error) {
      if (!(error instanceof FormRefused)) throw error;
      // The connection goes with the answer: the rest of a refused body is not read.
      res.setHeader('Connection', 'close');
      send(res, errorPage(contextOf(req), textsOf(req).errorTitle, `${config.publicUrl}/`), error.status);
      return null;
    }
  }

  async function grantConsent(req: Request, res: Response, interaction: Interaction): Promise<void> {
    const { details } = interaction.prompt;
    const accountId = interaction.session?.accountId;
    if (accountId === undefined || interaction.params.client_id !== EMBEDDED_CLIENT_ID) {
      send(res, errorPage(contextOf(req), textsOf(req).expired, `${config.publicUrl}/`), 400);
      return;
    }
    const grant =
      (interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId)) ??
      new provider.Grant({ accountId, clientId: EMBEDDED_CLIENT_ID });
    const scopes = (details.missingOIDCScope ?? []).filter((scope) => EMBEDDED_SCOPES.includes(scope));
    if (scopes.length > 0) grant.addOIDCScope(scopes.join(' '));
    if (details.missingOIDCClaims !== undefined) grant.addOIDCClaims(details.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  async function remember(interaction: Interaction, passed: PasswordPassed | null): Promise<void> {
    interaction.lastSubmission = passed === null ? undefined : { vigie: passed };
    await interaction.persist();
  }

  async function finishLogin(req: Request, res: Response, accountId: string, amr: string[]): Promise<void> {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, amr, remember: false } },
      { mergeWithLastSubmission: false },
    );
  }

  async function passwordOutcome(
    req: Request,
    res: Response,
    interaction: Interaction,
    email: string,
    check: PasswordCheck,
  ): Promise<void> {
    const t = textsOf(req);
    const again = (error: string): void =>
      send(res, loginPage(contextOf(req), { action: actionOf(req, interaction.uid, 'login'), email, error }));
    switch (check.outcome) {
      case 'ok': {
        if (check.totp === 'none') return finishLogin(req, res, check.accountId, ['pwd']);
        await remember(interaction, { passwordOf: check.accountId, totp: check.totp });
        const enrolment =
          check.totp === 'enrol'
            ? ((await accounts.pendingTotp(check.accountId)) ??
              (await accounts.startTotpEnrolment(check.accountId)) ??
              undefined)
            : undefined;
        return send(
          res,
          totpPage(contextOf(req), { action: actionOf(req, interaction.uid, 'totp'), enrolment }),
        );
      }
      case 'wrong':
        return again(t.wrong);
      case 'locked':
        return again(t.locked.replace('{time}', parisTime(check.until, contextOf(req).language)));
      case 'not-activated':
        return again(t.notActivated);
      case 'disabled':
        return again(t.disabled);
      default: {
        const unknown: never = check;
        throw new Error(`Unknown password outcome ${JSON.stringify(unknown)}`);
      }
    }
  }

  async function show(req: Request, res: Response, uid: string): Promise<void> {
    const interaction = await interactionOf(req, res, uid);
    if (interaction === null) return;
    if (interaction.prompt.name === 'consent') return grantConsent(req, res, interaction);
    send(res, loginPage(contextOf(req), { action: actionOf(req, interaction.uid, 'login') }));
  }

  async function login(req: Request, res: Response, uid: string): Promise<void> {
    const form = await acceptedForm(req, res);
    if (form === null) return;
    const interaction = await interactionOf(req, res, uid);
    if (interaction === null) return;
    if (interaction.prompt.name !== 'login') return grantConsent(req, res, interaction);
    const email = (form.get('email') ?? '').trim().slice(0, 320);
    const password = (form.get('password') ?? '').slice(0, 1024);
    await remember(interaction, null);
    await passwordOutcome(req, res, interaction, email, await accounts.checkPassword(email, password));
  }

  async function totp(req: Request, res: Response, uid: string): Promise<void> {
    const form = await acceptedForm(req, res);
    if (form === null) return;
    const interaction = await interactionOf(req, res, uid);
    if (interaction === null) return;
    const passed = passwordPassed(interaction);
    const t = textsOf(req);
    if (passed === null) {
      return send(res, loginPage(contextOf(req), { action: actionOf(req, interaction.uid, 'login') }));
    }
    const code = form.get('code') ?? '';
    const check =
      passed.totp === 'enrol'
        ? await accounts.confirmTotp(passed.passwordOf, code)
        : await accounts.verifyTotp(passed.passwordOf, code);
    if (check.outcome === 'ok') return finishLogin(req, res, passed.passwordOf, ['pwd', 'otp']);
    if (check.outcome === 'wrong') {
      const enrolment =
        passed.totp === 'enrol' ? ((await accounts.pendingTotp(passed.passwordOf)) ?? undefined) : undefined;
      return send(
        res,
        totpPage(contextOf(req), {
          action: actionOf(req, interaction.uid, 'totp'),
          enrolment,
          error: t.wrongCode,
        }),
      );
    }
    // Locked, disabled, or the enrolment vanished: back to the password, which says why.
    await remember(interaction, null);
    const error =
      check.outcome === 'locked'
        ? t.locked.replace('{time}', parisTime(check.until, contextOf(req).language))
        : check.outcome === 'disabled'
          ? t.disabled
          : t.wrongCode;
    send(res, loginPage(contextOf(req), { action: actionOf(req, interaction.uid, 'login'), error }));
  }

  const steps: Record<Step, (req: Request, res: Response, uid: string) => Promise<void>> = {
    show,
    login,
    totp,
  };

  return (req, res, next) => {
    const route = stepOf(req);
    // Anything else below /oidc/interaction is the provider's (its own 404).
    if (route === null) return next();
    steps[route.step](req, res, route.uid).catch((error: unknown) => {
      // A store that failed: a page, never a stack trace; the log names the error's class only.
      logger.error(
        `${error instanceof Error ? error.name : typeof error} on ${req.method} /oidc/interaction`,
      );
      if (res.headersSent) return next(error);
      send(res, errorPage(contextOf(req), textsOf(req).errorTitle, `${config.publicUrl}/`), 500);
    });
  };
}
