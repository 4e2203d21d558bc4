import type { Messages } from '../../i18n/fr';
import type { TimelineEntry } from '../declarations/declaration-types';
import { BY_VIGIE, whoOf } from '../declarations/timeline-format';
import type { CertMember } from './cert-staff';

/** Fields whose values are subs: shown by name in the CERT's history. */
const PERSON_FIELDS = new Set(['assignee']);

/**
 * Who did it, as the CERT knows it: Vigie itself, "Vous", a colleague by name; anyone else the
 * declarant's words say (the CERT's scripts, the facility's people, whose names the history does
 * not carry).
 */
export function consoleWhoOf(
  entry: TimelineEntry,
  meSub: string,
  staff: readonly CertMember[],
  t: Messages,
): string {
  if (BY_VIGIE.has(entry.type) || entry.by === meSub) return whoOf(entry, meSub, t);
  const colleague = staff.find((member) => member.sub === entry.by);
  if (colleague !== undefined) return t.console.people.colleague(colleague.name);
  const said = whoOf(entry, meSub, t);
  return said === t.declarations.who.other ? t.console.people.facility : said;
}

/** The history's changes with subs in names: "Assignée à : Zoé Martin", not a uuid. */
export function withNames(
  entries: readonly TimelineEntry[],
  nameOf: (sub: string | null) => string,
): TimelineEntry[] {
  type Value = TimelineEntry['changes'][number]['to'];
  const named = (field: string, value: Value): Value =>
    PERSON_FIELDS.has(field) && (typeof value === 'string' || value === null) ? nameOf(value) : value;
  return entries.map((entry) => ({
    ...entry,
    changes: entry.changes.map((change) => ({
      ...change,
      from: named(change.field, change.from),
      to: named(change.field, change.to),
    })),
  }));
}
