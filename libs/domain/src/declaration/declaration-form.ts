import {
  AFFECTED_SYSTEMS,
  HANDLING_STATES,
  OTHER_NOTIFICATIONS,
  SUPPLIER_INVOLVEMENTS,
  type AffectedSystem,
  type HandlingState,
  type OtherNotification,
  type SupplierInvolvement,
} from '../taxonomy/form-codes';
import { checkCode, checkCodeSet, optionalText } from './declaration-checks';
import { InvalidCount, InvalidReference, SupplierNameWithoutSupplier } from './declaration.errors';

/**
 * The official form's answers beyond what the report counts (DOMAIN.md §7). Each is optional at
 * submission, with "nothing said" as its default, and amendable afterwards: in a crisis the
 * declarant sends the essentials first.
 */
export interface FormFields {
  systemsConcerned: AffectedSystem[];
  systemsDetail: string | null;
  handlingState: HandlingState;
  /** An estimate is fine; null: not said. */
  personsAffected: number | null;
  supplierInvolved: SupplierInvolvement;
  supplierName: string | null;
  otherNotifications: OtherNotification[];
}
export type FormField = keyof FormFields;

export const FORM_FIELDS: readonly FormField[] = [
  'systemsConcerned',
  'systemsDetail',
  'handlingState',
  'personsAffected',
  'supplierInvolved',
  'supplierName',
  'otherNotifications',
];

/** Above the population of France several times over: a typo, not an estimate. */
export const PERSONS_AFFECTED_MAX = 100_000_000;

export const unstatedFormFields = (): FormFields => ({
  systemsConcerned: [],
  systemsDetail: null,
  handlingState: 'UNKNOWN',
  personsAffected: null,
  supplierInvolved: 'UNKNOWN',
  supplierName: null,
  otherNotifications: [],
});

function checkCount(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > PERSONS_AFFECTED_MAX)
    throw new InvalidCount(field, PERSONS_AFFECTED_MAX);
  return value;
}

/** The fields given, checked and in the form events store them; the absent ones stay absent. */
export function checkFormChanges(given: Partial<Record<FormField, unknown>>): Partial<FormFields> {
  const has = (field: FormField): boolean => given[field] !== undefined;
  const changes: Partial<FormFields> = {};
  if (has('systemsConcerned'))
    changes.systemsConcerned = checkCodeSet(AFFECTED_SYSTEMS, given.systemsConcerned, 'systemsConcerned');
  if (has('systemsDetail')) changes.systemsDetail = optionalText(given.systemsDetail);
  if (has('handlingState'))
    changes.handlingState = checkCode(HANDLING_STATES, given.handlingState, 'handlingState');
  if (has('personsAffected')) changes.personsAffected = checkCount(given.personsAffected, 'personsAffected');
  if (has('supplierInvolved'))
    changes.supplierInvolved = checkCode(SUPPLIER_INVOLVEMENTS, given.supplierInvolved, 'supplierInvolved');
  if (has('supplierName')) changes.supplierName = optionalText(given.supplierName);
  if (has('otherNotifications'))
    changes.otherNotifications = checkCodeSet(
      OTHER_NOTIFICATIONS,
      given.otherNotifications,
      'otherNotifications',
    );
  return changes;
}

/** A supplier is named only when one is involved; `changed` says which field to blame. */
export function checkSupplier(next: FormFields, changes: Partial<FormFields>): void {
  if (next.supplierName !== null && next.supplierInvolved !== 'YES')
    throw new SupplierNameWithoutSupplier(
      changes.supplierName !== undefined ? 'supplierName' : 'supplierInvolved',
    );
}

/** The form's fields of a submission: what was given, checked, and the defaults for the rest. */
export function checkFormFields(given: Partial<Record<FormField, unknown>>): FormFields {
  const changes = checkFormChanges(given);
  const fields = { ...unstatedFormFields(), ...changes };
  checkSupplier(fields, changes);
  return fields;
}

/**
 * `2026-000042`: the year of submission (Europe/Paris), then its rank among that year's
 * declarations. Given at submission by the reference allocator (apps/api), which makes it unique.
 */
export const DECLARATION_REFERENCE_PATTERN = /^\d{4}-\d{6,}$/;

export const formatReference = (year: number, sequence: number): string =>
  `${String(year).padStart(4, '0')}-${String(sequence).padStart(6, '0')}`;

/** The counter stream of a year's references (see SequenceAllocator); not a `declaration-` stream. */
export const referenceStreamId = (year: number): string => `reference-${year}`;

export const isDeclarationReference = (value: unknown): boolean =>
  typeof value === 'string' && DECLARATION_REFERENCE_PATTERN.test(value);

export function checkReference(value: unknown): string {
  if (!isDeclarationReference(value)) throw new InvalidReference();
  return value as string;
}
