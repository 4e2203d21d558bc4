import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../../api/me';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ApiTokens } from './api-tokens';
import { ChangePassword } from './change-password';
import { TotpEnrolment } from './totp-enrolment';

export function AccountPage() {
  const t = useT();
  const lang = useLang();
  const me = useMe();
  const location = useLocation();
  usePageTitle(t.account.title);
  if (me.isPending) return <p>{t.layout.loading}</p>;
  if (!me.data)
    return <Navigate to={`/connexion?returnTo=${encodeURIComponent(location.pathname)}`} replace />;
  const { user, roles, finess, localAccount, expiresAt } = me.data;
  const tabs = [
    { label: t.account.tabs.tokens, content: <ApiTokens /> },
    ...(localAccount
      ? [
          { label: t.account.tabs.password, content: <ChangePassword /> },
          { label: t.account.tabs.totp, content: <TotpEnrolment /> },
        ]
      : []),
  ];
  return (
    <>
      <h1>{t.account.title}</h1>
      <section aria-labelledby="identite" className="fr-mb-4w">
        <h2 id="identite">{t.account.identity}</h2>
        {/* A long address breaks anywhere rather than run off a phone's screen. */}
        <dl style={{ overflowWrap: 'anywhere' }}>
          <dt className="fr-text--bold">{t.account.name}</dt>
          <dd>{user.name}</dd>
          <dt className="fr-text--bold">{t.account.email}</dt>
          <dd>{user.email}</dd>
        </dl>
        <p className="fr-text--sm">{t.account.sessionEnds(formatDate(expiresAt, lang))}</p>
      </section>
      <section aria-labelledby="droits" className="fr-mb-4w">
        <h2 id="droits">{t.account.grants}</h2>
        {roles.length === 0 ? (
          <p>{t.account.noGrant}</p>
        ) : (
          <ul className="fr-badges-group">
            {roles.map((role) => (
              <li key={role}>
                <Badge severity="info">{t.roles[role] ?? role}</Badge>
              </li>
            ))}
          </ul>
        )}
        {finess.length > 0 && (
          <p>
            {t.facilities.finess} : {finess.join(', ')}
          </p>
        )}
      </section>
      <Tabs tabs={tabs} />
    </>
  );
}
