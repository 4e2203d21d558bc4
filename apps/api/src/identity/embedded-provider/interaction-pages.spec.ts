import { loginPage, logoutPage, totpPage, type PageContext } from './interaction-pages';
import { languageOf, parisTime } from './interaction-texts';

const context: PageContext = {
  language: 'fr',
  site: { operatorName: 'CERT <Santé>', brandTop: ['République', 'Française'], emergencyPhone: '' },
};

describe('the login pages', () => {
  it('escape every interpolated value', () => {
    const html = loginPage(context, {
      action: '/oidc/interaction/x"y/login',
      email: '"><script>alert(1)</script>',
    });
    expect(html).not.toContain('<script');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('action="/oidc/interaction/x&quot;y/login"');
    expect(html).toContain('CERT &lt;Santé&gt;');
  });

  it('hold no script and no inline style, one h1, labels bound to their inputs', () => {
    const pages = [
      loginPage(context, { action: '/a', error: 'Adresse électronique ou mot de passe incorrect.' }),
      totpPage(context, {
        action: '/b',
        error: 'Code incorrect.',
        enrolment: { secret: 'ABCD EFGH', otpauthUri: 'otpauth://totp/x' },
      }),
      logoutPage(context, '<form id="op.logoutForm" method="post" action="/c"></form>'),
    ];
    for (const html of pages) {
      expect(html).not.toMatch(/<script|style=|\son[a-z]+=/i);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain('<html lang="fr"');
      for (const [, id] of html.matchAll(/<label class="fr-label" for="([^"]+)">/g))
        expect(html).toContain(`id="${id}"`);
    }
    expect(pages[0]).toContain('aria-describedby="login-error"');
    expect(pages[1]).toContain('aria-describedby="code-messages"');
  });

  it('speak English when asked or preferred, French otherwise', () => {
    expect(languageOf('en', () => 'fr')).toBe('en');
    expect(languageOf(undefined, () => 'en')).toBe('en');
    expect(languageOf(undefined, () => false)).toBe('fr');
    expect(languageOf('de', () => 'fr')).toBe('fr');
  });

  it('give the end of a lock in Paris time', () => {
    expect(parisTime('2026-12-02T15:45:00.000Z', 'fr')).toBe('16:45');
  });
});
