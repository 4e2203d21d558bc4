import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router';
import { loginUrl, logout } from '../api/client';
import { hasNoAccess, useMe } from '../api/me';
import { DEFAULT_SITE, useSite } from '../api/site';
import { AccessRefused } from '../features/login/access-denied-page';
import { useT } from '../i18n/i18n';
import { LanguageSelect } from './language-select';
import { SessionExpired } from './session-expired';

const brandBlock = (lines: string[]): ReactNode =>
  lines.map((line, index) => (
    <Fragment key={index}>
      {index > 0 && <br />}
      {line}
    </Fragment>
  ));

/** The pages someone with no access left may still read. */
const STILL_SHOWN = new Set(['/accessibilite', '/mentions-legales']);

/** After a navigation inside the app, focus goes to the new page's content, as after a page load. */
function useFocusMainOnNavigation(): void {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    document.getElementById('contenu')?.focus();
  }, [pathname]);
}

export function Layout() {
  const t = useT();
  useFocusMainOnNavigation();
  const site = useSite().data ?? DEFAULT_SITE;
  const meQuery = useMe();
  const me = meQuery.data;
  // Logged in, but no access left (no role on /api/v1/me): the refusal instead of any page but the legal ones.
  const noAccess = hasNoAccess(meQuery.data, meQuery.error);
  const { pathname } = useLocation();
  const noBrand = site.brandTop.length === 0;
  const here = `${window.location.pathname}${window.location.search}`;
  const language = <LanguageSelect key="lang" />;
  const logoutItem = {
    iconId: 'fr-icon-logout-box-r-line' as const,
    text: t.layout.logout,
    buttonProps: { onClick: () => void logout() },
  };
  const quickAccessItems = me
    ? [
        {
          iconId: 'fr-icon-account-circle-line' as const,
          text: t.layout.account,
          linkProps: { to: '/compte' },
        },
        logoutItem,
        language,
      ]
    : noAccess
      ? [logoutItem, language]
      : [
          {
            iconId: 'fr-icon-lock-line' as const,
            text: t.layout.login,
            linkProps: { to: loginUrl(here.startsWith('/connexion') ? '/' : here), reloadDocument: true },
          },
          language,
        ];
  return (
    <>
      <SkipLinks
        links={[
          { label: t.layout.skipToContent, anchor: '#contenu' },
          { label: t.layout.skipToFooter, anchor: '#pied-de-page' },
        ]}
      />
      <Header
        brandTop={brandBlock(site.brandTop)}
        classes={noBrand ? { logo: 'fr-hidden' } : {}}
        homeLinkProps={{ to: '/', title: t.layout.homeTitle }}
        serviceTitle={t.layout.serviceTitle}
        serviceTagline={t.layout.tagline(site.operatorName)}
        quickAccessItems={quickAccessItems}
      />
      <main id="contenu" tabIndex={-1} className="fr-container fr-py-6w">
        <SessionExpired />
        {noAccess && !STILL_SHOWN.has(pathname) ? <AccessRefused loggedIn /> : <Outlet />}
      </main>
      <Footer
        id="pied-de-page"
        accessibility="partially compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        termsLinkProps={{ to: '/mentions-legales' }}
        contentDescription={t.layout.footerDescription}
        brandTop={brandBlock(site.brandTop)}
        homeLinkProps={{ to: '/', title: t.layout.homeTitle }}
        classes={noBrand ? { brand: 'fr-hidden' } : {}}
        {...(noBrand ? { domains: [] } : {})}
      />
    </>
  );
}
