import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { LogDigest, canonicalEvent, canonicalJson } from './event-log-checksum';

const event: RecordedEvent = {
  id: '0b8f2a52-3f7c-4a43-9d86-6a3b7f1f8e01',
  streamId: 'declaration-1',
  revision: 0,
  position: 42n,
  type: 'DeclarationSubmitted',
  data: { z: 'é', a: [2, { d: null, c: 1.5 }] },
  metadata: { actor: { sub: 'analyst-1', role: 'analyst' }, correlationId: 'c-1', schemaVersion: 1 },
  recordedAt: '2021-03-04T05:06:07.890Z',
};

describe('canonical form of the event log', () => {
  it('sorts object keys at every depth, keeps array order, and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { f: true, e: 'x' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,1,{"e":"x","f":true}]},"b":1}',
    );
  });

  it('does not depend on the key order a store gives back (jsonb reorders keys)', () => {
    const reordered = { ...event, data: { a: [2, { c: 1.5, d: null }], z: 'é' } };
    expect(canonicalEvent(reordered)).toBe(canonicalEvent(event));
  });

  it('leaves out undefined properties, as JSON does, and orders keys by code unit', () => {
    expect(canonicalJson({ causationId: undefined, é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  it('is the JSON array [id, streamId, revision, type, data, metadata, recordedAt], without the position', () => {
    expect(canonicalEvent({ ...event, position: 7n })).toBe(
      '["0b8f2a52-3f7c-4a43-9d86-6a3b7f1f8e01","declaration-1",0,"DeclarationSubmitted",' +
        '{"a":[2,{"c":1.5,"d":null}],"z":"é"},' +
        '{"actor":{"role":"analyst","sub":"analyst-1"},"correlationId":"c-1","schemaVersion":1},' +
        '"2021-03-04T05:06:07.890Z"]',
    );
  });

  it('differs when any kept field differs', () => {
    const variants: RecordedEvent[] = [
      { ...event, id: 'other' },
      { ...event, streamId: 'declaration-2' },
      { ...event, revision: 1 },
      { ...event, type: 'DeclarationQualified' },
      { ...event, data: { ...event.data, z: 'e' } },
      { ...event, metadata: { ...event.metadata, schemaVersion: 2 } },
      { ...event, recordedAt: '2021-03-04T05:06:07.891Z' },
    ];
    for (const variant of variants) expect(canonicalEvent(variant)).not.toBe(canonicalEvent(event));
  });

  it('the log digest is the SHA-256 of each canonical line followed by a line feed', () => {
    const digest = new LogDigest();
    digest.add('first');
    digest.add('second');
    expect(digest.count).toBe(2);
    expect(digest.hex()).toBe(createHash('sha256').update('first\nsecond\n').digest('hex'));
  });
});
