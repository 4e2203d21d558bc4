import type { DeclarationView, TimelineEntry } from '@vigie/read-models';
import type { PersonalData, PersonalDataVault } from '@vigie/privacy';

/**
 * The read models hold the declarant as the log does, encrypted; a caller who may read the
 * declaration gets it decrypted here, at the edge, or `[erased]` once the subject's key is gone.
 */
export async function revealView(vault: PersonalDataVault, view: DeclarationView): Promise<DeclarationView> {
  return { ...view, declarant: await vault.reveal(view.declarant) };
}

const isPerson = (value: unknown): value is PersonalData =>
  value !== null && typeof value === 'object' && typeof (value as PersonalData).email === 'string';

/** The submission's entry of the history shows the declarant as it was submitted: decrypted too. */
export function revealTimeline(vault: PersonalDataVault, items: TimelineEntry[]): Promise<TimelineEntry[]> {
  return Promise.all(
    items.map(async (item) => {
      if (item.type !== 'DeclarationSubmitted') return item;
      const changes = await Promise.all(
        item.changes.map(async (change) =>
          change.field === 'declarant' && isPerson(change.to)
            ? { ...change, to: await vault.reveal(change.to) }
            : change,
        ),
      );
      return { ...item, changes };
    }),
  );
}
