import { Button } from '@codegouvfr/react-dsfr/Button';
import { logout } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';

/** Where the callback sends someone the provider knows and Vigie does not (yet). */
export function AccessDeniedPage() {
  return <AccessRefused loggedIn={false} />;
}

/**
 * "No access to Vigie": at /acces-refuse (no session), or in place of any page when
 * `GET /api/v1/me` answers 403 (a session whose every grant was revoked): then with a logout button.
 */
export function AccessRefused({ loggedIn }: { loggedIn: boolean }) {
  const t = useT();
  usePageTitle(t.denied.title);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t.denied.title}</h1>
        <p className="fr-text--lead">{loggedIn ? t.denied.noAccessLead : t.denied.lead}</p>
        <p>{t.denied.tellThem}</p>
        <ul>
          {t.denied.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {loggedIn ? (
          <Button priority="secondary" iconId="fr-icon-logout-box-r-line" onClick={() => void logout()}>
            {t.denied.logout}
          </Button>
        ) : (
          <Button priority="secondary" linkProps={{ to: '/' }}>
            {t.denied.back}
          </Button>
        )}
      </div>
    </div>
  );
}
