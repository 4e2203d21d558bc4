import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useMe } from '../../api/me';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { InviteUser } from './invite-user';
import { UsersTable } from './users-table';
import { USERS } from './users-keys';

export function AdminUsersPage() {
  const t = useT();
  const me = useMe();
  const isAdmin = me.data?.roles.includes('admin') ?? false;
  const users = useQuery({
    queryKey: USERS,
    queryFn: async () => unwrap(await api.GET('/api/v1/users')).items,
    enabled: isAdmin,
  });
  usePageTitle(t.admin.title);
  if (me.isPending) return <p>{t.layout.loading}</p>;
  return (
    <>
      <h1>{t.admin.title}</h1>
      {!isAdmin ? (
        <Alert severity="warning" small description={t.admin.forbidden} />
      ) : (
        <>
          <InviteUser />
          <h2 className="fr-mt-6w">{t.admin.users}</h2>
          <ProblemAlert error={users.error} />
          {users.data &&
            (users.data.length === 0 ? <p>{t.admin.none}</p> : <UsersTable users={users.data} />)}
        </>
      )}
    </>
  );
}
