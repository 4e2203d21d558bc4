import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useSearchParams } from 'react-router';
import { loginUrl } from '../../api/client';
import { DEFAULT_SITE, useSite } from '../../api/site';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';

/** Only paths of this site: an open redirect through `returnTo` would help phishing. */
export const safeReturnTo = (value: string | null): string =>
  value !== null && value.startsWith('/') && !value.startsWith('//') ? value : '/';

export function LoginPage() {
  const t = useT();
  const [params] = useSearchParams();
  const site = useSite().data ?? DEFAULT_SITE;
  usePageTitle(t.login.title);
  const error = params.get('erreur');
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t.login.title}</h1>
        {error !== null && (
          <Alert
            severity="error"
            className="fr-mb-4w"
            title={t.login.errorTitle}
            description={t.login.errors[error] ?? t.login.errorFallback}
          />
        )}
        <p>{t.login.lead}</p>
        <p>{site.login.provider === 'embedded' ? t.login.embedded : t.login.external}</p>
        <Button
          iconId="fr-icon-lock-line"
          linkProps={{ to: loginUrl(safeReturnTo(params.get('returnTo'))), reloadDocument: true }}
        >
          {t.login.button}
        </Button>
      </div>
    </div>
  );
}
