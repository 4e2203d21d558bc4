import type { Clock, DeclarationSubmitted, ReminderKind } from '@vigie/domain';

/**
 * The bodies the webhooks receive. Only the structure, codes, ids, instants and a link: never the
 * declarant's name, e-mail or phone, nor free text (a description may quote anyone).
 */
export interface DeclarationMessage {
  deliveryId: string;
  event: 'declaration.submitted';
  declaration: {
    id: string;
    link: string;
    structure: { finess: string; name: string; type: string; region: string; isOse: boolean; nis2: string };
    occurredAt: string;
    detectedAt: string;
    submittedAt: string;
    suspectedOrigin: string;
    suspectedType: string | null;
    operationalImpact: string;
    patientEndangerment: string;
    dataImpacts: string[];
    supportRequested: boolean;
  };
}

export interface ReminderMessage {
  deliveryId: string;
  event: `deadline.${ReminderKind}`;
  declaration: { id: string; link: string; finess: string; structureName: string };
  clock: Pick<Clock, 'clockId' | 'regime' | 'stage' | 'dueAt' | 'requestId'>;
}

export const declarationLink = (publicUrl: string | null, declarationId: string): string =>
  `${publicUrl ?? ''}/api/v1/declarations/${declarationId}`;

/** As submitted, so that a delivery retried later sends the very same body. */
export function declarationMessage(
  submitted: DeclarationSubmitted['data'],
  deliveryId: string,
  publicUrl: string | null,
): DeclarationMessage {
  const { structure } = submitted;
  return {
    deliveryId,
    event: 'declaration.submitted',
    declaration: {
      id: submitted.declarationId,
      link: declarationLink(publicUrl, submitted.declarationId),
      structure: {
        finess: structure.finess,
        name: structure.name,
        type: structure.type,
        region: structure.region,
        isOse: structure.isOse,
        nis2: structure.nis2,
      },
      occurredAt: submitted.occurredAt,
      detectedAt: submitted.detectedAt,
      submittedAt: submitted.submittedAt,
      suspectedOrigin: submitted.suspectedOrigin,
      suspectedType: submitted.suspectedType,
      operationalImpact: submitted.operationalImpact,
      patientEndangerment: submitted.patientEndangerment,
      dataImpacts: [...submitted.dataImpacts],
      supportRequested: submitted.supportRequested,
    },
  };
}

export function reminderMessage(
  declaration: { declarationId: string; finess: string; structureName: string },
  clock: Clock,
  reminder: ReminderKind,
  deliveryId: string,
  publicUrl: string | null,
): ReminderMessage {
  return {
    deliveryId,
    event: `deadline.${reminder}`,
    declaration: {
      id: declaration.declarationId,
      link: declarationLink(publicUrl, declaration.declarationId),
      finess: declaration.finess,
      structureName: declaration.structureName,
    },
    clock: {
      clockId: clock.clockId,
      regime: clock.regime,
      stage: clock.stage,
      dueAt: clock.dueAt,
      requestId: clock.requestId,
    },
  };
}
