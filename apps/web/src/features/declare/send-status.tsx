import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useT } from '../../i18n/i18n';
import type { OutboxState } from './outbox';

export const receiptPath = (sent: { id: string; reference: string | null }) =>
  `/declarations/${encodeURIComponent(sent.reference ?? sent.id)}/accuse`;

/** Where the declaration stands once sent: en attente d'envoi, envoi en cours, envoyée (référence …). */
export function SendStatus({ state }: { state: OutboxState | undefined }) {
  const t = useT();
  const o = t.declare.outbox;
  // Always in the page, so that a screen reader hears each change of state.
  return (
    <div role="status" aria-live="polite" className="fr-mb-4w" id="declare-status">
      {state?.kind === 'waiting' && (
        <Alert severity="warning" title={o.waitingTitle} description={o.waiting} />
      )}
      {state?.kind === 'sending' && <Alert severity="info" small description={o.sending} />}
      {state?.kind === 'retrying' && (
        <Alert severity="warning" title={o.waitingTitle} description={o.retryLater} />
      )}
      {state?.kind === 'sent' && (
        <Alert
          severity="success"
          title={o.sent(state.reference ?? state.id)}
          description={
            <Button
              className="fr-mt-2w"
              linkProps={{ to: receiptPath(state), state: { position: state.position } }}
            >
              {o.receipt}
            </Button>
          }
        />
      )}
    </div>
  );
}
