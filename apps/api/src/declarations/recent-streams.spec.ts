import { declarationStreamId, type DeclarationCommand } from '@vigie/domain';
import { SqliteEventStore } from '@vigie/event-store';
import { PersonalDataVault, SqliteKeyStore } from '@vigie/privacy';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DECLARATION_ID,
  closeDeclaration,
  logSupportIntervention,
  provideComplement,
  qualifyDeclaration,
  reopenDeclaration,
  reportResolution,
  requestComplement,
  requestSupport,
  submitDeclaration,
} from '../../../../libs/domain/src/testing/fixtures';
import type { Principal } from '../auth/principal';
import type { CommandContext, IfMatch } from './command-context';
import { IdempotencyKeyReused, StaleRevision } from './command-problems';
import { DeclarationReferences } from './references/declaration-references';
import { DeclarationCommandHandler } from './declaration-command.handler';
import { ExecuteDeclarationCommand, type CommandIntent } from './execute-declaration-command';
import { namespacedKey, requestHash } from './idempotency';
import { RecentStreams } from './recent-streams';

const DECLARANT: Principal = { sub: 'declarant-1', role: 'declarant', finess: ['750712184'] };
const ANALYST: Principal = { sub: 'analyst-1', role: 'analyst', finess: [] };
const STREAM = declarationStreamId(DECLARATION_ID);
const clock = () => new Date('2026-03-04T09:00:00.000Z');

type Outcome = Record<string, unknown>;

/** What a client would see: the answer, or the refusal's class and message. */
async function outcomeOf(run: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await run };
  } catch (error) {
    return { refused: (error as Error).constructor.name, message: (error as Error).message };
  }
}

function intentOf(command: DeclarationCommand): CommandIntent {
  const { actor: _actor, now: _now, ...intent } = command;
  return intent as CommandIntent;
}

interface Call {
  principal: Principal;
  command: DeclarationCommand;
  key?: string;
  ifMatch?: IfMatch;
  /** Hashed instead of the command: the same key with another body. */
  body?: unknown;
}

function execution({ principal, command, key, ifMatch, body }: Call): ExecuteDeclarationCommand {
  const context: CommandContext = {
    principal,
    idempotencyKey: key === undefined ? null : namespacedKey(principal.sub, key),
    requestHash: requestHash('POST', `/${command.type}`, body ?? intentOf(command)),
    ifMatch: ifMatch ?? null,
    correlationId: 'recent-streams-spec',
  };
  return new ExecuteDeclarationCommand(intentOf(command), context);
}

/** A log on a SQLite file and the pieces a handler needs, plus a second store on the same file: another process. */
async function openLog(dir: string, name: string) {
  const path = join(dir, `${name}.sqlite`);
  const store = await SqliteEventStore.open(path);
  const otherStore = await SqliteEventStore.open(path);
  const keys = SqliteKeyStore.open(join(dir, `${name}-keys.sqlite`));
  const vault = new PersonalDataVault(keys, 's'.repeat(32));
  const newHandler = (on = store) =>
    new DeclarationCommandHandler(on, clock, null, vault, new DeclarationReferences(on));
  return {
    store,
    handler: newHandler(),
    /** A handler in "another process": its own store instance, its own (empty) recent streams. */
    elsewhere: (call: Call) => newHandler(otherStore).execute(execution(call)),
    /** A handler that has never seen the stream: decides on a fresh read, as before the recent streams. */
    fresh: (call: Call) => newHandler().execute(execution(call)),
    close: async () => {
      await store.close();
      await otherStore.close();
      await keys.close();
    },
  };
}

describe('RecentStreams', () => {
  const folded = (revision: number) => ({ state: {} as never, revision, position: BigInt(revision + 1) });

  it('keeps the later fold of a stream, and forgets an entry only if it is still the one given', () => {
    const recent = new RecentStreams(10);
    const later = folded(3);
    recent.remember('s', later);
    recent.remember('s', folded(2));
    expect(recent.get('s')).toBe(later);
    recent.forget('s', folded(3));
    expect(recent.get('s')).toBe(later);
    recent.forget('s', later);
    expect(recent.get('s')).toBeUndefined();
  });

  it('holds at most its capacity, dropping the least recently used first', () => {
    const recent = new RecentStreams(2);
    recent.remember('a', folded(0));
    recent.remember('b', folded(0));
    recent.get('a');
    recent.remember('c', folded(0));
    expect(recent.get('a')).toBeDefined();
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('c')).toBeDefined();
  });
});

describe('DeclarationCommandHandler with recent streams (real SQLite files)', () => {
  let dir: string;
  let log: Awaited<ReturnType<typeof openLog>>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-recent-streams-'));
    log = await openLog(dir, 'log');
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const submitAndQualify = async () => {
    await log.handler.execute(execution({ principal: DECLARANT, command: submitDeclaration() }));
    await log.handler.execute(execution({ principal: ANALYST, command: qualifyDeclaration() }));
  };

  it('decides on the log when another process moved the stream behind the recent fold', async () => {
    await submitAndQualify();
    // Another process asks for a complement: the handler's fold (revision 1) knows of no open request.
    await log.elsewhere({ principal: ANALYST, command: requestComplement() });
    const provided = await log.handler.execute(
      execution({ principal: DECLARANT, command: provideComplement() }),
    );
    expect(provided.body.revision).toBe(3);
    // Another process closes it: the handler's fold (revision 3) would still accept an intervention.
    await log.elsewhere({ principal: ANALYST, command: closeDeclaration() });
    const onClosed = await outcomeOf(
      log.handler.execute(execution({ principal: ANALYST, command: logSupportIntervention() })),
    );
    expect(onClosed).toEqual(
      await outcomeOf(log.fresh({ principal: ANALYST, command: logSupportIntervention() })),
    );
    expect(onClosed.refused).toBeDefined();
    // Accepted on both folds: appended at the log's revision, not the fold's.
    await log.elsewhere({ principal: ANALYST, command: reopenDeclaration() });
    const support = await log.handler.execute(execution({ principal: DECLARANT, command: requestSupport() }));
    const types = (await log.store.readStream(STREAM)).map((event) => event.type);
    expect(support.body.revision).toBe(types.length - 1);
    expect(types.slice(-3)).toEqual(['DeclarationClosed', 'DeclarationReopened', 'SupportRequested']);
  });

  it('answers If-Match against the stream revision in the log, not the recent fold', async () => {
    await submitAndQualify();
    await log.elsewhere({ principal: ANALYST, command: requestComplement() });
    const stale = log.handler.execute(
      execution({
        principal: DECLARANT,
        command: provideComplement(),
        ifMatch: { any: false, revisions: [1] },
      }),
    );
    await expect(stale).rejects.toBeInstanceOf(StaleRevision);
    const current = await log.handler.execute(
      execution({
        principal: DECLARANT,
        command: provideComplement(),
        ifMatch: { any: false, revisions: [2] },
      }),
    );
    expect(current.body.revision).toBe(3);
  });

  it('replays a keyed follow-up identically without a pre-check, and refuses its key with another body', async () => {
    await submitAndQualify();
    const call: Call = { principal: ANALYST, command: requestComplement(), key: 'ask-1' };
    const first = await log.handler.execute(execution(call));
    const again = await log.handler.execute(execution(call));
    expect(again).toEqual({ ...first, location: undefined, replayed: true });
    expect(await log.fresh(call)).toEqual(again);
    // Another body under the same key: refused whether the new body could be appended or not.
    for (const body of [{ ...intentOf(call.command), question: 'Autre ?' }, { type: 'Other' }]) {
      await expect(log.handler.execute(execution({ ...call, body }))).rejects.toBeInstanceOf(
        IdempotencyKeyReused,
      );
    }
    expect(await log.store.readStream(STREAM)).toHaveLength(3);
  });

  it('answers every command as a handler without recent streams would, while other processes write (property)', async () => {
    const twin = await openLog(dir, 'twin');
    try {
      let seed = 20261129;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const commands: Array<(step: number) => Call> = [
        () => ({ principal: ANALYST, command: qualifyDeclaration() }),
        (step) => ({ principal: ANALYST, command: requestComplement({ requestId: `request-${step}` }) }),
        () => ({ principal: DECLARANT, command: provideComplement() }),
        () => ({ principal: DECLARANT, command: requestSupport() }),
        (step) => ({
          principal: ANALYST,
          command: logSupportIntervention({ interventionId: `intervention-${step}` }),
        }),
        () => ({ principal: DECLARANT, command: reportResolution() }),
        () => ({ principal: ANALYST, command: closeDeclaration() }),
        () => ({ principal: ANALYST, command: reopenDeclaration() }),
      ];
      const keyed: Call[] = [];
      const outcomes = new Set<string>();
      const submit: Call = { principal: DECLARANT, command: submitDeclaration(), key: 'submit' };
      expect(await outcomeOf(log.handler.execute(execution(submit)))).toEqual(
        await outcomeOf(twin.fresh(submit)),
      );
      for (let step = 0; step < 150; step++) {
        const pick = random();
        let call = commands[Math.floor(random() * commands.length)](step);
        if (pick < 0.3) call = { ...call, key: `key-${step}` };
        if (pick > 0.9 && keyed.length > 0) call = keyed[Math.floor(random() * keyed.length)];
        if (call.key !== undefined) keyed.push(call);
        if (random() < 0.25) {
          // Another process writes to both logs: behind the recent fold of one, in the other as well.
          await outcomeOf(log.elsewhere(call));
          await outcomeOf(twin.elsewhere(call));
          continue;
        }
        const cached = await outcomeOf(log.handler.execute(execution(call)));
        expect({ step, ...cached }).toEqual({ step, ...(await outcomeOf(twin.fresh(call))) });
        outcomes.add(cached.ok === undefined ? String(cached.refused) : 'appended or replayed');
      }
      // The walk went through acceptances and refusals alike.
      expect(outcomes.size).toBeGreaterThan(2);
      // The submission's personal data is sealed with a random nonce: equal logs differ there only.
      const stored = (events: Awaited<ReturnType<typeof log.store.readStream>>) =>
        events.map(({ type, data, revision, position }) => ({
          type,
          revision,
          position,
          data: revision === 0 ? null : data,
        }));
      expect(stored(await log.store.readStream(STREAM))).toEqual(stored(await twin.store.readStream(STREAM)));
    } finally {
      await twin.close();
    }
  });
});
