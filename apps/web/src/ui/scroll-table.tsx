import { Table, type TableProps } from '@codegouvfr/react-dsfr/Table';

/**
 * A DSFR table that may be wider than a phone: it scrolls inside a region the keyboard can
 * focus (axe's scrollable-region-focusable; DSFR's own scrolling wrapper cannot take focus).
 */
export function ScrollTable({ label, ...props }: TableProps & { label: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }} className="fr-mb-3w">
      <Table {...props} caption={props.caption ?? label} noScroll className="fr-mb-0" />
    </div>
  );
}
