import type { SiteConfig } from '@vigie/config';
import type { Language, Texts } from './interaction-texts';
import { TEXTS } from './interaction-texts';

/** Every interpolated value goes through this: the pages carry e-mails and the provider's URLs. */
export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"'`]/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[character] ??
      character,
  );

export interface PageContext {
  language: Language;
  site: SiteConfig;
}

/**
 * A DSFR page: the State's header with the operator's name, one `<h1>`, no script and no inline
 * style (the CSP allows neither). `/dsfr/dsfr.min.css` is served by the web app's build.
 */
export function page(context: PageContext, title: string, body: string): string {
  const { language, site } = context;
  const brand =
    site.brandTop.length === 0
      ? ''
      : `<div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">${site.brandTop
          .map(escapeHtml)
          .join('<br>')}</p></div></div>`;
  return `<!DOCTYPE html>
<html lang="${language}" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Vigie</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
</head>
<body>
<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row"><div class="fr-header__brand fr-enlarge-link">${brand}<div class="fr-header__service"><p class="fr-header__service-title">${escapeHtml(site.operatorName)}</p><p class="fr-header__service-tagline">Vigie</p></div></div></div></div></div></header>
<main role="main" id="contenu" class="fr-container fr-my-6w"><div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>${escapeHtml(title)}</h1>
${body}
</div></div></main>
</body>
</html>`;
}

const alert = (id: string, message: string | undefined): string =>
  message === undefined
    ? ''
    : `<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" id="${id}" role="alert"><p>${escapeHtml(message)}</p></div>`;

const describedBy = (id: string, message: string | undefined): string =>
  message === undefined ? '' : ` aria-describedby="${id}"`;

export interface LoginForm {
  action: string;
  email?: string;
  error?: string;
}

export function loginPage(context: PageContext, form: LoginForm): string {
  const t: Texts = TEXTS[context.language];
  const invalid = form.error === undefined ? '' : ' fr-input-group--error';
  const inputInvalid = form.error === undefined ? '' : ' fr-input--error';
  return page(
    context,
    t.loginTitle,
    `${alert('login-error', form.error)}
<form method="post" action="${escapeHtml(form.action)}">
<div class="fr-input-group${invalid}"><label class="fr-label" for="email">${t.email}</label><input class="fr-input${inputInvalid}" id="email" name="email" type="email" autocomplete="username" spellcheck="false" required maxlength="320" value="${escapeHtml(form.email ?? '')}"${describedBy('login-error', form.error)}></div>
<div class="fr-input-group${invalid}"><label class="fr-label" for="password">${t.password}</label><input class="fr-input${inputInvalid}" id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${describedBy('login-error', form.error)}></div>
<button class="fr-btn" type="submit">${t.submit}</button>
</form>`,
  );
}

export interface TotpForm {
  action: string;
  error?: string;
  /** Present while enrolling: the secret to type into the authenticator. */
  enrolment?: { secret: string; otpauthUri: string };
}

export function totpPage(context: PageContext, form: TotpForm): string {
  const t: Texts = TEXTS[context.language];
  const { enrolment, error } = form;
  const enrolBlock =
    enrolment === undefined
      ? `<p>${t.totpHint}</p>`
      : `<p>${t.enrolHint}</p>
<dl>
<dt>${t.secret}</dt><dd><p><code id="totp-secret">${escapeHtml(enrolment.secret)}</code></p></dd>
<dt>${t.uri}</dt><dd><p><code id="totp-uri">${escapeHtml(enrolment.otpauthUri)}</code></p></dd>
</dl>`;
  const messages =
    error === undefined
      ? ''
      : `<div class="fr-messages-group" id="code-messages" aria-live="polite"><p class="fr-message fr-message--error">${escapeHtml(error)}</p></div>`;
  return page(
    context,
    enrolment === undefined ? t.totpTitle : t.enrolTitle,
    `${enrolBlock}
<form method="post" action="${escapeHtml(form.action)}">
<div class="fr-input-group${error === undefined ? '' : ' fr-input-group--error'}"><label class="fr-label" for="code">${t.code}</label><input class="fr-input${error === undefined ? '' : ' fr-input--error'}" id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 ]{6,7}" autocomplete="one-time-code" required maxlength="7"${describedBy('code-messages', error)}>${messages}</div>
<button class="fr-btn" type="submit">${t.verify}</button>
</form>`,
  );
}

/** A page that ends the flow here: an expired interaction, a refused origin. */
export function errorPage(context: PageContext, message: string, restartUrl: string): string {
  const t: Texts = TEXTS[context.language];
  return page(
    context,
    t.errorTitle,
    `${alert('page-error', message)}<p><a class="fr-link" href="${escapeHtml(restartUrl)}">${t.restart}</a></p>`,
  );
}

/** The provider's own `<form id="op.logoutForm">` (its action and xsrf field), with the DSFR buttons that submit it. */
export function logoutPage(context: PageContext, providerForm: string): string {
  const t: Texts = TEXTS[context.language];
  return page(
    context,
    t.logoutTitle,
    `${providerForm}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit" form="op.logoutForm" name="logout" value="yes">${t.logoutYes}</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" form="op.logoutForm">${t.logoutNo}</button></li>
</ul>`,
  );
}

export function loggedOutPage(context: PageContext, homeUrl: string): string {
  const t: Texts = TEXTS[context.language];
  return page(context, t.loggedOut, `<p><a class="fr-link" href="${escapeHtml(homeUrl)}">${t.home}</a></p>`);
}
