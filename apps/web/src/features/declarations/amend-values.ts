import type { AmendBody, DeclarationView } from './declaration-types';

/** The fields the declarant's amendment form edits, as its inputs hold them. */
export interface AmendValues {
  description: string;
  measuresTaken: string;
  operationalImpact: DeclarationView['operationalImpact'];
  patientEndangerment: DeclarationView['patientEndangerment'];
  handlingState: DeclarationView['handlingState'];
}

export const AMENDED_FIELDS = [
  'description',
  'measuresTaken',
  'operationalImpact',
  'patientEndangerment',
] as const;
export type AmendedField = (typeof AMENDED_FIELDS)[number];

export const valuesOf = (view: DeclarationView): AmendValues => ({
  description: view.description,
  measuresTaken: view.measuresTaken ?? '',
  operationalImpact: view.operationalImpact,
  patientEndangerment: view.patientEndangerment,
  handlingState: view.handlingState,
});

/** What the user changed from what they saw: only those fields are sent (an emptied text clears it). */
export function changesOf(base: AmendValues, input: AmendValues): AmendBody {
  const body: AmendBody = {};
  if (input.description !== base.description) body.description = input.description;
  if (input.measuresTaken !== base.measuresTaken)
    body.measuresTaken = input.measuresTaken.trim() === '' ? null : input.measuresTaken;
  if (input.operationalImpact !== base.operationalImpact) body.operationalImpact = input.operationalImpact;
  if (input.patientEndangerment !== base.patientEndangerment)
    body.patientEndangerment = input.patientEndangerment;
  return body;
}

/** The fields I change that someone else changed meanwhile: their value moved under me. */
export const fieldsChangedUnder = (mine: AmendBody, seen: AmendValues, now: AmendValues): AmendedField[] =>
  AMENDED_FIELDS.filter((field) => field in mine && seen[field] !== now[field]);
