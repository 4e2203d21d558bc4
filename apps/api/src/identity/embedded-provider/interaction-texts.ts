export type Language = 'fr' | 'en';

/** The strings of the login pages, French first; `{time}` is filled in. */
export const TEXTS = {
  fr: {
    loginTitle: 'Connexion à Vigie',
    email: 'Adresse électronique',
    password: 'Mot de passe',
    submit: 'Se connecter',
    wrong: 'Adresse électronique ou mot de passe incorrect.',
    locked: 'Compte verrouillé après plusieurs échecs : réessayez après {time}.',
    notActivated:
      'Ce compte n’est pas encore activé : choisissez votre mot de passe avec le lien d’activation reçu par courriel.',
    disabled: 'Ce compte est désactivé. Contactez votre administrateur.',
    totpTitle: 'Code de vérification',
    totpHint: 'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
    code: 'Code à 6 chiffres',
    verify: 'Vérifier',
    wrongCode: 'Code incorrect ou déjà utilisé.',
    enrolTitle: 'Activer la double authentification',
    enrolHint:
      'Votre rôle demande un second facteur. Ajoutez ce compte à votre application d’authentification (FreeOTP, Aegis, Google Authenticator…) avec la clé ci-dessous, puis saisissez le premier code affiché.',
    secret: 'Clé secrète',
    uri: 'Adresse otpauth (à copier dans l’application)',
    expired: 'Votre demande de connexion a expiré.',
    restart: 'Recommencer la connexion',
    forbiddenOrigin: 'Cette demande ne vient pas de Vigie.',
    tooMany: 'Trop de tentatives depuis votre réseau : réessayez dans quelques minutes.',
    errorTitle: 'Connexion impossible',
    logoutTitle: 'Se déconnecter de Vigie ?',
    logoutYes: 'Se déconnecter',
    logoutNo: 'Rester connecté',
    loggedOut: 'Vous êtes déconnecté.',
    home: 'Retour à l’accueil',
  },
  en: {
    loginTitle: 'Log in to Vigie',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Log in',
    wrong: 'Wrong e-mail address or password.',
    locked: 'Account locked after several failures: try again after {time}.',
    notActivated:
      'This account is not activated yet: choose your password with the activation link you received by e-mail.',
    disabled: 'This account is disabled. Contact your administrator.',
    totpTitle: 'Verification code',
    totpHint: 'Enter the 6-digit code your authenticator app shows.',
    code: '6-digit code',
    verify: 'Verify',
    wrongCode: 'Wrong or already used code.',
    enrolTitle: 'Set up two-factor authentication',
    enrolHint:
      'Your role needs a second factor. Add this account to your authenticator app (FreeOTP, Aegis, Google Authenticator…) with the key below, then enter the first code it shows.',
    secret: 'Secret key',
    uri: 'otpauth address (to copy into the app)',
    expired: 'Your login request has expired.',
    restart: 'Log in again',
    forbiddenOrigin: 'This request does not come from Vigie.',
    tooMany: 'Too many attempts from your network: try again in a few minutes.',
    errorTitle: 'Cannot log in',
    logoutTitle: 'Log out of Vigie?',
    logoutYes: 'Log out',
    logoutNo: 'Stay logged in',
    loggedOut: 'You are logged out.',
    home: 'Back to the home page',
  },
} satisfies Record<Language, Record<string, string>>;

export type Texts = (typeof TEXTS)['fr'];

/** `?lang=en|fr` first, then the browser's Accept-Language; French by default. */
export function languageOf(query: unknown, accepts: (...languages: string[]) => string | false): Language {
  if (query === 'en' || query === 'fr') return query;
  return accepts('fr', 'en') === 'en' ? 'en' : 'fr';
}

/** `HH:MM` in Paris, where the people logging in are. */
export const parisTime = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
