import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n';
import {
  apiFieldOf,
  ESSENTIALS,
  missingEssentials,
  REVIEW,
  STEP_COUNT,
  toSubmission,
  type DeclareForm,
} from './declare-form';
import { saveDraft, useDraftAutosave } from './draft-store';
import { EssentialsStep } from './essentials-step';
import { useFacilityPrefill } from './facility-prefill';
import {
  fieldMessages,
  firstFieldInError,
  requiredMessages,
  unshownFields,
  type ApiProblemShape,
  type FieldMessages,
} from './field-errors';
import { FindingStep } from './finding-step';
import { MeasuresStep } from './measures-step';
import { enqueue, flushOutbox, useOutboxState } from './outbox';
import { ReviewStep } from './review-step';
import { receiptPath, SendStatus } from './send-status';

export interface WizardStart {
  form: DeclareForm;
  step: number;
  problem?: ApiProblemShape;
  /** An entry of this person's outbox still waiting: the page shows its state, not the form. */
  pendingKey?: string;
}

export function DeclareWizard({
  userId,
  facilities,
  start,
}: {
  userId: string;
  facilities: string[];
  start: WizardStart;
}) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(start.form);
  const [step, setStep] = useState(start.step);
  const [problem, setProblem] = useState<ApiProblemShape | null>(start.problem ?? null);
  const [required, setRequired] = useState<FieldMessages>({});
  const [key, setKey] = useState(start.pendingKey);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const [focusTarget, setFocusTarget] = useState<string>();
  const top = useRef<HTMLDivElement>(null);
  const known = useOutboxState(key);
  const outbox = known ?? (key === undefined ? undefined : { kind: 'waiting' as const });

  const patch = useCallback(
    (changes: Partial<DeclareForm>) => setForm((current) => ({ ...current, ...changes })),
    [],
  );
  // A form nobody has touched yet (prefilled only) is no draft: the next visit would offer it for nothing.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState(start.step !== ESSENTIALS || start.problem !== undefined);
  const set = useCallback(
    (changes: Partial<DeclareForm>) => {
      patch(changes);
      setTouched(true);
      // A field changed since the last try loses its message: it may be right now.
      setEdited((before) => new Set<string>([...before, ...Object.keys(changes).map(apiFieldOf)]));
    },
    [patch],
  );
  useDraftAutosave(userId, form, step, touched && key === undefined);
  const prefilled = useFacilityPrefill(form, patch);
  const messages = useMemo(
    () =>
      Object.fromEntries(
        Object.entries({ ...fieldMessages(problem, t), ...required }).filter(([field]) => !edited.has(field)),
      ),
    [problem, required, edited, t],
  );

  /** To the step of the first field in error, and focus on it (after that step has rendered). */
  const showFirstError = useCallback((shown: FieldMessages) => {
    const place = firstFieldInError(shown);
    if (place === undefined) return;
    setStep(place[0]);
    setFocusTarget(place[1]);
  }, []);

  useEffect(() => {
    if (focusTarget === undefined) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(undefined);
  }, [focusTarget, step]);

  // A problem kept with the draft (refused while the page was closed): shown at once.
  useEffect(() => {
    if (start.problem !== undefined) showFirstError(fieldMessages(start.problem, t));
    // Once, for the draft the page opened with.
  }, []);

  useEffect(() => {
    if (outbox?.kind === 'refused') {
      setProblem(outbox.problem);
      setEdited(new Set());
      setKey(undefined);
      showFirstError(fieldMessages(outbox.problem, t));
    }
    if (outbox?.kind === 'sent') navigate(receiptPath(outbox), { state: { position: outbox.position } });
  }, [outbox, navigate, showFirstError, t]);

  const goTo = (next: number) => {
    setStep(next);
    setTouched(true);
    // The new step's title is read first, as after a page change.
    requestAnimationFrame(() => top.current?.focus());
  };

  const send = async () => {
    // A ref, not the state: a double click arrives before React renders the disabled button.
    if (sending.current || key !== undefined) return;
    sending.current = true;
    setBusy(true);
    try {
      const missing = missingEssentials(form);
      if (missing.length > 0) {
        const shown = requiredMessages(missing, t);
        setProblem(null);
        setRequired(shown);
        setEdited(new Set());
        showFirstError(shown);
        return;
      }
      setRequired({});
      setProblem(null);
      await saveDraft(userId, form, step);
      setKey(await enqueue(userId, toSubmission(form)));
      await flushOutbox(userId, () => void queryClient.invalidateQueries({ queryKey: ['declarations'] }));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Enter in a field goes on to the next step; only the review step's Enter sends.
    if (step === REVIEW) void send();
    else goTo(step + 1);
  };

  if (key !== undefined) return <SendStatus state={outbox} />;

  const unshown = problem !== null && (problem.errors.length === 0 || unshownFields(messages).length > 0);
  const stepProps = { form, set, messages };
  return (
    <>
      <SendStatus state={undefined} />
      {problem !== null && (
        <Alert
          severity="error"
          className="fr-mb-4w"
          small
          description={
            unshown && problem.status === 403
              ? t.declare.outbox.forbidden
              : unshown
                ? t.errors.generic
                : t.declare.outbox.refused
          }
        />
      )}
      <div ref={top} tabIndex={-1}>
        <Stepper
          currentStep={step + 1}
          stepCount={STEP_COUNT}
          title={t.declare.steps[step]}
          nextTitle={t.declare.steps[step + 1]}
          progressText={({ currentStep, stepCount }) => t.declare.progress(currentStep, stepCount)}
          nextStepText={t.declare.nextStep}
        />
      </div>
      <form onSubmit={submit} noValidate aria-labelledby="declare-title">
        {step !== REVIEW && <p className="fr-hint-text">{t.declare.required}</p>}
        {step === ESSENTIALS && (
          <EssentialsStep {...stepProps} facilities={facilities} prefilled={prefilled} />
        )}
        {step === 1 && <FindingStep {...stepProps} />}
        {step === 2 && <MeasuresStep {...stepProps} />}
        {step === REVIEW && <ReviewStep form={form} goTo={goTo} />}
        {/*
          Keyed buttons, not DSFR's ButtonsGroup (keyed by index): a click on "Étape précédente" must
          not find, once the step has changed under it, a submit button in its place.
        */}
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-4w">
          {(step === ESSENTIALS || step === REVIEW) && (
            <li key="send">
              <Button
                iconId="fr-icon-send-plane-fill"
                onClick={() => void send()}
                disabled={busy}
                type="button"
                nativeButtonProps={{ id: 'declare-send' }}
              >
                {step === REVIEW ? t.declare.send : t.declare.sendNow}
              </Button>
            </li>
          )}
          {step < REVIEW && (
            <li key="next">
              <Button
                priority={step === ESSENTIALS ? 'secondary' : 'primary'}
                iconId="fr-icon-arrow-right-line"
                iconPosition="right"
                type="submit"
                nativeButtonProps={{ id: 'declare-next' }}
              >
                {t.declare.next}
              </Button>
            </li>
          )}
          {step > ESSENTIALS && (
            <li key="previous">
              <Button
                priority="tertiary"
                iconId="fr-icon-arrow-left-line"
                type="button"
                onClick={() => goTo(step - 1)}
                nativeButtonProps={{ id: 'declare-previous' }}
              >
                {t.declare.previous}
              </Button>
            </li>
          )}
        </ul>
      </form>
    </>
  );
}
