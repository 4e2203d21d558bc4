import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { DeclareForm } from './declare-form';

type Row = [label: string, value: string];

/** Step 4: what will be sent, step by step, each with the way back to change it. */
export function ReviewStep({ form, goTo }: { form: DeclareForm; goTo: (step: number) => void }) {
  const t = useT();
  const lang = useLang();
  const f = t.declare.fields;
  const c = t.declare.codes;
  const empty = t.declare.review.empty;
  const value = (text: string) => (text.trim() === '' ? empty : text.trim());
  const code = (labels: Record<string, string>, answer: string) =>
    answer === '' ? empty : (labels[answer] ?? answer);
  const list = (labels: Record<string, string>, answers: string[]) =>
    answers.length === 0
      ? t.declare.review.none
      : answers.map((answer) => labels[answer] ?? answer).join(', ');
  const when = (local: string) => (local === '' ? empty : formatDate(new Date(local).toISOString(), lang));
  const groups: Row[][] = [
    [
      [f.finess, value(form.finess)],
      [f.structureName, value(form.structureName)],
      [f.structureType, code(c.structureType, form.structureType)],
      [f.region, code(c.region, form.region)],
      [f.nis2, form.nis2 === '' ? t.declare.dontKnow : code(c.nis2, form.nis2)],
      [f.isOse, form.isOse ? t.declare.yes : t.declare.no],
      [f.declarantName, value(form.declarantName)],
      [f.declarantRole, value(form.declarantRole)],
      [f.declarantEmail, value(form.declarantEmail)],
      [f.declarantPhone, value(form.declarantPhone)],
      [f.occurredAt, when(form.occurredAt)],
      [f.detectedAt, when(form.detectedAt)],
      [f.description, value(form.description)],
      [f.suspectedOrigin, code(c.suspectedOrigin, form.suspectedOrigin)],
      [f.operationalImpact, code(c.operationalImpact, form.operationalImpact)],
      [f.patientEndangerment, code(c.patientEndangerment, form.patientEndangerment)],
      [f.dataImpacts, list(c.dataImpacts, form.dataImpacts)],
    ],
    [
      [f.systemsConcerned, list(c.systemsConcerned, form.systemsConcerned)],
      [f.systemsDetail, value(form.systemsDetail)],
      [f.handlingState, code(c.handlingState, form.handlingState)],
      [f.personsAffected, value(form.personsAffected)],
      [f.suspectedType, code(c.suspectedType, form.suspectedType)],
    ],
    [
      [f.measuresTaken, value(form.measuresTaken)],
      [f.supportRequested, form.supportRequested ? t.declare.yes : t.declare.no],
      [f.supplierInvolved, code(c.supplierInvolved, form.supplierInvolved)],
      [f.supplierName, value(form.supplierName)],
      [f.otherNotifications, list(c.otherNotifications, form.otherNotifications)],
    ],
  ];
  return (
    <>
      {groups.map((rows, step) => (
        <section key={step} className="fr-mb-4w" aria-labelledby={`declare-review-${step}`}>
          <h3 id={`declare-review-${step}`} className="fr-h5">
            {t.declare.steps[step]}
          </h3>
          <dl>
            {rows.map(([label, text]) => (
              <div key={label} className="fr-mb-1w">
                <dt className="fr-text--bold">{label}</dt>
                <dd className="fr-ml-0" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {text}
                </dd>
              </div>
            ))}
          </dl>
          <Button
            priority="secondary"
            size="small"
            iconId="fr-icon-edit-line"
            onClick={() => goTo(step)}
            type="button"
          >
            {t.declare.review.edit(t.declare.steps[step])}
          </Button>
        </section>
      ))}
    </>
  );
}
