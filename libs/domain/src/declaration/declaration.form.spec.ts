import { decide } from '../declaration-decider';
import { foldDeclaration } from './declaration';
import {
  formatReference,
  isDeclarationReference,
  PERSONS_AFFECTED_MAX,
  unstatedFormFields,
} from './declaration-form';
import { toDeclarationEvent } from './declaration-upcast';
import type { DeclarationSubmitted } from './declaration.events';
import { amendDeclaration, declarationSubmitted, submitDeclaration } from '../testing/fixtures';

const submittedData = (events: ReturnType<typeof decide>): DeclarationSubmitted['data'] =>
  (events[0] as DeclarationSubmitted).data;

describe('the form’s later answers (DOMAIN.md §7)', () => {
  const empty = foldDeclaration([]);

  it('default to "nothing said" when the essentials are sent alone', () => {
    const data = submittedData(decide(submitDeclaration(), empty));
    expect(data).toMatchObject({ ...unstatedFormFields(), reference: '2026-000001' });
  });

  it('are stored as given, code lists as sorted sets', () => {
    const data = submittedData(
      decide(
        submitDeclaration({
          systemsConcerned: ['PATIENT_RECORD', 'IMAGING', 'IMAGING'],
          systemsDetail: 'DPI, PACS',
          handlingState: 'IN_PROGRESS',
          personsAffected: 15_000,
          supplierInvolved: 'YES',
          supplierName: 'Éditeur X',
          otherNotifications: ['CNIL', 'ANSSI'],
        }),
        empty,
      ),
    );
    expect(data).toMatchObject({
      systemsConcerned: ['IMAGING', 'PATIENT_RECORD'],
      systemsDetail: 'DPI, PACS',
      handlingState: 'IN_PROGRESS',
      personsAffected: 15_000,
      supplierInvolved: 'YES',
      supplierName: 'Éditeur X',
      otherNotifications: ['ANSSI', 'CNIL'],
    });
  });

  it.each([
    [{ systemsConcerned: ['MAINFRAME'] }, 'systemsConcerned'],
    [{ handlingState: 'DONE' }, 'handlingState'],
    [{ personsAffected: -1 }, 'personsAffected'],
    [{ personsAffected: 2.5 }, 'personsAffected'],
    [{ personsAffected: PERSONS_AFFECTED_MAX + 1 }, 'personsAffected'],
    [{ supplierInvolved: 'MAYBE' }, 'supplierInvolved'],
    [{ supplierName: 'Éditeur X' }, 'supplierName'],
    [{ otherNotifications: ['POLICE'] }, 'otherNotifications'],
    [{ reference: '42' }, 'reference'],
  ])('refuse %j, naming %s', (overrides, field) => {
    expect(() => decide(submitDeclaration(overrides as never), empty)).toThrow(
      expect.objectContaining({ kind: 'invalid', field }),
    );
  });

  it('are amended one event each, from → to; a supplier named without one involved is refused', () => {
    const state = foldDeclaration([declarationSubmitted()]);
    const events = decide(amendDeclaration({ handlingState: 'CONTAINED', personsAffected: 40 }), state);
    expect(events.map((event) => [event.type, (event.data as { from: unknown; to: unknown }).to])).toEqual([
      ['HandlingStateAmended', 'CONTAINED'],
      ['PersonsAffectedAmended', 40],
    ]);
    expect(() => decide(amendDeclaration({ supplierName: 'Éditeur X' }), state)).toThrow(
      expect.objectContaining({ field: 'supplierName' }),
    );
    expect(() =>
      decide(amendDeclaration({ supplierInvolved: 'YES', supplierName: 'Éditeur X' }), state),
    ).not.toThrow();
  });

  it('read as "nothing said", with no reference, on a submission written before they existed', () => {
    const {
      reference: _reference,
      systemsConcerned: _systems,
      handlingState: _state,
      ...old
    } = declarationSubmitted().data;
    const event = toDeclarationEvent({ type: 'DeclarationSubmitted', data: old });
    expect(event.data).toMatchObject({
      ...unstatedFormFields(),
      reference: null,
      description: old.description,
    });
  });
});

describe('references', () => {
  it('read YYYY-NNNNNN, six digits at least', () => {
    expect(formatReference(2026, 42)).toBe('2026-000042');
    expect(formatReference(2026, 1_234_567)).toBe('2026-1234567');
    expect(isDeclarationReference('2026-000042')).toBe(true);
    expect(isDeclarationReference('2026-42')).toBe(false);
    expect(isDeclarationReference('11111111-1111-4111-8111-111111111111')).toBe(false);
  });
});

describe('messages', () => {
  const state = foldDeclaration([declarationSubmitted()]);

  it('a declarant writes for the facility, an analyst for the CERT', () => {
    const post = (role: 'declarant' | 'analyst') =>
      decide(
        {
          type: 'PostMessage',
          declarationId: declarationSubmitted().data.declarationId,
          actor: { sub: `${role}-1`, role },
          now: '2026-03-03T09:00:00.000Z',
          messageId: 'message-1',
          body: 'Bonjour',
        },
        state,
      )[0].data;
    expect(post('declarant')).toMatchObject({ author: 'FACILITY', postedBy: 'declarant-1', body: 'Bonjour' });
    expect(post('analyst')).toMatchObject({ author: 'CERT', postedBy: 'analyst-1' });
  });
});
