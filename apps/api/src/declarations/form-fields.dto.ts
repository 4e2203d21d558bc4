import {
  AFFECTED_SYSTEMS,
  HANDLING_STATES,
  OTHER_NOTIFICATIONS,
  PERSONS_AFFECTED_MAX,
  SUPPLIER_INVOLVEMENTS,
  type AffectedSystem,
  type HandlingState,
  type OtherNotification,
  type SupplierInvolvement,
} from '@vigie/domain';
import { CodeField, CodeListField, CountField, TextField } from './fields';

const SHORT_TEXT_MAX = 2_000;

/**
 * The official form's answers the report does not count (docs/declarant-portal.md): optional at
 * submission (absent: "nothing said"), amendable later. Submission and amendment both extend it.
 */
export class FormFieldsDto {
  @CodeListField(AFFECTED_SYSTEMS, AFFECTED_SYSTEMS.length, {
    presence: 'optional',
    description: 'Information systems concerned; [] when omitted',
  })
  systemsConcerned?: AffectedSystem[];

  @TextField(SHORT_TEXT_MAX, {
    presence: 'nullable',
    description: 'Which applications, in the declarant’s words',
  })
  systemsDetail?: string | null;

  @CodeField(HANDLING_STATES, {
    presence: 'optional',
    description: 'State of handling; UNKNOWN when omitted',
  })
  handlingState?: HandlingState;

  @CountField(PERSONS_AFFECTED_MAX, { presence: 'nullable', description: 'People affected, an estimate' })
  personsAffected?: number | null;

  @CodeField(SUPPLIER_INVOLVEMENTS, { presence: 'optional', description: 'UNKNOWN when omitted' })
  supplierInvolved?: SupplierInvolvement;

  @TextField(200, { presence: 'nullable', description: 'Only with supplierInvolved: YES' })
  supplierName?: string | null;

  @CodeListField(OTHER_NOTIFICATIONS, OTHER_NOTIFICATIONS.length, {
    presence: 'optional',
    description: 'Notifications already made elsewhere; [] when omitted',
  })
  otherNotifications?: OtherNotification[];
}

export const FORM_FIELD_NAMES = [
  'systemsConcerned',
  'systemsDetail',
  'handlingState',
  'personsAffected',
  'supplierInvolved',
  'supplierName',
  'otherNotifications',
] as const satisfies readonly (keyof FormFieldsDto)[];

/** The form fields present in a body, as the command takes them (null clears a nullable one). */
export function formFieldsOf(dto: FormFieldsDto): Partial<Record<keyof FormFieldsDto, unknown>> {
  const fields: Partial<Record<keyof FormFieldsDto, unknown>> = {};
  for (const field of FORM_FIELD_NAMES) if (dto[field] !== undefined) fields[field] = dto[field];
  return fields;
}
