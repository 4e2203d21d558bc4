import type { components } from '../../api/schema';

export type SubmitBody = components['schemas']['SubmitDeclarationDto'];

/** The codes of the form's lists (DOMAIN.md §1, docs/declarant-portal.md), in the order shown. */
export const CODES = {
  structureType: ['ES', 'HIA', 'LBM', 'RT', 'ESMS', 'PDS', 'HORS'],
  nis2: ['ESSENTIAL', 'IMPORTANT', 'NONE'],
  region: [
    '01',
    '02',
    '03',
    '04',
    '06',
    '11',
    '24',
    '27',
    '28',
    '32',
    '44',
    '52',
    '53',
    '75',
    '76',
    '84',
    '93',
    '94',
  ],
  suspectedOrigin: ['MALICIOUS', 'NON_MALICIOUS', 'UNKNOWN'],
  operationalImpact: ['NONE', 'DEGRADED', 'INTERRUPTION'],
  patientEndangerment: ['NONE', 'POTENTIAL', 'ACTUAL'],
  dataImpacts: ['AVAILABILITY', 'INTEGRITY', 'CONFIDENTIALITY'],
  systemsConcerned: [
    'PATIENT_RECORD',
    'IMAGING',
    'LABORATORY',
    'PHARMACY',
    'ADMINISTRATIVE',
    'MESSAGING',
    'TELEPHONY',
    'NETWORK',
    'WORKSTATIONS',
    'SERVERS',
    'BIOMEDICAL',
    'BUILDING',
    'WEBSITE',
    'OTHER',
  ],
  handlingState: ['IN_PROGRESS', 'CONTAINED', 'RESOLVED', 'UNKNOWN'],
  maliciousTypes: [
    'IS_COMPROMISE',
    'RANSOMWARE',
    'MALICIOUS_EMAIL',
    'DATA_LEAK',
    'EQUIPMENT_THEFT',
    'DDOS',
    'DEFACEMENT',
    'ACCOUNT_COMPROMISE',
    'OTHER_MALICIOUS',
  ],
  nonMaliciousTypes: ['INFRA_FAILURE', 'TELECOM_LOSS', 'SUPPLIER_INCIDENT', 'APP_MALFUNCTION', 'OTHER'],
  supplierInvolved: ['YES', 'NO', 'UNKNOWN'],
  otherNotifications: ['ANSSI', 'CNIL', 'COMPLAINT'],
} as const;

/** What the person types, as typed (strings, '' for "not answered yet"): a draft keeps it as is. */
export interface DeclareForm {
  finess: string;
  structureName: string;
  structureType: string;
  region: string;
  isOse: boolean;
  /** '' until answered: the API's default (NONE) then stands. */
  nis2: string;
  declarantName: string;
  declarantRole: string;
  declarantEmail: string;
  declarantPhone: string;
  /** `YYYY-MM-DDTHH:mm`, the browser's local time (a datetime-local input's value). */
  occurredAt: string;
  detectedAt: string;
  description: string;
  suspectedOrigin: string;
  operationalImpact: string;
  patientEndangerment: string;
  dataImpacts: string[];
  systemsConcerned: string[];
  systemsDetail: string;
  handlingState: string;
  personsAffected: string;
  suspectedType: string;
  measuresTaken: string;
  supportRequested: boolean;
  supplierInvolved: string;
  supplierName: string;
  otherNotifications: string[];
}

/** A datetime-local value for `date`, to the minute (floored, so that "now" is never in the future). */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Both instants start at the minute the form opened: "je ne sais pas" about the start is the detection. */
export function emptyForm(now = new Date()): DeclareForm {
  const minute = localDateTime(now);
  return {
    finess: '',
    structureName: '',
    structureType: '',
    region: '',
    isOse: false,
    nis2: '',
    declarantName: '',
    declarantRole: '',
    declarantEmail: '',
    declarantPhone: '',
    occurredAt: minute,
    detectedAt: minute,
    description: '',
    suspectedOrigin: '',
    operationalImpact: '',
    patientEndangerment: '',
    dataImpacts: [],
    systemsConcerned: [],
    systemsDetail: '',
    handlingState: '',
    personsAffected: '',
    suspectedType: '',
    measuresTaken: '',
    supportRequested: false,
    supplierInvolved: '',
    supplierName: '',
    otherNotifications: [],
  };
}

/** The steps, in order; each API field (dotted path, as a 400 names it) belongs to one. */
export const STEP_COUNT = 4;
export const ESSENTIALS = 0;
export const REVIEW = 3;

/** API field → [the step that shows it, the DOM id of its first control]. Ids are stable: tests use them. */
export const FIELD_PLACES: Record<string, [step: number, id: string]> = {
  'structure.finess': [0, 'declare-finess'],
  'structure.name': [0, 'declare-structure-name'],
  'structure.type': [0, 'declare-structure-type'],
  'structure.region': [0, 'declare-region'],
  'structure.nis2': [0, 'declare-nis2'],
  'structure.isOse': [0, 'declare-isOse-0'],
  'declarant.name': [0, 'declare-declarant-name'],
  'declarant.role': [0, 'declare-declarant-role'],
  'declarant.email': [0, 'declare-declarant-email'],
  'declarant.phone': [0, 'declare-declarant-phone'],
  occurredAt: [0, 'declare-occurred-at'],
  detectedAt: [0, 'declare-detected-at'],
  description: [0, 'declare-description'],
  suspectedOrigin: [0, 'declare-suspectedOrigin-0'],
  operationalImpact: [0, 'declare-operationalImpact-0'],
  patientEndangerment: [0, 'declare-patientEndangerment-0'],
  dataImpacts: [0, 'declare-dataImpacts-0'],
  systemsConcerned: [1, 'declare-systemsConcerned-0'],
  systemsDetail: [1, 'declare-systems-detail'],
  handlingState: [1, 'declare-handlingState-0'],
  personsAffected: [1, 'declare-persons-affected'],
  suspectedType: [1, 'declare-suspected-type'],
  measuresTaken: [2, 'declare-measures-taken'],
  supportRequested: [2, 'declare-supportRequested-0'],
  supplierInvolved: [2, 'declare-supplierInvolved-0'],
  supplierName: [2, 'declare-supplier-name'],
  otherNotifications: [2, 'declare-otherNotifications-0'],
};

/** `dataImpacts.1` → `dataImpacts`; an unknown path stays as it is. */
export function formFieldOf(apiField: string): string {
  if (FIELD_PLACES[apiField] !== undefined) return apiField;
  const parent = apiField.split('.').slice(0, -1).join('.');
  return parent !== '' && FIELD_PLACES[parent] !== undefined ? parent : apiField;
}

/** The essentials the API requires; the rest of the wizard can wait for an amendment. */
const REQUIRED: (keyof DeclareForm)[] = [
  'finess',
  'structureName',
  'structureType',
  'region',
  'declarantName',
  'declarantRole',
  'declarantEmail',
  'occurredAt',
  'detectedAt',
  'description',
  'suspectedOrigin',
  'operationalImpact',
  'patientEndangerment',
];

const API_FIELD: Partial<Record<keyof DeclareForm, string>> = {
  finess: 'structure.finess',
  structureName: 'structure.name',
  structureType: 'structure.type',
  region: 'structure.region',
  nis2: 'structure.nis2',
  isOse: 'structure.isOse',
  declarantName: 'declarant.name',
  declarantRole: 'declarant.role',
  declarantEmail: 'declarant.email',
  declarantPhone: 'declarant.phone',
};

/** The API's name of a form field (`declarantEmail` → `declarant.email`). */
export const apiFieldOf = (field: string): string => API_FIELD[field as keyof DeclareForm] ?? field;

/**
 * The required answers still missing, as API field names: checked here only so that an
 * incomplete declaration never waits in the outbox for a refusal. Every other rule is the API's.
 */
export function missingEssentials(form: DeclareForm): string[] {
  return REQUIRED.filter((field) => {
    const value = form[field];
    return typeof value === 'string' && value.trim() === '';
  }).map(apiFieldOf);
}

const text = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A datetime-local value as an instant with its offset (ISO 8601 UTC); '' stays '' for the API to refuse. */
const instant = (value: string): string => {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
};

/** Steps 2–3: only what was answered (the API's defaults stand for the rest: `[]`, UNKNOWN, null). */
function laterAnswers(form: DeclareForm): Partial<SubmitBody> {
  const fields: Partial<SubmitBody> = {};
  if (form.systemsConcerned.length > 0)
    fields.systemsConcerned = form.systemsConcerned as SubmitBody['systemsConcerned'];
  if (text(form.systemsDetail) !== null) fields.systemsDetail = text(form.systemsDetail);
  if (form.handlingState !== '') fields.handlingState = form.handlingState as SubmitBody['handlingState'];
  if (form.personsAffected.trim() !== '') {
    const count = Number(form.personsAffected.replace(/\s/g, ''));
    // Not a whole number: sent as typed, so that the API names the field (and the page shows why).
    fields.personsAffected = Number.isInteger(count) ? count : (form.personsAffected as unknown as number);
  }
  if (form.supplierInvolved !== '')
    fields.supplierInvolved = form.supplierInvolved as SubmitBody['supplierInvolved'];
  if (form.supplierInvolved === 'YES' && text(form.supplierName) !== null)
    fields.supplierName = text(form.supplierName);
  if (form.otherNotifications.length > 0)
    fields.otherNotifications = form.otherNotifications as SubmitBody['otherNotifications'];
  return fields;
}

/** The body of `POST /api/v1/declarations`: the answers given, nothing the person left unanswered. */
export function toSubmission(form: DeclareForm): SubmitBody {
  const origin = form.suspectedOrigin as SubmitBody['suspectedOrigin'];
  return {
    structure: {
      finess: form.finess,
      name: form.structureName.trim(),
      type: form.structureType as SubmitBody['structure']['type'],
      region: form.region as SubmitBody['structure']['region'],
      isOse: form.isOse,
      ...(form.nis2 === '' ? {} : { nis2: form.nis2 as SubmitBody['structure']['nis2'] }),
    },
    declarant: {
      name: form.declarantName.trim(),
      role: form.declarantRole.trim(),
      email: form.declarantEmail.trim(),
      ...(text(form.declarantPhone) === null ? {} : { phone: text(form.declarantPhone) }),
    },
    occurredAt: instant(form.occurredAt),
    detectedAt: instant(form.detectedAt),
    description: form.description.trim(),
    suspectedOrigin: origin,
    // A type only for a known origin (the API refuses a type of unknown origin).
    ...(form.suspectedType !== '' && origin !== 'UNKNOWN'
      ? { suspectedType: form.suspectedType as SubmitBody['suspectedType'] }
      : {}),
    operationalImpact: form.operationalImpact as SubmitBody['operationalImpact'],
    patientEndangerment: form.patientEndangerment as SubmitBody['patientEndangerment'],
    dataImpacts: form.dataImpacts as SubmitBody['dataImpacts'],
    supportRequested: form.supportRequested,
    ...(text(form.measuresTaken) === null ? {} : { measuresTaken: text(form.measuresTaken) }),
    ...laterAnswers(form),
  };
}

/** The types that fit the origin chosen (the typology of DOMAIN.md §1.3–1.4). */
export function typesFor(origin: string): readonly string[] {
  if (origin === 'MALICIOUS') return CODES.maliciousTypes;
  if (origin === 'NON_MALICIOUS') return CODES.nonMaliciousTypes;
  return [];
}
