import { Button } from '@codegouvfr/react-dsfr/Button';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useMe } from '../../api/me';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { InviteUser } from '../admin-users/invite-user';
import { USERS } from '../admin-users/users-keys';
import { UsersTable } from '../admin-users/users-table';
import { ConsoleOnly } from '../console/console-access';
import { ConsoleNav } from '../console-dashboard/console-nav';
import { AuditLog } from './audit-log';
import { NotificationSettings } from './notification-settings';

function Administration() {
  const t = useT();
  const a = t.cert.admin;
  usePageTitle(a.title);
  const users = useQuery({
    queryKey: USERS,
    queryFn: async () => unwrap(await api.GET('/api/v1/users')).items,
  });
  return (
    <>
      <h1>{a.title}</h1>
      <ConsoleNav />
      <p className="fr-text--lead">{a.lead}</p>
      <InviteUser />
      <section aria-labelledby="utilisateurs" className="fr-my-6w">
        <h2 id="utilisateurs">{a.users}</h2>
        <p>{a.usersLead}</p>
        <ProblemAlert error={users.error} />
        {users.data && (users.data.length === 0 ? <p>{t.admin.none}</p> : <UsersTable users={users.data} />)}
      </section>
      <section aria-labelledby="journal" className="fr-mb-6w">
        <h2 id="journal">{a.audit}</h2>
        <p>{a.auditLead}</p>
        <AuditLog />
      </section>
      <section aria-labelledby="notifications" className="fr-mb-6w">
        <h2 id="notifications">{a.settings}</h2>
        <NotificationSettings />
      </section>
    </>
  );
}

function Refused() {
  const t = useT();
  usePageTitle(t.cert.admin.deniedTitle);
  return (
    <>
      <h1>{t.cert.admin.deniedTitle}</h1>
      <p className="fr-text--lead">{t.cert.admin.denied}</p>
      <Button priority="secondary" linkProps={{ to: '/console' }}>
        {t.cert.admin.back}
      </Button>
    </>
  );
}

/** Admins only; an analyst is refused here (the API refuses the calls anyway), a declarant by ConsoleOnly. */
function AdminOnly() {
  const me = useMe();
  if (!me.data?.roles.includes('admin')) return <Refused />;
  return <Administration />;
}

/** `/console/admin`: users and their grants, the read-access audit log, the notification settings. */
export function ConsoleAdminPage() {
  return (
    <ConsoleOnly>
      <AdminOnly />
    </ConsoleOnly>
  );
}
