import { Button } from '@codegouvfr/react-dsfr/Button';
import { loginUrl } from '../../api/client';
import { useT } from '../../i18n/i18n';

/** Logged out on a follow-up page: one way on, back here after the login. */
export function LoginNeeded() {
  const t = useT();
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <>
      <h1>{t.declarations.title}</h1>
      <p>{t.declarations.page.loginNeeded}</p>
      <Button iconId="fr-icon-lock-line" linkProps={{ to: loginUrl(here), reloadDocument: true }}>
        {t.layout.login}
      </Button>
    </>
  );
}
