import type { VigieConfig } from '@vigie/config';
import type { LocalAccounts, PasswordCheck } from '@vigie/identity';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Interaction, Provider } from 'oidc-provider';
import { SlidingWindowStorage } from '../../hardening/sliding-window-storage';
import { EMBEDDED_CLIENT_ID, EMBEDDED_SCOPES } from './embedded-client';
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

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * The login pages of the embedded provider, under `/oidc/interaction/:uid`: e-mail and password,
 * then a TOTP code (or its enrolment) for the accounts that need one; consent is implicit for
 * the one first-party client. Server-rendered, no script.
 */
export function interactionsRouter(provider: Provider, accounts: LocalAccounts, config: VigieConfig): Router {
  const router = express.Router();
  const publicOrigin = new URL(config.publicUrl).origin;
  // Small forms only: an e-mail, a password (bounded by the policy), a code.
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });

  const contextOf = (req: Request): PageContext => ({
    language: languageOf(req.query.lang, (...languages) => req.acceptsLanguages(...languages)),
    site: config.site,
  });
  const textsOf = (req: Request) => TEXTS[contextOf(req).language];
  const actionOf = (req: Request, uid: string, step: 'login' | 'totp'): string => {
    const lang = req.query.lang === 'en' || req.query.lang === 'fr' ? `?lang=${req.query.lang}` : '';
    return `/oidc/interaction/${encodeURIComponent(uid)}/${step}${lang}`;
  };
  const send = (res: Response, html: string, status = 200): void => {
    res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(html);
  };

  /** The interaction of the browser's cookie, if it is the one of the URL; otherwise a page saying to start again. */
  async function interactionOf(req: Request, res: Response): Promise<Interaction | null> {
    try {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.uid === req.params.uid) return interaction;
    } catch {
      // SessionNotFound: no cookie, or the interaction expired.
    }
    send(res, errorPage(contextOf(req), textsOf(req).expired, `${config.publicUrl}/`), 400);
    return null;
  }

  const posts = new SlidingWindowStorage();
  function limited(req: Request, res: Response, next: NextFunction): void {
    const { limit, windowMs } = LOGIN_POSTS;
    posts
      .increment(`login:${req.ip ?? ''}`, windowMs, limit, windowMs, 'login')
      .then((hit) => {
        if (!hit.isBlocked) return next();
        res.setHeader('Retry-After', String(hit.timeToBlockExpire));
        send(res, errorPage(contextOf(req), textsOf(req).tooMany, `${config.publicUrl}/`), 429);
      })
      .catch(next);
  }

  /** Same-origin posts only: a page of another site must not post passwords or codes here. */
  function sameOrigin(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    if (origin === undefined || origin === publicOrigin) return next();
    send(res, errorPage(contextOf(req), textsOf(req).forbiddenOrigin, `${config.publicUrl}/`), 403);
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

  const handle =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      handler(req, res).catch(next);
    };

  router.get(
    '/:uid',
    handle(async (req, res) => {
      const interaction = await interactionOf(req, res);
      if (interaction === null) return;
      if (interaction.prompt.name === 'consent') return grantConsent(req, res, interaction);
      send(res, loginPage(contextOf(req), { action: actionOf(req, interaction.uid, 'login') }));
    }),
  );

  router.post(
    '/:uid/login',
    sameOrigin,
    limited,
    form,
    handle(async (req, res) => {
      const interaction = await interactionOf(req, res);
      if (interaction === null) return;
      if (interaction.prompt.name !== 'login') return grantConsent(req, res, interaction);
      const email = field(req.body, 'email').trim().slice(0, 320);
      const password = field(req.body, 'password').slice(0, 1024);
      await remember(interaction, null);
      await passwordOutcome(req, res, interaction, email, await accounts.checkPassword(email, password));
    }),
  );

  router.post(
    '/:uid/totp',
    sameOrigin,
    limited,
    form,
    handle(async (req, res) => {
      const interaction = await interactionOf(req, res);
      if (interaction === null) return;
      const passed = passwordPassed(interaction);
      const t = textsOf(req);
      if (passed === null) {
        return send(res, loginPage(contextOf(req), { action: actionOf(req, interaction.uid, 'login') }));
      }
      const code = field(req.body, 'code');
      const check =
        passed.totp === 'enrol'
          ? await accounts.confirmTotp(passed.passwordOf, code)
          : await accounts.verifyTotp(passed.passwordOf, code);
      if (check.outcome === 'ok') return finishLogin(req, res, passed.passwordOf, ['pwd', 'otp']);
      if (check.outcome === 'wrong') {
        const enrolment =
          passed.totp === 'enrol'
            ? ((await accounts.pendingTotp(passed.passwordOf)) ?? undefined)
            : undefined;
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
    }),
  );

  // A body too large, a broken form, a store that failed: a page, never a stack trace.
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    void error;
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    send(
      res,
      errorPage(contextOf(req), textsOf(req).errorTitle, `${config.publicUrl}/`),
      typeof status === 'number' && status >= 400 && status < 500 ? status : 500,
    );
  });

  return router;
}
