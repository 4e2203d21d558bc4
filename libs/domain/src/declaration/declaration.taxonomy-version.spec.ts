import { decide } from '../declaration-decider';
import { TAXONOMY_VERSION } from '../taxonomy/codes';
import { TAXONOMY_VERSIONS, UNSTATED_TAXONOMY_VERSION, currentTaxonomy } from '../taxonomy/versions';
import {
  ANALYST,
  amendDeclaration,
  closeDeclaration,
  logSupportIntervention,
  provideComplement,
  qualifyDeclaration,
  reopenDeclaration,
  reportResolution,
  requestComplement,
  requestSupport,
  submitDeclaration,
} from '../testing/fixtures';
import {
  amendRegulatoryStatus,
  nis2Submitted,
  recordAuthorityNotification,
} from '../testing/regulatory-fixtures';
import { evolve, initialState, type DeclarationState } from './declaration';
import type { DeclarationCommand } from './declaration.commands';
import { toDeclarationEvent } from './declaration-upcast';
import { TAXONOMY_CODED_EVENT_TYPES, isTaxonomyCoded, type DeclarationEvent } from './declaration.events';

/** A declaration's whole life, decided command after command, every coded event type among them. */
function lifeOfADeclaration(): DeclarationEvent[] {
  const commands: DeclarationCommand[] = [
    submitDeclaration({ structure: { ...submitDeclaration().structure, nis2: 'ESSENTIAL' } }),
    amendDeclaration({
      description: 'Plus de postes chiffrés',
      operationalImpact: 'INTERRUPTION',
      patientEndangerment: 'ACTUAL',
      dataImpacts: ['AVAILABILITY', 'CONFIDENTIALITY'],
      measuresTaken: 'Sauvegardes restaurées',
      suspectedOrigin: 'NON_MALICIOUS',
      suspectedType: 'INFRA_FAILURE',
      systemsConcerned: ['MESSAGING'],
      handlingState: 'CONTAINED',
      supplierInvolved: 'YES',
      supplierName: 'Hébergeur',
      otherNotifications: ['CNIL'],
    }),
    requestComplement(),
    provideComplement(),
    qualifyDeclaration(),
    qualifyDeclaration({ incidentType: 'DATA_LEAK' }),
    requestSupport(),
    logSupportIntervention(),
    amendRegulatoryStatus({ nis2: 'IMPORTANT' }),
    recordAuthorityNotification(),
    reportResolution(),
    closeDeclaration(),
    reopenDeclaration(),
  ];
  const events: DeclarationEvent[] = [];
  let state: DeclarationState = initialState();
  for (const command of commands) {
    const decided = decide(command, state);
    events.push(...decided);
    state = decided.reduce(evolve, state);
  }
  return events;
}

const stored = (event: DeclarationEvent) => JSON.parse(JSON.stringify(event)) as DeclarationEvent;
const withoutVersion = (event: DeclarationEvent): DeclarationEvent => {
  const { taxonomyVersion: _dropped, ...data } = event.data as { taxonomyVersion?: string };
  return { type: event.type, data } as DeclarationEvent;
};

describe('the taxonomy version on events', () => {
  const events = lifeOfADeclaration();

  it('the life above decides every coded event type', () => {
    const types = new Set(events.map((event) => event.type));
    expect(TAXONOMY_CODED_EVENT_TYPES.filter((type) => !types.has(type))).toEqual([]);
  });

  it('decide writes the current version on each event holding codes, and on no other', () => {
    for (const event of events) {
      const version = (event.data as { taxonomyVersion?: string }).taxonomyVersion;
      expect([event.type, version]).toEqual([
        event.type,
        isTaxonomyCoded(event.type) ? TAXONOMY_VERSION : undefined,
      ]);
    }
  });

  it('an event stored before events carried the version reads with the one it was written under', () => {
    for (const event of events) {
      expect(toDeclarationEvent(stored(withoutVersion(event)))).toEqual(event);
    }
    expect(UNSTATED_TAXONOMY_VERSION).toBe('2026.1');
  });

  it('an event keeps the version it states, whatever the current one', () => {
    const later = {
      ...events[0]!,
      data: { ...events[0]!.data, taxonomyVersion: '2031.2' },
    } as DeclarationEvent;
    expect(toDeclarationEvent(stored(later)).data).toMatchObject({ taxonomyVersion: '2031.2' });
  });

  it('the state folded from an old log and from a new one is the same', () => {
    const old = events.map(withoutVersion).map(stored).map(toDeclarationEvent);
    expect(old.reduce(evolve, initialState())).toEqual(events.reduce(evolve, initialState()));
  });

  it('a submission from before the form’s later fields reads with both upcasts', () => {
    const submitted = events[0]!;
    const {
      reference: _reference,
      systemsConcerned: _systems,
      taxonomyVersion: _version,
      ...older
    } = submitted.data as Record<string, unknown>;
    const read = toDeclarationEvent({ type: 'DeclarationSubmitted', data: older });
    expect(read.data).toMatchObject({ reference: null, systemsConcerned: [], taxonomyVersion: '2026.1' });
  });

  it('the versions list ends with the current one, still valid', () => {
    expect(currentTaxonomy()).toEqual({
      version: TAXONOMY_VERSION,
      validFrom: '2017-10-01',
      validUntil: null,
    });
    expect(TAXONOMY_VERSIONS[0]!.version).toBe(UNSTATED_TAXONOMY_VERSION);
  });

  it('an NIS2 status amendment by an analyst carries it too', () => {
    const amended = decide(
      amendRegulatoryStatus({ nis2: 'NONE' }),
      [nis2Submitted('ESSENTIAL')].reduce(evolve, initialState()),
    );
    expect(amended).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ taxonomyVersion: TAXONOMY_VERSION, amendedBy: ANALYST.sub }),
      }),
    ]);
  });
});
