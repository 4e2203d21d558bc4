import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Conflict } from './amend-conflict';
import { fieldsChangedUnder, valuesOf, type AmendValues } from './amend-values';
import type { AmendBody, DeclarationView } from './declaration-types';
import { BY_VIGIE } from './timeline-format';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The declaration as it stands now and what happened after `seen`. The 412 comes from the event
 * store; the read models may lag a moment behind it, so this waits (5 s at most) until they show a
 * later revision.
 */
export async function loadConflict(
  id: string,
  seen: number,
  mine: AmendBody,
  seenValues: AmendValues,
): Promise<Conflict> {
  const read = async (): Promise<DeclarationView> =>
    unwrap(await api.GET('/api/v1/declarations/{id}', { params: { path: { id } } }));
  let current = await read();
  for (let attempt = 1; attempt < 25 && current.revision <= seen; attempt++) {
    await pause(200);
    current = await read();
  }
  const history = unwrap(
    await api.GET('/api/v1/declarations/{id}/history', {
      params: { path: { id }, query: { minPosition: current.position } },
    }),
  ).items;
  const now = valuesOf(current);
  const since = history.filter((entry) => entry.revision > seen);
  return {
    revision: current.revision,
    now,
    since,
    differing: fieldsChangedUnder(mine, seenValues, now),
    // Empty when all that happened is the CERT's own bookkeeping, which no facility reads
    // (an assignment, an internal note): nothing the user could see moved either.
    byVigieOnly: since.every((entry) => BY_VIGIE.has(entry.type)),
  };
}
