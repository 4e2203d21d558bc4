import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { loginUrl } from '../api/client';
import { useSessionExpired } from '../api/session-state';
import { useT } from '../i18n/i18n';

/** Shown on whatever page the user was when a call answered 401: log in again and come back here. */
export function SessionExpired() {
  const t = useT();
  if (!useSessionExpired()) return null;
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <Alert
      severity="warning"
      className="fr-mb-4w"
      title={t.session.expiredTitle}
      description={
        <>
          <p>{t.session.expiredText}</p>
          <Button className="fr-mt-2w" linkProps={{ to: loginUrl(here), reloadDocument: true }}>
            {t.session.loginAgain}
          </Button>
        </>
      }
    />
  );
}
