import type { AmendDeclaration, FormFields } from '@vigie/domain';
import { formFieldsOf } from './form-fields.dto';
import type {
  AmendDeclarationDto,
  InternalNoteDto,
  LogSupportInterventionDto,
  PostMessageDto,
  ProvideComplementDto,
  QualifyDeclarationDto,
  ReasonDto,
  ReportResolutionDto,
  RequestComplementDto,
  RequestSupportDto,
} from './declaration-actions.dto';
import type { CommandIntent } from './execute-declaration-command';
import type { SubmitDeclarationDto } from './submit-declaration.dto';

/** From validated request bodies to commands: defaults of the contract are applied here, once. */
export const submitIntent = (declarationId: string, dto: SubmitDeclarationDto): CommandIntent => ({
  type: 'SubmitDeclaration',
  declarationId,
  structure: {
    finess: dto.structure.finess,
    name: dto.structure.name,
    type: dto.structure.type,
    region: dto.structure.region,
    isOse: dto.structure.isOse ?? false,
    nis2: dto.structure.nis2 ?? 'NONE',
  },
  declarant: {
    name: dto.declarant.name,
    role: dto.declarant.role,
    email: dto.declarant.email,
    phone: dto.declarant.phone ?? null,
  },
  occurredAt: dto.occurredAt,
  detectedAt: dto.detectedAt,
  description: dto.description,
  suspectedOrigin: dto.suspectedOrigin,
  suspectedType: dto.suspectedType ?? null,
  operationalImpact: dto.operationalImpact,
  patientEndangerment: dto.patientEndangerment,
  dataImpacts: dto.dataImpacts,
  supportRequested: dto.supportRequested ?? false,
  measuresTaken: dto.measuresTaken ?? null,
  ...(formFieldsOf(dto) as Partial<FormFields>),
});

const AMENDABLE = [
  'description',
  'operationalImpact',
  'patientEndangerment',
  'dataImpacts',
  'measuresTaken',
  'suspectedOrigin',
  'suspectedType',
  'degradedModeStartedAt',
  'degradedModeEndedAt',
] as const satisfies readonly (keyof AmendDeclaration['changes'] & keyof AmendDeclarationDto)[];

/** Absent fields stay as they are; a field sent as null is cleared. */
export function amendIntent(declarationId: string, dto: AmendDeclarationDto): CommandIntent {
  const changes: Record<string, unknown> = {};
  for (const field of AMENDABLE) if (dto[field] !== undefined) changes[field] = dto[field];
  Object.assign(changes, formFieldsOf(dto));
  return { type: 'AmendDeclaration', declarationId, changes: changes as AmendDeclaration['changes'] };
}

export const requestComplementIntent = (
  declarationId: string,
  requestId: string,
  dto: RequestComplementDto,
): CommandIntent => ({
  type: 'RequestComplement',
  declarationId,
  requestId,
  question: dto.question,
});

export const provideComplementIntent = (declarationId: string, dto: ProvideComplementDto): CommandIntent => ({
  type: 'ProvideComplement',
  declarationId,
  answer: dto.answer,
});

export const qualifyIntent = (declarationId: string, dto: QualifyDeclarationDto): CommandIntent => ({
  type: 'QualifyDeclaration',
  declarationId,
  origin: dto.origin,
  incidentType: dto.type,
  attackVectors: dto.attackVectors ?? [],
  regulatoryQualification: dto.regulatoryQualification,
  inScope: dto.inScope,
  outOfScopeReason: dto.outOfScopeReason ?? null,
});

export const requestSupportIntent = (declarationId: string, dto: RequestSupportDto): CommandIntent => ({
  type: 'RequestSupport',
  declarationId,
  reason: dto.reason,
});

export const logInterventionIntent = (
  declarationId: string,
  interventionId: string,
  dto: LogSupportInterventionDto,
): CommandIntent => ({
  type: 'LogSupportIntervention',
  declarationId,
  interventionId,
  kind: dto.kind,
  summary: dto.summary,
});

export const reportResolutionIntent = (declarationId: string, dto: ReportResolutionDto): CommandIntent => ({
  type: 'ReportResolution',
  declarationId,
  resolvedAt: dto.resolvedAt,
  summary: dto.summary,
});

export const closeIntent = (declarationId: string, dto: ReasonDto): CommandIntent => ({
  type: 'CloseDeclaration',
  declarationId,
  reason: dto.reason,
});

export const reopenIntent = (declarationId: string, dto: ReasonDto): CommandIntent => ({
  type: 'ReopenDeclaration',
  declarationId,
  reason: dto.reason,
});

export const postMessageIntent = (
  declarationId: string,
  messageId: string,
  dto: PostMessageDto,
): CommandIntent => ({ type: 'PostMessage', declarationId, messageId, body: dto.body });

export const assignIntent = (declarationId: string, assignee: string | null): CommandIntent => ({
  type: 'AssignDeclaration',
  declarationId,
  assignee,
});

export const internalNoteIntent = (
  declarationId: string,
  noteId: string,
  dto: InternalNoteDto,
): CommandIntent => ({
  type: 'PostInternalNote',
  declarationId,
  noteId,
  body: dto.body,
});
