import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { User } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { UserActions } from './user-actions';

export function UsersTable({ users }: { users: User[] }) {
  const t = useT();
  return (
    <Table
      caption={t.admin.caption}
      fixed={false}
      headers={[t.admin.name, t.admin.email, t.admin.grants, t.admin.status, t.admin.logins, t.admin.actions]}
      data={users.map((user) => [
        user.name,
        user.email,
        <ul key="grants" className="fr-raw-list">
          {user.grants.map((grant) => (
            <li key={grant.role}>
              {t.roles[grant.role] ?? grant.role}
              {grant.finess.length > 0 && ` (${grant.finess.join(', ')})`}
            </li>
          ))}
        </ul>,
        <UserStatus key="status" user={user} />,
        String(user.logins),
        <UserActions key="actions" user={user} />,
      ])}
    />
  );
}

function UserStatus({ user }: { user: User }) {
  const t = useT();
  if (user.disabled)
    return (
      <Badge severity="error" small>
        {t.admin.disabled}
      </Badge>
    );
  if (user.localAccount?.lockedUntil && new Date(user.localAccount.lockedUntil) > new Date())
    return (
      <Badge severity="warning" small>
        {t.admin.locked}
      </Badge>
    );
  if (user.localAccount && !user.localAccount.activated)
    return (
      <Badge severity="new" small>
        {t.admin.pending}
      </Badge>
    );
  return (
    <Badge severity="success" small>
      {t.admin.active}
    </Badge>
  );
}
