import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { AmendForm } from './amend-form';
import { CnilForm } from './cnil-form';
import type { CommandResult, DeclarationView } from './declaration-types';
import { ReportForm } from './report-form';
import { ResolutionForm } from './resolution-form';
import { TextActionForm } from './text-action-form';

interface Props {
  declaration: DeclarationView;
  /** NIS2 clocks run for this declaration: the staged reports are the declarant's to send. */
  nis2: boolean;
  /** A GDPR clock runs (a confidentiality breach) and the CNIL notification is not declared yet. */
  cnil: boolean;
  meId?: string;
  onDone: (result: CommandResult) => void;
  onConflict: () => void;
}

/** The declarant's actions, each a small form folded in an accordion (keyboard: Tab, Enter). */
export function DeclarationActions({ declaration, nis2, cnil, meId, onDone, onConflict }: Props) {
  const t = useT();
  const f = t.declarations.forms;
  const id = declaration.id;
  const open = declaration.status !== 'CLOSED';
  const complementOpen = declaration.complements.some((complement) => complement.answer === null);
  return (
    <div className="fr-accordions-group">
      {complementOpen && (
        <Accordion label={f.complementTitle} titleAs="h3" defaultExpanded>
          <TextActionForm
            field="answer"
            label={f.complementAnswer}
            hint={declaration.complements.find((complement) => complement.answer === null)?.question}
            send={(body, headers) =>
              api.POST('/api/v1/declarations/{id}/complements', {
                params: { path: { id } },
                body: { answer: body.answer ?? '' },
                headers,
              })
            }
            onDone={onDone}
          />
        </Accordion>
      )}
      {open && (
        <Accordion label={f.messageTitle} titleAs="h3">
          <TextActionForm
            field="body"
            label={f.messageBody}
            send={(body, headers) =>
              api.POST('/api/v1/declarations/{id}/messages', {
                params: { path: { id } },
                body: { body: body.body ?? '' },
                headers,
              })
            }
            onDone={onDone}
          />
        </Accordion>
      )}
      {open && (
        <Accordion label={f.amendTitle} titleAs="h3">
          <AmendForm declaration={declaration} meId={meId} onDone={onDone} onConflict={onConflict} />
        </Accordion>
      )}
      {open && nis2 && (
        <Accordion label={f.reportTitle} titleAs="h3">
          <ReportForm id={id} onDone={onDone} />
        </Accordion>
      )}
      {open && cnil && (
        <Accordion label={f.cnilTitle} titleAs="h3">
          <CnilForm id={id} onDone={onDone} />
        </Accordion>
      )}
      {open && (
        <Accordion label={f.supportTitle} titleAs="h3">
          <TextActionForm
            field="reason"
            label={f.supportReason}
            send={(body, headers) =>
              api.POST('/api/v1/declarations/{id}/support-requests', {
                params: { path: { id } },
                body: { reason: body.reason ?? '' },
                headers,
              })
            }
            onDone={onDone}
          />
        </Accordion>
      )}
      {open && declaration.resolution === null && (
        <Accordion label={f.resolutionTitle} titleAs="h3">
          <ResolutionForm id={id} onDone={onDone} />
        </Accordion>
      )}
    </div>
  );
}
