import { formatDate, type Lang } from '../../i18n/i18n';
import type { Messages } from '../../i18n/fr';
import type { TimelineEntry } from './declaration-types';

/** Events only the CERT records, and those Vigie records by itself (deliveries, reminders). */
const BY_CERT = new Set([
  'ComplementRequested',
  'DeclarationQualified',
  'DeclarationRequalified',
  'SupportInterventionLogged',
  'DeclarationClosed',
  'DeclarationReopened',
  'IntermediateReportRequested',
  'AuthorityInformed',
  'StructureNis2StatusAmended',
  'StructureOseFlagAmended',
]);
/** What Vigie records by itself (deliveries to the authorities, reminders, mails): nobody's change. */
export const BY_VIGIE = new Set(['AuthorityNotified', 'DeadlineReminderSent', 'MailSent']);

/**
 * Who did it, as the declarant may know it: actors are opaque ids (their names are sealed
 * personal data, and a declarant may not read the users), so "Vous", "Le CERT" for the events
 * only the CERT records, Vigie itself, or else "Une autre personne" (a colleague, or the CERT
 * amending: the history does not say which).
 */
export function whoOf(
  entry: Pick<TimelineEntry, 'type' | 'by' | 'changes'>,
  meId: string | undefined,
  t: Messages,
): string {
  if (BY_VIGIE.has(entry.type)) return t.declarations.who.system;
  if (entry.by === meId) return t.declarations.who.me;
  if (BY_CERT.has(entry.type)) return t.declarations.who.cert;
  // A message says which side wrote it.
  if (entry.changes.some((change) => change.field === 'author' && change.to === 'CERT'))
    return t.declarations.who.cert;
  return t.declarations.who.other;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A changed value in words: codes by their label, instants as dates, lists joined, nothing as "—". */
export function formatValue(value: unknown, t: Messages, lang: Lang): string {
  if (value === null || value === undefined || value === '') return t.declarations.empty;
  if (Array.isArray(value))
    return value.length === 0
      ? t.declarations.empty
      : value.map((item) => formatValue(item, t, lang)).join(', ');
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return formatDate(value, lang);
    // The typology's codes (a qualification) are labelled in the console's catalogue.
    return t.declarations.values[value] ?? t.console.labels[value] ?? value;
  }
  if (typeof value === 'number') return String(value);
  return t.declarations.empty;
}

export const fieldLabel = (field: string, t: Messages): string => t.declarations.fields[field] ?? field;

/**
 * Ids are no news to a person, a message's author is in "who", and objects (the structure, the
 * declarant at submission) are shown above.
 */
export const shownChanges = (entry: TimelineEntry): TimelineEntry['changes'] =>
  // A delivery's attempts, outcomes and ids are the operator's business, not the declarant's.
  entry.type === 'DeclarationSubmitted' || BY_VIGIE.has(entry.type)
    ? []
    : entry.changes.filter(
        (change) =>
          !/Id$/.test(change.field) &&
          change.field !== 'author' &&
          (change.to === null || typeof change.to !== 'object' || Array.isArray(change.to)),
      );
