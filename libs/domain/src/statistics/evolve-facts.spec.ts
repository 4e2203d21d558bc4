import type { DeclarationEvent } from '../declaration/declaration.events';
import { evolveFacts, factsOf } from './evolve-facts';
import {
  amended,
  interventionLogged,
  qualification,
  qualified,
  requalified,
  submitted,
  supportRequested,
} from './statistics.fixtures';

const given = (...events: DeclarationEvent[]) => factsOf(events);

describe('evolveFacts: what the yearly report knows of one declaration', () => {
  it('a submission gives year and month of submittedAt in Europe/Paris', () => {
    const facts = given(
      submitted({ submittedAt: '2020-12-31T22:30:00.000Z', detectedAt: '2020-12-31T22:00:00.000Z' }),
    );
    expect(facts).toMatchObject({ year: 2020, month: '12', qualified: false, inScope: true });
  });

  it('an instant after midnight in Paris belongs to the next year even if it is still 31 December in UTC', () => {
    const facts = given(
      submitted({ submittedAt: '2020-12-31T23:30:00.000Z', detectedAt: '2020-12-31T23:10:00.000Z' }),
    );
    expect(facts).toMatchObject({ year: 2021, month: '01' });
  });

  it('before any qualification, origin and type are the declarant’s suspicion', () => {
    const facts = given(submitted({ suspectedOrigin: 'UNKNOWN', suspectedType: null }));
    expect(facts).toMatchObject({ origin: 'UNKNOWN', incidentType: null, qualified: false });
  });

  it('an amended suspicion counts while the declaration is not qualified', () => {
    const facts = given(
      submitted({ suspectedOrigin: 'UNKNOWN', suspectedType: null }),
      amended('SuspectedOriginAmended', 'd-1', 'UNKNOWN', 'NON_MALICIOUS'),
      amended('SuspectedTypeAmended', 'd-1', null, 'TELECOM_LOSS'),
    );
    expect(facts).toMatchObject({ origin: 'NON_MALICIOUS', incidentType: 'TELECOM_LOSS' });
  });

  it('the qualification wins over the suspicion, even when the suspicion is amended afterwards', () => {
    const facts = given(
      submitted({ suspectedOrigin: 'MALICIOUS', suspectedType: 'RANSOMWARE' }),
      qualified('d-1', { origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' }),
      amended('SuspectedOriginAmended', 'd-1', 'MALICIOUS', 'UNKNOWN'),
    );
    expect(facts).toMatchObject({
      qualified: true,
      origin: 'NON_MALICIOUS',
      incidentType: 'INFRA_FAILURE',
      suspectedOrigin: 'UNKNOWN',
    });
  });

  it('counts under the taxonomy version of its latest qualification, else its submission’s, else the unstated one', () => {
    const first = qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' });
    const second = qualification({ origin: 'MALICIOUS', type: 'IS_COMPROMISE' });
    // Events written before they carried a version: the one that existed then.
    expect(given(submitted())?.taxonomyVersion).toBe('2026.1');
    const submittedUnder = { ...submitted(), data: { ...submitted().data, taxonomyVersion: '2030.1' } };
    expect(given(submittedUnder)?.taxonomyVersion).toBe('2030.1');
    const qualifiedEvent = qualified('d-1', first);
    const qualifiedUnder = { ...qualifiedEvent, data: { ...qualifiedEvent.data, taxonomyVersion: '2031.1' } };
    expect(given(submittedUnder, qualifiedUnder)?.taxonomyVersion).toBe('2031.1');
    const requalifiedEvent = requalified('d-1', first, second);
    const requalifiedUnder = {
      ...requalifiedEvent,
      data: { ...requalifiedEvent.data, taxonomyVersion: '2032.1' },
    };
    expect(given(submittedUnder, qualifiedUnder, requalifiedUnder)?.taxonomyVersion).toBe('2032.1');
  });

  it('a requalification replaces the previous qualification', () => {
    const first = qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' });
    const second = qualification({ origin: 'MALICIOUS', type: 'IS_COMPROMISE' });
    const facts = given(submitted(), qualified('d-1', first), requalified('d-1', first, second));
    expect(facts).toMatchObject({ origin: 'MALICIOUS', incidentType: 'IS_COMPROMISE' });
  });

  it('out of scope only when the latest qualification says so', () => {
    const out = qualification({ inScope: false, outOfScopeReason: 'Pharmacie d’officine' });
    const back = qualification({ inScope: true });
    expect(given(submitted(), qualified('d-1', out))).toMatchObject({ inScope: false });
    expect(given(submitted(), qualified('d-1', out), requalified('d-1', out, back))).toMatchObject({
      inScope: true,
    });
  });

  it('impacts are the latest values', () => {
    const facts = given(
      submitted({ operationalImpact: 'NONE', patientEndangerment: 'NONE', dataImpacts: [] }),
      amended('OperationalImpactAmended', 'd-1', 'NONE', 'INTERRUPTION'),
      amended('PatientEndangermentAmended', 'd-1', 'NONE', 'POTENTIAL'),
      amended('DataImpactsAmended', 'd-1', [], ['CONFIDENTIALITY', 'INTEGRITY', 'CONFIDENTIALITY']),
    );
    expect(facts).toMatchObject({
      operationalImpact: 'INTERRUPTION',
      patientEndangerment: 'POTENTIAL',
      dataImpacts: ['CONFIDENTIALITY', 'INTEGRITY'],
    });
  });

  it('support is requested at submission or by a later request', () => {
    expect(given(submitted({ supportRequested: true }))).toMatchObject({ supportRequested: true });
    expect(given(submitted({ supportRequested: false }))).toMatchObject({ supportRequested: false });
    expect(given(submitted({ supportRequested: false }), supportRequested('d-1'))).toMatchObject({
      supportRequested: true,
    });
  });

  it('interventions are counted by kind', () => {
    const facts = given(
      submitted(),
      interventionLogged('d-1', 'REMOTE_ADVICE', 'i-1'),
      interventionLogged('d-1', 'REMOTE_ADVICE', 'i-2'),
      interventionLogged('d-1', 'ANSSI_FSSI', 'i-3'),
    );
    expect(facts?.interventions).toEqual({ REMOTE_ADVICE: 2, TECH_INTERVENTION: 0, ANSSI_FSSI: 1 });
  });

  it.each([
    ['same Paris day', '2020-03-02T06:00:00.000Z', '2020-03-02T21:59:00.000Z', 'sameDay'],
    [
      'across Paris midnight, though the same UTC day',
      '2020-03-02T22:30:00.000Z',
      '2020-03-02T23:10:00.000Z',
      'within24h',
    ],
    [
      'the same Paris day, though across UTC midnight',
      '2020-07-01T22:30:00.000Z',
      '2020-07-02T21:00:00.000Z',
      'sameDay',
    ],
    ['exactly 24 h later', '2020-03-02T10:00:00.000Z', '2020-03-03T10:00:00.000Z', 'within24h'],
    ['just over 24 h', '2020-03-02T10:00:00.000Z', '2020-03-03T10:00:01.000Z', 'within72h'],
    ['exactly 72 h', '2020-03-02T10:00:00.000Z', '2020-03-05T10:00:00.000Z', 'within72h'],
    ['over 72 h', '2020-03-02T10:00:00.000Z', '2020-03-05T10:00:01.000Z', 'later'],
  ])('time to declare: %s', (_rule, detectedAt, submittedAt, bucket) => {
    expect(given(submitted({ detectedAt, submittedAt }))?.timeToDeclare).toBe(bucket);
  });

  it('events that do not count leave the facts unchanged', () => {
    const before = given(submitted());
    const after = evolveFacts(before, {
      type: 'DeclarationClosed',
      data: {
        declarationId: 'd-1',
        reason: 'Résolu',
        closedBy: 'analyst-1',
        closedAt: '2020-04-01T00:00:00.000Z',
      },
    });
    expect(after).toEqual(before);
    const regulatory = evolveFacts(before, {
      type: 'StructureNis2StatusAmended',
      data: {
        declarationId: 'd-1',
        from: 'NONE',
        to: 'ESSENTIAL',
        amendedBy: 'analyst-1',
        amendedAt: '2020-04-01T00:00:00.000Z',
      },
    } as DeclarationEvent);
    expect(regulatory).toEqual(before);
  });

  it('never throws on odd data: an event before the submission, an unknown type, a bad date', () => {
    expect(evolveFacts(null, qualified('d-1'))).toBeNull();
    const facts = given(submitted());
    expect(
      evolveFacts(facts, {
        type: 'SomethingNew',
        data: { declarationId: 'd-1' },
      } as unknown as DeclarationEvent),
    ).toEqual(facts);
    expect(given(submitted({ submittedAt: 'not a date' }))).toBeNull();
    expect(given(submitted({ detectedAt: 'not a date' }))?.timeToDeclare).toBe('later');
  });

  it('a second submission of the same stream does not reset what was folded', () => {
    const facts = given(
      submitted(),
      qualified('d-1', { origin: 'NON_MALICIOUS', type: 'OTHER' }),
      submitted(),
    );
    expect(facts).toMatchObject({ qualified: true, origin: 'NON_MALICIOUS' });
  });
});
