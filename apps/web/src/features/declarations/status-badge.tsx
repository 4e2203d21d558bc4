import { Badge, type BadgeProps } from '@codegouvfr/react-dsfr/Badge';
import { useT } from '../../i18n/i18n';
import type { DeclarationStatus } from './declaration-types';

/** Warning where the declarant has something to do; success once resolved; grey once closed. */
const SEVERITY: Record<DeclarationStatus, BadgeProps['severity']> = {
  SUBMITTED: 'new',
  COMPLEMENT_REQUESTED: 'warning',
  QUALIFIED: 'info',
  RESOLVED: 'success',
  CLOSED: undefined,
};

/** A declaration's status as a DSFR badge with its French (or English) label. Shared with the receipt page. */
export function StatusBadge({ status, small = true }: { status: DeclarationStatus; small?: boolean }) {
  const t = useT();
  return (
    <Badge as="span" small={small} severity={SEVERITY[status]} noIcon={status === 'CLOSED'}>
      {t.declarations.statuses[status] ?? status}
    </Badge>
  );
}
