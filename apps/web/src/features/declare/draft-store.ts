import { useEffect, useRef } from 'react';
import { declareDb, type DraftRecord } from './declare-db';
import type { DeclareForm } from './declare-form';
import type { ApiProblemShape } from './field-errors';

export const loadDraft = async (userId: string): Promise<DraftRecord | undefined> =>
  (await declareDb()).get('drafts', userId);

export async function saveDraft(userId: string, form: DeclareForm, step: number): Promise<void> {
  await (await declareDb()).put('drafts', { userId, form, step, savedAt: new Date().toISOString() });
}

export const deleteDraft = async (userId: string): Promise<void> =>
  (await declareDb()).delete('drafts', userId);

/** The outbox met a refusal: the draft keeps it, so that the person sees it next to the fields. */
export async function markDraftRefused(userId: string, problem: ApiProblemShape): Promise<void> {
  const database = await declareDb();
  const draft = await database.get('drafts', userId);
  if (draft !== undefined) await database.put('drafts', { ...draft, problem });
}

const DEBOUNCE_MS = 300;

/**
 * Saves the form ~300 ms after the last keystroke, and at once when the page is hidden or left
 * (a phone's browser may be killed in the background): nothing typed is lost.
 */
export function useDraftAutosave(
  userId: string | undefined,
  form: DeclareForm,
  step: number,
  enabled: boolean,
) {
  const latest = useRef({ form, step });
  latest.current = { form, step };
  useEffect(() => {
    if (userId === undefined || !enabled) return;
    const timer = setTimeout(() => void saveDraft(userId, form, step), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [userId, form, step, enabled]);
  useEffect(() => {
    if (userId === undefined || !enabled) return;
    const flush = () => {
      if (document.visibilityState === 'hidden')
        void saveDraft(userId, latest.current.form, latest.current.step);
    };
    const leave = () => void saveDraft(userId, latest.current.form, latest.current.step);
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('pagehide', leave);
    return () => {
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('pagehide', leave);
    };
  }, [userId, enabled]);
}
