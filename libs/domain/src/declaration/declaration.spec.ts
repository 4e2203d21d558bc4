import type { DeclarationCommand } from './declaration.commands';
import { unstatedFormFields } from './declaration-form';
import {
  declarationStatus,
  deriveStatus,
  evolve,
  foldDeclaration,
  initialState,
  type DeclarationStatus,
} from './declaration';
import { decide } from '../declaration-decider';
import { DeclarationNotFound } from './declaration.errors';
import type { DeclarationEvent } from './declaration.events';
import { given } from '../testing/given-when-then';
import {
  DECLARATION_ID,
  DETECTED_AT,
  amendDeclaration,
  amended,
  closeDeclaration,
  complementProvided,
  complementRequested,
  declarationClosed,
  declarationQualified,
  declarationReopened,
  declarationRequalified,
  declarationSubmitted,
  logSupportIntervention,
  provideComplement,
  qualification,
  qualifyDeclaration,
  reopenDeclaration,
  reportResolution,
  requestComplement,
  requestSupport,
  resolutionReported,
  submitDeclaration,
  supportInterventionLogged,
  supportRequested,
} from '../testing/fixtures';
import {
  amendRegulatoryStatus,
  declareCnilNotification,
  recordAuthorityNotification,
  recordDeadlineReminder,
  requestIntermediateReport,
  submitStagedReport,
} from '../testing/regulatory-fixtures';

const submitted = declarationSubmitted();

describe('a declaration that does not exist', () => {
  const commandsOnExisting: DeclarationCommand[] = [
    amendDeclaration({ description: 'x' }),
    requestComplement(),
    provideComplement(),
    qualifyDeclaration(),
    requestSupport(),
    logSupportIntervention(),
    reportResolution(),
    closeDeclaration(),
    reopenDeclaration(),
    amendRegulatoryStatus({ nis2: 'ESSENTIAL' }),
    submitStagedReport(),
    requestIntermediateReport(),
    declareCnilNotification(),
    recordAuthorityNotification(),
    recordDeadlineReminder(),
  ];

  it.each(commandsOnExisting.map((command) => [command.type, command] as const))(
    '%s is refused: the declaration is not found',
    (_type, command) => {
      const error = given([]).when(command).thenThrows(DeclarationNotFound);
      expect(error).toMatchObject({ kind: 'not-found', declarationId: DECLARATION_ID });
    },
  );

  it('only a submission creates it', () => {
    expect(decide(submitDeclaration(), initialState())).toHaveLength(1);
  });
});

describe('evolve', () => {
  it('a submitted declaration exists, with its FINESS, detection instant and amendable values', () => {
    const state = foldDeclaration([submitted]);
    expect(state).toEqual({
      exists: true,
      finess: '750712184',
      detectedAt: DETECTED_AT,
      closed: false,
      resolved: false,
      openComplementRequestId: null,
      qualification: null,
      amendable: {
        description: 'Postes chiffrés aux urgences',
        operationalImpact: 'DEGRADED',
        patientEndangerment: 'POTENTIAL',
        dataImpacts: ['AVAILABILITY'],
        measuresTaken: 'Réseau isolé',
        suspectedOrigin: 'MALICIOUS',
        suspectedType: 'RANSOMWARE',
        degradedModeStartedAt: null,
        degradedModeEndedAt: null,
        ...unstatedFormFields(),
      },
      nis2: 'NONE',
      isOse: false,
      notificationSubmitted: false,
      finalSubmitted: false,
      openIntermediateRequestId: null,
      cnilNotificationDeclared: false,
      deliveredIds: [],
    });
  });

  it('every amendment event sets its field to the new value', () => {
    const state = foldDeclaration([
      submitted,
      amended('DescriptionAmended', 'Postes chiffrés aux urgences', 'Étendu'),
      amended('OperationalImpactAmended', 'DEGRADED', 'INTERRUPTION'),
      amended('PatientEndangermentAmended', 'POTENTIAL', 'ACTUAL'),
      amended('DataImpactsAmended', ['AVAILABILITY'], ['INTEGRITY']),
      amended('MeasuresTakenAmended', 'Réseau isolé', null),
      amended('SuspectedOriginAmended', 'MALICIOUS', 'NON_MALICIOUS'),
      amended('SuspectedTypeAmended', 'RANSOMWARE', 'OTHER'),
      amended('DegradedModeStartAmended', null, '2026-03-02T07:00:00.000Z'),
      amended('DegradedModeEndAmended', null, '2026-03-02T09:00:00.000Z'),
      amended('SystemsConcernedAmended', [], ['PATIENT_RECORD', 'IMAGING']),
      amended('SystemsDetailAmended', null, 'DPI et PACS'),
      amended('HandlingStateAmended', 'UNKNOWN', 'CONTAINED'),
      amended('PersonsAffectedAmended', null, 1200),
      amended('SupplierInvolvedAmended', 'UNKNOWN', 'YES'),
      amended('SupplierNameAmended', null, 'Éditeur X'),
      amended('OtherNotificationsAmended', [], ['ANSSI', 'CNIL']),
    ]);
    expect(state.amendable).toEqual({
      description: 'Étendu',
      operationalImpact: 'INTERRUPTION',
      patientEndangerment: 'ACTUAL',
      dataImpacts: ['INTEGRITY'],
      measuresTaken: null,
      suspectedOrigin: 'NON_MALICIOUS',
      suspectedType: 'OTHER',
      degradedModeStartedAt: '2026-03-02T07:00:00.000Z',
      degradedModeEndedAt: '2026-03-02T09:00:00.000Z',
      systemsConcerned: ['PATIENT_RECORD', 'IMAGING'],
      systemsDetail: 'DPI et PACS',
      handlingState: 'CONTAINED',
      personsAffected: 1200,
      supplierInvolved: 'YES',
      supplierName: 'Éditeur X',
      otherNotifications: ['ANSSI', 'CNIL'],
    });
  });

  it('a complement request stays open until it is answered', () => {
    expect(foldDeclaration([submitted, complementRequested()]).openComplementRequestId).toBe('complement-1');
    expect(
      foldDeclaration([submitted, complementRequested(), complementProvided()]).openComplementRequestId,
    ).toBeNull();
  });

  it('the state keeps the latest qualification', () => {
    const latest = qualification({ type: 'DATA_LEAK' });
    expect(foldDeclaration([submitted, declarationQualified()]).qualification).toEqual(qualification());
    expect(
      foldDeclaration([submitted, declarationQualified(), declarationRequalified(qualification(), latest)])
        .qualification,
    ).toEqual(latest);
  });

  it('reopening clears both closed and resolved', () => {
    const closed = foldDeclaration([submitted, resolutionReported(), declarationClosed()]);
    expect(closed).toMatchObject({ closed: true, resolved: true });
    expect(evolve(closed, declarationReopened())).toMatchObject({ closed: false, resolved: false });
  });

  it('support events change nothing a rule reads', () => {
    const state = foldDeclaration([submitted]);
    expect(foldDeclaration([submitted, supportRequested(), supportInterventionLogged()])).toEqual(state);
  });

  it('evolve does not modify the state it is given', () => {
    const state = foldDeclaration([submitted]);
    const before = structuredClone(state);
    evolve(state, amended('DataImpactsAmended', ['AVAILABILITY'], ['INTEGRITY']));
    evolve(state, declarationClosed());
    expect(state).toEqual(before);
  });

  it('an event type it does not know is an error, not a silent skip', () => {
    const unknown = { type: 'DeclarationTeleported', data: { declarationId: DECLARATION_ID } };
    expect(() => evolve(initialState(), unknown as unknown as DeclarationEvent)).toThrow(
      /DeclarationTeleported/,
    );
  });
});

describe('status', () => {
  const none = { closed: false, resolved: false, complementOpen: false, qualified: false };
  it.each<[Partial<typeof none>, DeclarationStatus]>([
    [{}, 'SUBMITTED'],
    [{ qualified: true }, 'QUALIFIED'],
    [{ qualified: true, complementOpen: true }, 'COMPLEMENT_REQUESTED'],
    [{ qualified: true, complementOpen: true, resolved: true }, 'RESOLVED'],
    [{ qualified: true, complementOpen: true, resolved: true, closed: true }, 'CLOSED'],
    [{ closed: true }, 'CLOSED'],
  ])('closed > resolved > complement open > qualified > submitted: %j is %s', (flags, status) => {
    expect(deriveStatus({ ...none, ...flags })).toBe(status);
  });

  it.each<[string, DeclarationEvent[], DeclarationStatus]>([
    ['submitted', [submitted], 'SUBMITTED'],
    ['asked for a complement', [submitted, complementRequested()], 'COMPLEMENT_REQUESTED'],
    ['answered', [submitted, complementRequested(), complementProvided()], 'SUBMITTED'],
    ['qualified', [submitted, declarationQualified()], 'QUALIFIED'],
    ['resolved', [submitted, declarationQualified(), resolutionReported()], 'RESOLVED'],
    ['closed', [submitted, resolutionReported(), declarationClosed()], 'CLOSED'],
    [
      'reopened',
      [submitted, declarationQualified(), resolutionReported(), declarationClosed(), declarationReopened()],
      'QUALIFIED',
    ],
  ])('a declaration %s has the status of its state', (_name, history, status) => {
    expect(declarationStatus(foldDeclaration(history))).toBe(status);
  });
});
