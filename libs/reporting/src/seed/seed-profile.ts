import {
  DECLARATION_EVENT_SCHEMA_VERSION,
  declarationDecider,
  declarationStreamId,
  formatReference,
  initialState,
  parisYear,
  referenceStreamId,
  toDeclarationEvent,
  type DeclarationCommand,
  type DeclarationState,
  type Declarant,
} from '@vigie/domain';
import {
  handleCommand,
  SequenceAllocator,
  type EventStore,
  type FoldCache,
  type FoldedStream,
} from '@vigie/event-store';
import { lifecycleOf, type TimedCommand } from './lifecycle';
import { planDeclarations } from './plan-declarations';
import { uuidFrom } from './prng';
import { SEED_PROFILES, type SeedProfile } from './profiles';

export interface SeedProgress {
  commands: number;
  total: number;
}

export interface SeedOptions {
  seed?: number;
  onProgress?: (progress: SeedProgress) => void;
  /**
   * Applied to each declarant before its declaration is decided, as the API's command handler
   * does: the vault's `seal`, so that no name, e-mail or phone reaches the log in clear.
   * Without it (pure tests of the figures) the declarants are written as the profile makes them.
   */
  sealDeclarant?: (person: Declarant) => Promise<Declarant>;
}

export interface SeedResult {
  profile: string;
  declarations: number;
  commands: number;
  events: number;
}

export class UnknownSeedProfile extends Error {
  override readonly name = 'UnknownSeedProfile';
  constructor(readonly profile: string) {
    super(`Unknown seed profile "${profile}"; known: ${Object.keys(SEED_PROFILES).join(', ')}`);
  }
}

export class ProfileAlreadySeeded extends Error {
  override readonly name = 'ProfileAlreadySeeded';
  constructor(
    readonly profile: string,
    readonly seed: number,
  ) {
    super(`Profile ${profile} with seed ${seed} is already in this event store`);
  }
}

export function seedProfileById(id: string): SeedProfile {
  const profile = SEED_PROFILES[id];
  if (!profile) throw new UnknownSeedProfile(id);
  return profile;
}

/** Every command of the profile's year, in the order they happened. */
export function profileCommands(profile: SeedProfile, seed: number): TimedCommand[] {
  const key = `${profile.id}/${seed}`;
  return planDeclarations(profile, seed)
    .flatMap((plan) => lifecycleOf(plan, key).map((timed) => ({ ...timed, index: plan.index })))
    .sort((a, b) => a.at - b.at || a.index - b.index || a.step - b.step);
}

/**
 * Writes a reference year through the real decider, each event recorded at its historical instant
 * (`recordedAt`), so that the report, `asOf` included, sees the year as it unfolded. Only for a
 * log that does not hold this profile and seed yet: the ids are deterministic.
 */
export async function seedProfile(
  store: EventStore,
  profileId: string,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const profile = seedProfileById(profileId);
  const seed = options.seed ?? 1;
  const commands = profileCommands(profile, seed);
  if ((await store.readStream(declarationStreamId(commands[0].command.declarationId))).length > 0) {
    throw new ProfileAlreadySeeded(profile.id, seed);
  }
  const references = await reserveReferences(store, commands);
  const streams = new Map<string, FoldedStream<DeclarationState>>();
  const folds = foldsOf(streams);
  let events = 0;
  for (const [done, { at, command }] of commands.entries()) {
    const sealed =
      command.type === 'SubmitDeclaration'
        ? {
            ...command,
            reference: references.get(command.declarationId) as string,
            declarant: options.sealDeclarant
              ? await options.sealDeclarant(command.declarant)
              : command.declarant,
          }
        : command;
    events += await execute(store, folds, sealed, new Date(at), `seed-${profile.id}-${seed}`);
    if (done % 250 === 0 || done === commands.length - 1)
      options.onProgress?.({ commands: done + 1, total: commands.length });
  }
  return { profile: profile.id, declarations: streams.size, commands: commands.length, events };
}

/**
 * A seeded year's references come from the same counter streams as the live ones, reserved in
 * submission order before anything else is written: a declaration submitted later that year,
 * live, gets the next number, never one a seeded declaration holds.
 */
async function reserveReferences(
  store: EventStore,
  commands: readonly TimedCommand[],
): Promise<Map<string, string>> {
  const byYear = new Map<number, string[]>();
  for (const { at, command } of commands) {
    if (command.type !== 'SubmitDeclaration') continue;
    const year = parisYear(new Date(at));
    byYear.set(year, [...(byYear.get(year) ?? []), command.declarationId]);
  }
  const sequences = new SequenceAllocator(store, () => ({
    actor: SEED_ACTOR,
    correlationId: 'seed-references',
    schemaVersion: 1,
  }));
  const references = new Map<string, string>();
  for (const [year, ids] of byYear) {
    const numbers = await sequences.reserveAll(referenceStreamId(year), ids);
    ids.forEach((id, index) => references.set(id, formatReference(year, numbers[index])));
  }
  return references;
}

const SEED_ACTOR = { sub: 'system:seed', role: 'admin' };

/** A stream this seed has not written to yet: its ids are new, so it does not exist. */
const NEW_STREAM: FoldedStream<DeclarationState> = Object.freeze({
  state: initialState(),
  revision: -1,
  position: 0n,
});

/** The write path of the API, with the command's own instant recorded. */
async function execute(
  store: EventStore,
  folds: FoldCache<DeclarationState>,
  command: DeclarationCommand,
  recordedAt: Date,
  correlationId: string,
): Promise<number> {
  const streamId = declarationStreamId(command.declarationId);
  const { events } = await handleCommand(store, {
    streamId,
    decider: declarationDecider,
    toDomain: toDeclarationEvent,
    command,
    eventId: (index, revision) => uuidFrom(`${streamId}/${revision + 1 + index}`),
    metadata: { actor: command.actor, correlationId, schemaVersion: DECLARATION_EVENT_SCHEMA_VERSION },
    recordedAt,
    maxAttempts: 1,
    folds,
  });
  return events.length;
}

/**
 * This process is the only writer of these new streams: what it appended is what a read would
 * fold, so commands are decided on the fold kept; only one refused or with nothing to do reads
 * its stream, to be decided again as the write path always does.
 */
const foldsOf = (streams: Map<string, FoldedStream<DeclarationState>>): FoldCache<DeclarationState> => ({
  get: (streamId) => streams.get(streamId) ?? NEW_STREAM,
  remember: (streamId, folded) => void streams.set(streamId, folded),
  forget: (streamId, folded) => void (streams.get(streamId) === folded && streams.delete(streamId)),
});
