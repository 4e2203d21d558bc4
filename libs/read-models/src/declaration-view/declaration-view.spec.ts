import type { DeclarationEvent } from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { DECLARATION_ID as id, at, qualification, recorded, submittedData } from '../testing/recorded-events';
import { evolveDeclarationView, type DeclarationView } from './declaration-view';

const fold = (events: RecordedEvent[], from: DeclarationView | null = null): DeclarationView | null =>
  events.reduce(evolveDeclarationView, from);

const given = (...events: DeclarationEvent[]) => ({ view: () => fold(recorded(events)) });

const submitted = (overrides = {}): DeclarationEvent => ({
  type: 'DeclarationSubmitted',
  data: submittedData(overrides),
});
const complementRequested = (requestId = 'r1'): DeclarationEvent => ({
  type: 'ComplementRequested',
  data: {
    declarationId: id,
    requestId,
    question: 'Quel serveur ?',
    requestedBy: 'analyst-1',
    requestedAt: at(10),
  },
});
const complementProvided = (requestId = 'r1'): DeclarationEvent => ({
  type: 'ComplementProvided',
  data: { declarationId: id, requestId, answer: 'Le PACS', providedBy: 'declarant-1', providedAt: at(20) },
});
const qualified = (): DeclarationEvent => ({
  type: 'DeclarationQualified',
  data: { declarationId: id, ...qualification(), qualifiedBy: 'analyst-1', qualifiedAt: at(30) },
});
const resolved = (): DeclarationEvent => ({
  type: 'ResolutionReported',
  data: {
    declarationId: id,
    resolvedAt: at(100),
    summary: 'Restauré',
    reportedBy: 'declarant-1',
    reportedAt: at(110),
  },
});
const closed = (): DeclarationEvent => ({
  type: 'DeclarationClosed',
  data: { declarationId: id, reason: 'Traité', closedBy: 'analyst-1', closedAt: at(120) },
});
const reopened = (): DeclarationEvent => ({
  type: 'DeclarationReopened',
  data: { declarationId: id, reason: 'Rechute', reopenedBy: 'analyst-1', reopenedAt: at(130) },
});

describe('declaration view', () => {
  it('a submission shows every submitted field, status SUBMITTED, revision 0 and its position', () => {
    const view = given(submitted()).view();
    expect(view).toMatchObject({
      id,
      status: 'SUBMITTED',
      structure: { finess: '750712184', type: 'ES', region: '11' },
      declarant: { name: 'Jeanne Martin', role: 'RSSI' },
      submittedAt: '2026-03-02T08:00:00.000Z',
      submittedBy: 'declarant-1',
      suspectedOrigin: 'MALICIOUS',
      suspectedType: 'RANSOMWARE',
      dataImpacts: ['AVAILABILITY'],
      qualification: null,
      complements: [],
      closure: null,
      reopenings: 0,
      revision: 0,
      position: '1',
      updatedAt: '2026-03-02T08:00:00.000Z',
    });
  });

  it('amendments show the latest value of each field', () => {
    const view = given(
      submitted(),
      {
        type: 'DescriptionAmended',
        data: { declarationId: id, from: 'x', to: 'Nouvelle description', amendedBy: 'd', amendedAt: at(5) },
      },
      {
        type: 'DataImpactsAmended',
        data: {
          declarationId: id,
          from: ['AVAILABILITY'],
          to: ['AVAILABILITY', 'CONFIDENTIALITY'],
          amendedBy: 'd',
          amendedAt: at(6),
        },
      },
      {
        type: 'SuspectedTypeAmended',
        data: { declarationId: id, from: 'RANSOMWARE', to: null, amendedBy: 'd', amendedAt: at(7) },
      },
      {
        type: 'DegradedModeStartAmended',
        data: { declarationId: id, from: null, to: at(1), amendedBy: 'd', amendedAt: at(8) },
      },
    ).view();
    expect(view).toMatchObject({
      description: 'Nouvelle description',
      dataImpacts: ['AVAILABILITY', 'CONFIDENTIALITY'],
      suspectedType: null,
      degradedModeStartedAt: at(1),
      degradedModeEndedAt: null,
      revision: 4,
      updatedAt: at(8),
    });
  });

  it('an open complement request makes it COMPLEMENT_REQUESTED until answered', () => {
    expect(given(submitted(), complementRequested()).view()?.status).toBe('COMPLEMENT_REQUESTED');
    const answered = given(submitted(), complementRequested(), complementProvided()).view();
    expect(answered?.status).toBe('SUBMITTED');
    expect(answered?.complements).toEqual([
      {
        requestId: 'r1',
        question: 'Quel serveur ?',
        requestedAt: at(10),
        requestedBy: 'analyst-1',
        answer: 'Le PACS',
        providedAt: at(20),
        providedBy: 'declarant-1',
      },
    ]);
  });

  it('shows the latest qualification after a requalification', () => {
    const view = given(submitted(), qualified(), {
      type: 'DeclarationRequalified',
      data: {
        declarationId: id,
        from: qualification(),
        to: qualification({
          origin: 'NON_MALICIOUS',
          type: 'INFRA_FAILURE',
          attackVectors: [],
          inScope: false,
          outOfScopeReason: 'Hors SI',
        }),
        requalifiedBy: 'analyst-2',
        requalifiedAt: at(40),
      },
    }).view();
    expect(view?.status).toBe('QUALIFIED');
    expect(view?.qualification).toEqual({
      origin: 'NON_MALICIOUS',
      type: 'INFRA_FAILURE',
      attackVectors: [],
      regulatoryQualification: 'GRAVE',
      inScope: false,
      outOfScopeReason: 'Hors SI',
      qualifiedBy: 'analyst-2',
      qualifiedAt: at(40),
    });
  });

  it('a later support request marks support as requested and lists it with the interventions', () => {
    const view = given(
      submitted(),
      {
        type: 'SupportRequested',
        data: { declarationId: id, reason: 'Aide', requestedBy: 'declarant-1', requestedAt: at(50) },
      },
      {
        type: 'SupportInterventionLogged',
        data: {
          declarationId: id,
          interventionId: 'i1',
          kind: 'REMOTE_ADVICE',
          summary: 'Conseils',
          loggedBy: 'analyst-1',
          loggedAt: at(60),
        },
      },
    ).view();
    expect(view?.supportRequested).toBe(true);
    expect(view?.supportRequests).toEqual([
      { reason: 'Aide', requestedAt: at(50), requestedBy: 'declarant-1' },
    ]);
    expect(view?.interventions).toEqual([
      {
        interventionId: 'i1',
        kind: 'REMOTE_ADVICE',
        summary: 'Conseils',
        loggedAt: at(60),
        loggedBy: 'analyst-1',
      },
    ]);
  });

  it('status: closed wins over resolved, resolved over an open complement request', () => {
    expect(given(submitted(), qualified(), complementRequested(), resolved()).view()?.status).toBe(
      'RESOLVED',
    );
    expect(given(submitted(), resolved(), closed()).view()).toMatchObject({
      status: 'CLOSED',
      closure: { reason: 'Traité', closedAt: at(120), closedBy: 'analyst-1' },
    });
  });

  it('a reopening clears the closure and the resolution and counts the reopening', () => {
    const view = given(submitted(), qualified(), resolved(), closed(), reopened()).view();
    expect(view).toMatchObject({ status: 'QUALIFIED', closure: null, resolution: null, reopenings: 1 });
  });

  it('regulatory events: structure flags, staged reports, requests, CNIL notification, deliveries by id', () => {
    const delivery = (attempts: number, outcome: 'delivered' | 'failed') => ({
      type: 'AuthorityNotified' as const,
      data: {
        declarationId: id,
        authority: 'ARS' as const,
        region: '11' as const,
        outcome,
        attempts,
        deliveryId: 'd-ars',
        at: at(attempts),
      },
    });
    const view = given(
      submitted(),
      {
        type: 'StructureNis2StatusAmended',
        data: { declarationId: id, from: 'NONE', to: 'ESSENTIAL', amendedBy: 'd', amendedAt: at(1) },
      },
      {
        type: 'StructureOseFlagAmended',
        data: { declarationId: id, from: false, to: true, amendedBy: 'd', amendedAt: at(2) },
      },
      {
        type: 'IntermediateReportRequested',
        data: {
          declarationId: id,
          requestId: 'q1',
          dueAt: at(600),
          reason: 'Point',
          requestedBy: 'analyst-1',
          requestedAt: at(3),
        },
      },
      {
        type: 'StagedReportSubmitted',
        data: {
          declarationId: id,
          reportId: 'r1',
          stage: 'INTERMEDIATE',
          content: 'Avancement',
          requestId: 'q1',
          submittedBy: 'declarant-1',
          submittedAt: at(4),
        },
      },
      {
        type: 'CnilNotificationDeclared',
        data: {
          declarationId: id,
          notifiedAt: at(5),
          reference: 'CNIL-42',
          declaredBy: 'declarant-1',
          declaredAt: at(6),
        },
      },
      delivery(1, 'failed'),
      delivery(2, 'delivered'),
    ).view();
    expect(view?.structure).toMatchObject({ nis2: 'ESSENTIAL', isOse: true });
    expect(view?.intermediateReportRequests).toEqual([
      { requestId: 'q1', dueAt: at(600), reason: 'Point', requestedBy: 'analyst-1', requestedAt: at(3) },
    ]);
    expect(view?.reports).toEqual([
      {
        reportId: 'r1',
        stage: 'INTERMEDIATE',
        content: 'Avancement',
        requestId: 'q1',
        submittedBy: 'declarant-1',
        submittedAt: at(4),
      },
    ]);
    expect(view?.cnilNotification).toEqual({
      notifiedAt: at(5),
      reference: 'CNIL-42',
      declaredBy: 'declarant-1',
      declaredAt: at(6),
    });
    expect(view?.authorityNotifications).toEqual([
      { deliveryId: 'd-ars', outcome: 'delivered', attempts: 2, at: at(2), authority: 'ARS', region: '11' },
    ]);
    expect(view?.revision).toBe(7);
  });

  it('replaying an already-applied revision changes nothing', () => {
    const events = recorded([submitted(), qualified(), closed()]);
    const view = fold(events);
    expect(fold(events, view)).toBe(view);
    expect(evolveDeclarationView(view, events[1])).toBe(view);
  });

  it('events of other streams, and events before the submission, are ignored', () => {
    const [qualifiedFirst] = recorded([qualified()]);
    expect(evolveDeclarationView(null, qualifiedFirst)).toBeNull();
    const view = given(submitted()).view();
    const foreign = { ...recorded([closed()], { firstRevision: 1 })[0], streamId: 'facility-750712184' };
    expect(evolveDeclarationView(view, foreign)).toBe(view);
  });

  it('an unknown event type moves the revision (the ETag) and nothing else', () => {
    const view = given(submitted()).view();
    const [unknown] = recorded([closed()], { firstRevision: 1, firstPosition: 9n });
    const next = evolveDeclarationView(view, { ...unknown, type: 'SomethingFromTheFuture' });
    expect(next).toEqual({ ...view, revision: 1, position: '9', updatedAt: unknown.recordedAt });
  });

  it('odd data never throws: missing and mistyped fields get neutral values', () => {
    const [odd] = recorded([submitted()]);
    const view = evolveDeclarationView(null, {
      ...odd,
      data: { declarationId: id, structure: 'nope', dataImpacts: 'x', submittedAt: 42 },
    });
    expect(view).toMatchObject({
      id,
      structure: { finess: '' },
      dataImpacts: [],
      suspectedOrigin: 'UNKNOWN',
      submittedAt: '',
    });
    const [garbage] = recorded([closed()], { firstRevision: 1 });
    expect(() =>
      evolveDeclarationView(view, { ...garbage, type: 'DeclarationRequalified', data: { to: null } }),
    ).not.toThrow();
    expect(() =>
      evolveDeclarationView(view, { ...garbage, type: 'ComplementProvided', data: null as never }),
    ).not.toThrow();
  });
});
