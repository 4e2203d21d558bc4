import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ReactNode } from 'react';
import { loginUrl } from '../../api/client';
import { useMe } from '../../api/me';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';

/** The console is the CERT's: analysts and admins. The API refuses the others anyway; the page says so first. */
export const isCert = (roles: readonly string[] | undefined): boolean =>
  roles !== undefined && (roles.includes('analyst') || roles.includes('admin'));

function Refused() {
  const t = useT();
  usePageTitle(t.console.deniedTitle);
  return (
    <>
      <h1>{t.console.deniedTitle}</h1>
      <p className="fr-text--lead">{t.console.denied}</p>
      <Button priority="secondary" linkProps={{ to: '/' }}>
        {t.console.back}
      </Button>
    </>
  );
}

function LoginFirst() {
  const t = useT();
  usePageTitle(t.console.title);
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <>
      <h1>{t.console.title}</h1>
      <p>{t.console.loginNeeded}</p>
      <Button iconId="fr-icon-lock-line" linkProps={{ to: loginUrl(here), reloadDocument: true }}>
        {t.layout.login}
      </Button>
    </>
  );
}

/** Every console page: a CERT person sees it, someone logged out the login, anyone else the refusal. */
export function ConsoleOnly({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
  if (me.isPending) return <p>{t.layout.loading}</p>;
  if (me.data === null || me.data === undefined) return me.error ? <Refused /> : <LoginFirst />;
  if (!isCert(me.data.roles)) return <Refused />;
  return <>{children}</>;
}
