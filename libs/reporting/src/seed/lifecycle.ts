import {
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  type Actor,
  type DataImpact,
  type DeclarationCommand,
  type IncidentType,
  type OperationalImpact,
  type PatientEndangerment,
  type QualifiedOrigin,
  type SubmitDeclaration,
  type SuspectedOrigin,
} from '@vigie/domain';
import type { DeclarationPlan } from './plan-declarations';
import { Prng, uuidFrom } from './prng';

export interface TimedCommand {
  at: number;
  /** Order of commands of one declaration at the same instant. */
  step: number;
  command: SeedCommand;
}

/** A submission gets its reference when the seed writes it (seed-profile.ts). */
export type SeedCommand =
  Exclude<DeclarationCommand, SubmitDeclaration> | Omit<SubmitDeclaration, 'reference'>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/**
 * A command before the seed stamps who gives it, when, and on which declaration; a submission's
 * reference is reserved by seedProfile, in submission order, before any is written.
 */
type CommandIntent =
  | DistributiveOmit<Exclude<DeclarationCommand, SubmitDeclaration>, 'declarationId' | 'now' | 'actor'>
  | Omit<SubmitDeclaration, 'declarationId' | 'now' | 'actor' | 'reference'>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ANALYSTS: Actor[] = [1, 2, 3, 4].map((n) => ({
  sub: `cert-sante-analyste-${n}`,
  role: 'analyst' as const,
}));

const DESCRIPTIONS: Record<IncidentType, string> = {
  RANSOMWARE: 'Chiffrement de serveurs et de postes, demande de rançon affichée.',
  IS_COMPROMISE: 'Activité anormale sur un serveur exposé, connexions depuis l’étranger.',
  MALICIOUS_EMAIL: 'Campagne de courriels d’hameçonnage reçue par plusieurs services.',
  DATA_LEAK: 'Données de patients retrouvées sur un site de partage public.',
  EQUIPMENT_THEFT: 'Vol d’un ordinateur portable contenant des données de santé.',
  DDOS: 'Site internet et portail patients indisponibles sous un afflux de requêtes.',
  DEFACEMENT: 'Page d’accueil du site internet remplacée par un message revendicatif.',
  ACCOUNT_COMPROMISE: 'Compte de messagerie utilisé pour envoyer des courriels frauduleux.',
  OTHER_MALICIOUS: 'Acte malveillant sur le système d’information, en cours d’analyse.',
  INFRA_FAILURE: 'Panne de l’infrastructure (stockage, virtualisation) du système d’information.',
  TELECOM_LOSS: 'Perte du lien télécom avec le site principal.',
  SUPPLIER_INCIDENT: 'Indisponibilité d’une application hébergée chez le prestataire.',
  APP_MALFUNCTION: 'Dysfonctionnement du logiciel de prescription après une mise à jour.',
  OTHER: 'Incident matériel (dégât des eaux en salle serveur).',
};

/** The opposite origin, with the type an analyst could first have believed. */
const FIRST_GUESS: Record<QualifiedOrigin, { origin: QualifiedOrigin; type: IncidentType }> = {
  MALICIOUS: { origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' },
  NON_MALICIOUS: { origin: 'MALICIOUS', type: 'IS_COMPROMISE' },
};

const milderImpact = (impact: OperationalImpact): OperationalImpact =>
  impact === 'INTERRUPTION' ? 'DEGRADED' : 'NONE';
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The story of one declaration, told through the same commands people use: submitted with what the
 * declarant knew, amended as things became clearer, qualified (sometimes wrongly first) by the CERT,
 * supported, resolved and closed. The last state is exactly the plan.
 */
export function lifecycleOf(plan: DeclarationPlan, seedKey: string): TimedCommand[] {
  const prng = Prng.from(seedKey, plan.index);
  const declarationId = plan.id;
  const declarant: Actor = { sub: `declarant-${plan.structure.finess}`, role: 'declarant' };
  const analyst = prng.pick(ANALYSTS);
  const commands: TimedCommand[] = [];
  let step = 0;
  const at = (when: number, command: CommandIntent, actor: Actor) =>
    commands.push({
      at: when,
      step: step++,
      command: { ...command, declarationId, actor, now: iso(when) } as SeedCommand,
    });
  const t0 = plan.submittedAt;
  let last = t0;
  const later = (min: number, max: number): number => (last = last + prng.int(min, max));

  // What the declarant says at first: often the right origin, sometimes unknown or mistaken.
  const firstGuess = plan.requalified ? FIRST_GUESS[plan.origin] : null;
  const suspicion = suspicionAtSubmission(plan, firstGuess?.origin ?? null, prng);
  const impactLater = plan.operationalImpact !== 'NONE' && prng.chance(0.15);
  const endangermentLater = plan.patientEndangerment !== 'NONE' && prng.chance(0.25);
  const dataLater = plan.dataImpacts.length > 0 && prng.chance(0.12);
  const supportAtSubmission = plan.supportRequested && prng.chance(0.6);

  at(
    t0,
    {
      type: 'SubmitDeclaration',
      structure: {
        finess: plan.structure.finess,
        name: plan.structure.name,
        type: plan.structure.type,
        region: plan.structure.region,
        isOse: plan.structure.isOse,
        nis2: 'NONE',
      },
      declarant: {
        name: `Responsable SSI ${plan.structure.finess}`,
        role: 'RSSI',
        email: `rssi.${plan.structure.finess}@example.org`,
        phone: null,
      },
      occurredAt: iso(plan.occurredAt),
      detectedAt: iso(plan.detectedAt),
      description: plan.type ? DESCRIPTIONS[plan.type] : 'Incident en cours de caractérisation.',
      suspectedOrigin: suspicion.origin,
      suspectedType: suspicion.type,
      operationalImpact: impactLater ? milderImpact(plan.operationalImpact) : plan.operationalImpact,
      patientEndangerment: endangermentLater
        ? firstEndangerment(plan.patientEndangerment)
        : plan.patientEndangerment,
      dataImpacts: dataLater ? plan.dataImpacts.slice(1) : plan.dataImpacts,
      supportRequested: supportAtSubmission,
      measuresTaken: prng.chance(0.7)
        ? 'Isolement des postes touchés, bascule en procédures dégradées.'
        : null,
    },
    declarant,
  );

  if (plan.supportRequested && !supportAtSubmission) {
    at(
      later(HOUR, 36 * HOUR),
      { type: 'RequestSupport', reason: 'Besoin d’un appui pour la remédiation.' },
      declarant,
    );
  }
  const changes: Partial<{
    operationalImpact: OperationalImpact;
    patientEndangerment: PatientEndangerment;
    dataImpacts: DataImpact[];
  }> = {};
  if (impactLater) changes.operationalImpact = plan.operationalImpact;
  if (endangermentLater) changes.patientEndangerment = plan.patientEndangerment;
  if (dataLater) changes.dataImpacts = plan.dataImpacts;
  if (Object.keys(changes).length > 0)
    at(later(2 * HOUR, 2 * DAY), { type: 'AmendDeclaration', changes }, declarant);

  // An unknown origin the declarant settles before the CERT does; an unqualified one must be settled, it counts as said.
  if (suspicion.origin === 'UNKNOWN' && plan.type === null) {
    at(later(HOUR, DAY), { type: 'AmendDeclaration', changes: { suspectedOrigin: plan.origin } }, declarant);
  } else if (suspicion.origin === 'UNKNOWN' && !plan.requalified && prng.chance(0.4)) {
    at(
      later(HOUR, DAY),
      { type: 'AmendDeclaration', changes: { suspectedOrigin: plan.origin, suspectedType: plan.type } },
      declarant,
    );
  }
  for (const kind of plan.interventions) {
    at(
      later(2 * HOUR, 3 * DAY),
      {
        type: 'LogSupportIntervention',
        interventionId: uuidFrom(`${declarationId}/intervention/${kind}`),
        kind,
        summary: 'Appui du CERT Santé à la structure.',
      },
      analyst,
    );
  }
  if (plan.type === null) {
    // Still waiting for its qualification when the year's report is produced.
    if (prng.chance(0.5)) complement(later(2 * HOUR, 2 * DAY));
    return commands;
  }

  if (!plan.requalified && prng.chance(0.25)) complement(later(4 * HOUR, 3 * DAY));
  const qualification = (origin: QualifiedOrigin, incidentType: IncidentType, inScope: boolean) => ({
    type: 'QualifyDeclaration' as const,
    origin,
    incidentType,
    attackVectors: [],
    regulatoryQualification:
      plan.patientEndangerment !== 'NONE' || plan.operationalImpact === 'INTERRUPTION'
        ? ('GRAVE' as const)
        : ('SIGNIFICATIF' as const),
    inScope,
    outOfScopeReason: inScope
      ? null
      : plan.structure.type === 'HORS'
        ? 'Structure hors du périmètre du signalement obligatoire.'
        : 'Incident sans lien avec un système d’information.',
  });
  if (firstGuess) {
    at(later(DAY, 5 * DAY), qualification(firstGuess.origin, firstGuess.type, plan.inScope), analyst);
    complement(later(HOUR, 2 * DAY));
    at(later(HOUR, 4 * DAY), qualification(plan.origin, plan.type, plan.inScope), analyst);
  } else if (!plan.inScope && prng.chance(0.2)) {
    // First taken in, then found to be out of the scope of mandatory reporting.
    at(later(DAY, 5 * DAY), qualification(plan.origin, plan.type, true), analyst);
    at(later(DAY, 5 * DAY), qualification(plan.origin, plan.type, false), analyst);
  } else {
    at(later(DAY, 8 * DAY), qualification(plan.origin, plan.type, plan.inScope), analyst);
  }

  if (plan.operationalImpact !== 'NONE' && prng.chance(0.4)) {
    const startedAt = plan.detectedAt + prng.int(0, 2 * HOUR);
    const endedAt = startedAt + prng.int(4 * HOUR, 10 * DAY);
    last = Math.max(last, endedAt);
    at(
      later(HOUR, DAY),
      {
        type: 'AmendDeclaration',
        changes: { degradedModeStartedAt: iso(startedAt), degradedModeEndedAt: iso(endedAt) },
      },
      declarant,
    );
  }
  if (prng.chance(0.92)) {
    const reportedAt = later(DAY, 20 * DAY);
    const resolvedAt = Math.max(plan.detectedAt, reportedAt - prng.int(0, 2 * DAY));
    at(
      reportedAt,
      {
        type: 'ReportResolution',
        resolvedAt: iso(resolvedAt),
        summary: 'Services rétablis, mesures de sécurité renforcées.',
      },
      prng.chance(0.7) ? declarant : analyst,
    );
    if (prng.chance(0.85)) {
      at(later(DAY, 10 * DAY), { type: 'CloseDeclaration', reason: 'Incident résolu.' }, analyst);
      if (prng.chance(0.03)) {
        at(
          later(DAY, 5 * DAY),
          { type: 'ReopenDeclaration', reason: 'Nouvelle activité suspecte signalée.' },
          analyst,
        );
        at(
          later(DAY, 5 * DAY),
          { type: 'CloseDeclaration', reason: 'Pas de lien avec l’incident initial.' },
          analyst,
        );
      }
    }
  }
  return commands;

  function complement(when: number): void {
    at(
      when,
      {
        type: 'RequestComplement',
        requestId: uuidFrom(`${declarationId}/complement/${step}`),
        question: 'Pouvez-vous préciser les systèmes touchés ?',
      },
      analyst,
    );
    at(
      later(HOUR, 2 * DAY),
      { type: 'ProvideComplement', answer: 'Serveurs applicatifs et messagerie.' },
      declarant,
    );
  }
}

function suspicionAtSubmission(
  plan: DeclarationPlan,
  misled: QualifiedOrigin | null,
  prng: Prng,
): { origin: SuspectedOrigin; type: IncidentType | null } {
  if (plan.type === null) return { origin: prng.chance(0.5) ? plan.origin : 'UNKNOWN', type: null };
  // An unqualified declaration counts at its suspicion; a qualified one only needs a coherent suspicion.
  if (misled) return { origin: misled, type: null };
  const roll = prng.next();
  if (roll < 0.65) return { origin: plan.origin, type: prng.chance(0.6) ? plan.type : null };
  if (roll < 0.9) return { origin: 'UNKNOWN', type: null };
  const other: QualifiedOrigin = plan.origin === 'MALICIOUS' ? 'NON_MALICIOUS' : 'MALICIOUS';
  return { origin: other, type: prng.pick(other === 'MALICIOUS' ? MALICIOUS_TYPES : NON_MALICIOUS_TYPES) };
}

const firstEndangerment = (final: PatientEndangerment): PatientEndangerment =>
  final === 'ACTUAL' ? 'POTENTIAL' : 'NONE';
