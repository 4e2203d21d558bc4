import { DECLARATION_STATUSES, REGION_CODES, SUSPECTED_ORIGINS } from '@vigie/domain';
import fc from 'fast-check';
import { FUZZ_CLOCK, type FuzzTarget } from './fuzz-routes';
import { validAmendment, validQualification, validSubmission } from './fuzz-values';

const sameInstant = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b));

/** Key order and the order of code sets (the domain stores sets sorted) do not matter. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, item]) => [key, canonical(item)]),
    );
  return value;
}

function expectSame(what: string, sent: unknown, read: unknown): void {
  const equal =
    sameInstant(sent, read) || JSON.stringify(canonical(sent)) === JSON.stringify(canonical(read));
  if (!equal) throw new Error(`${what}: sent ${JSON.stringify(sent)}, read back ${JSON.stringify(read)}`);
}

async function readBack(target: FuzzTarget, id: string, position: string): Promise<Record<string, unknown>> {
  const answer = await target.api.call({
    method: 'GET',
    path: `/api/v1/declarations/${id}?minPosition=${position}`,
    headers: target.headers,
  });
  if (answer.status !== 200) throw new Error(`read back ${id}: ${answer.status} ${answer.text}`);
  return answer.json as Record<string, unknown>;
}

/** Generated valid submissions are accepted (201) and read back field for field, the declarant decrypted. */
export async function submissionsRoundTrip(target: FuzzTarget, runs: number): Promise<number> {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(validSubmission(Date.parse(FUZZ_CLOCK)), async (sent) => {
      const answer = await target.api.call({
        method: 'POST',
        path: '/api/v1/declarations',
        headers: target.headers,
        body: JSON.stringify(sent),
      });
      if (answer.status !== 201)
        throw new Error(`refused: ${answer.status} ${answer.text}\nsent ${JSON.stringify(sent)}`);
      accepted += 1;
      const { id, position } = answer.json as { id: string; position: string };
      const view = await readBack(target, id, position);
      expectSame('structure', { isOse: false, nis2: 'NONE', ...sent.structure }, view.structure);
      expectSame('declarant', { phone: null, ...sent.declarant }, view.declarant);
      for (const field of [
        'occurredAt',
        'detectedAt',
        'description',
        'suspectedOrigin',
        'suspectedType',
        'operationalImpact',
        'patientEndangerment',
        'dataImpacts',
        'measuresTaken',
      ] as const)
        expectSame(field, sent[field], view[field]);
      expectSame('supportRequested', sent.supportRequested ?? false, view.supportRequested);
    }),
    { numRuns: runs, endOnFailure: true },
  );
  return accepted;
}

/** Generated amendments of one declaration are accepted and every amended field reads back as sent. */
export async function amendmentsRoundTrip(
  target: FuzzTarget,
  declarationId: string,
  runs: number,
): Promise<number> {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(validAmendment(Date.parse(FUZZ_CLOCK)), async (sent) => {
      const answer = await target.api.call({
        method: 'POST',
        path: `/api/v1/declarations/${declarationId}/amendments`,
        headers: target.headers,
        body: JSON.stringify(sent),
      });
      if (answer.status !== 200)
        throw new Error(`refused: ${answer.status} ${answer.text}\nsent ${JSON.stringify(sent)}`);
      accepted += 1;
      const view = await readBack(target, declarationId, (answer.json as { position: string }).position);
      for (const [field, value] of Object.entries(sent)) expectSame(field, value, view[field]);
    }),
    { numRuns: runs, endOnFailure: true },
  );
  return accepted;
}

export async function qualificationsRoundTrip(
  target: FuzzTarget,
  declarationId: string,
  runs: number,
): Promise<number> {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(validQualification, async (sent) => {
      const answer = await target.api.call({
        method: 'POST',
        path: `/api/v1/declarations/${declarationId}/qualification`,
        headers: target.headers,
        body: JSON.stringify(sent),
      });
      if (answer.status !== 200)
        throw new Error(`refused: ${answer.status} ${answer.text}\nsent ${JSON.stringify(sent)}`);
      accepted += 1;
      const view = await readBack(target, declarationId, (answer.json as { position: string }).position);
      expectSame(
        'qualification',
        { outOfScopeReason: null, ...sent },
        view.qualification &&
          Object.fromEntries(
            Object.entries(view.qualification).filter(([key]) => key in sent || key === 'outOfScopeReason'),
          ),
      );
    }),
    { numRuns: runs, endOnFailure: true },
  );
  return accepted;
}

/** Generated valid list filters answer 200, and every item returned matches them. */
export async function listFiltersHold(target: FuzzTarget, runs: number): Promise<number> {
  const filters = fc.record(
    {
      region: fc.constantFrom(...REGION_CODES),
      status: fc.constantFrom(...DECLARATION_STATUSES),
      origin: fc.constantFrom(...SUSPECTED_ORIGINS),
      year: fc.constantFrom('2025', '2026'),
      limit: fc.integer({ min: 1, max: 200 }).map(String),
    },
    { requiredKeys: [] },
  );
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(filters, async (filter) => {
      const query = new URLSearchParams(filter as Record<string, string>).toString();
      const answer = await target.api.call({
        method: 'GET',
        path: `/api/v1/declarations?${query}`,
        headers: target.headers,
      });
      if (answer.status !== 200) throw new Error(`list ${query}: ${answer.status} ${answer.text}`);
      answered += 1;
      const items = (answer.json as { items: Record<string, unknown>[] }).items;
      for (const item of items)
        for (const key of ['region', 'status', 'origin'] as const)
          if (filter[key] !== undefined && item[key] !== filter[key])
            throw new Error(`list ${query} returned ${JSON.stringify(item)}`);
      if (filter.limit !== undefined && items.length > Number(filter.limit))
        throw new Error(`list ${query}: ${items.length} items`);
    }),
    { numRuns: runs, endOnFailure: true },
  );
  return answered;
}
