import { useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import { ApiProblem, unwrap } from '../../api/problem';
import { declareDb, type OutboxEntry } from './declare-db';
import type { SubmitBody } from './declare-form';
import { deleteDraft, markDraftRefused } from './draft-store';
import { shapeOf, type ApiProblemShape } from './field-errors';

/** What the API answers a submission; `reference` is null only from an API that predates references. */
export interface Submitted {
  id: string;
  position: string;
  reference: string | null;
}

export type OutboxState =
  | { kind: 'waiting' }
  | { kind: 'sending' }
  | { kind: 'retrying' }
  | ({ kind: 'sent' } & Submitted)
  | { kind: 'refused'; problem: ApiProblemShape };

const states = new Map<string, OutboxState>();
const listeners = new Set<() => void>();

function setState(key: string, state: OutboxState): void {
  states.set(key, state);
  listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Where one outbox entry stands, as the page shows it: en attente, envoi en cours, envoyée, refusée. */
export const useOutboxState = (key: string | undefined): OutboxState | undefined =>
  useSyncExternalStore(subscribe, () => (key === undefined ? undefined : states.get(key)));

export async function pendingEntries(userId: string): Promise<OutboxEntry[]> {
  return (await declareDb()).getAllFromIndex('outbox', 'byUser', userId);
}

/**
 * Written to IndexedDB **before** any request: whatever happens next (no network, a closed tab, a
 * crash), the declaration is on the device with its key and is sent when the app next can.
 */
export async function enqueue(userId: string, body: SubmitBody): Promise<string> {
  const key = crypto.randomUUID();
  await (await declareDb()).put('outbox', { key, userId, body, createdAt: new Date().toISOString() });
  setState(key, { kind: 'waiting' });
  return key;
}

/**
 * The answers after which the same request may succeed: the session (401, or a CSRF token read
 * before a reload) or the service (409 key in use, 429, 5xx) — the entry stays and is sent again.
 */
function worthRetrying(problem: ApiProblem): boolean {
  const { status, code } = problem;
  return (
    status === 401 ||
    (status === 403 && code === 'csrf-refused') ||
    status === 408 ||
    status === 409 ||
    status === 425 ||
    status === 429 ||
    status >= 500
  );
}

type SendOutcome = 'done' | 'offline' | 'retry';

async function sendOne(entry: OutboxEntry, onSent: (submitted: Submitted) => void): Promise<SendOutcome> {
  if (!navigator.onLine) {
    setState(entry.key, { kind: 'waiting' });
    return 'offline';
  }
  setState(entry.key, { kind: 'sending' });
  let answer: Submitted;
  try {
    const result = await api.POST('/api/v1/declarations', {
      body: entry.body,
      params: { header: { 'Idempotency-Key': entry.key } },
    });
    const data = unwrap(result);
    answer = { id: data.id, position: data.position, reference: data.reference ?? null };
  } catch (error) {
    if (!(error instanceof ApiProblem)) {
      // fetch threw: no network (or it dropped mid-request; the key makes the retry the same declaration).
      setState(entry.key, { kind: 'waiting' });
      return 'offline';
    }
    if (worthRetrying(error)) {
      setState(entry.key, { kind: 'retrying' });
      return 'retry';
    }
    const problem = shapeOf(error);
    await markDraftRefused(entry.userId, problem);
    await (await declareDb()).delete('outbox', entry.key);
    setState(entry.key, { kind: 'refused', problem });
    return 'done';
  }
  const database = await declareDb();
  await database.delete('outbox', entry.key);
  await deleteDraft(entry.userId);
  setState(entry.key, { kind: 'sent', ...answer });
  onSent(answer);
  return 'done';
}

const RETRY_MS = 15_000;
let running: Promise<void> | undefined;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** One tab at a time sends (Web Locks where the browser has them); the key covers the rest. */
async function exclusively(task: () => Promise<void>): Promise<void> {
  if (navigator.locks === undefined) return task();
  await navigator.locks.request('vigie-declare-outbox', task);
}

/**
 * Sends the person's waiting declarations, one request each, with their own Idempotency-Key.
 * A call while a flush runs makes it run once more afterwards, never two requests at once.
 */
export function flushOutbox(
  userId: string,
  onSent: (submitted: Submitted) => void = () => {},
): Promise<void> {
  if (running !== undefined) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await exclusively(async () => {
        for (const entry of await pendingEntries(userId)) {
          if ((await sendOne(entry, onSent)) !== 'retry') continue;
          clearTimeout(retryTimer);
          retryTimer = setTimeout(() => void flushOutbox(userId, onSent), RETRY_MS);
        }
      });
    } while (again);
  })().finally(() => {
    running = undefined;
  });
  return running;
}
