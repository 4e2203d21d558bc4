import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import type { ReactNode } from 'react';
import type { DeclareForm } from './declare-form';
import { stateOf, type FieldMessages } from './field-errors';

/** What every step gets: the form, a way to change it, and the API's messages by field. */
export interface StepProps {
  form: DeclareForm;
  set: (patch: Partial<DeclareForm>) => void;
  messages: FieldMessages;
}

type TextKey = {
  [K in keyof DeclareForm]: DeclareForm[K] extends string ? K : never;
}[keyof DeclareForm];
type ListKey = {
  [K in keyof DeclareForm]: DeclareForm[K] extends string[] ? K : never;
}[keyof DeclareForm];

interface TextFieldProps extends StepProps {
  name: TextKey;
  /** The API's field (dotted path) the messages are keyed by. */
  apiField: string;
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'tel' | 'datetime-local' | 'number';
  autoComplete?: string;
  rows?: number;
  inputMode?: 'numeric';
}

/** One Input (or textarea), its French error next to it. */
export function TextField(props: TextFieldProps) {
  const {
    form,
    set,
    messages,
    name,
    apiField,
    id,
    label,
    hint,
    type = 'text',
    autoComplete,
    rows,
    inputMode,
  } = props;
  const common = {
    id,
    value: form[name],
    autoComplete: autoComplete ?? 'off',
  };
  return rows === undefined ? (
    <Input
      label={label}
      hintText={hint}
      nativeInputProps={{
        ...common,
        type,
        inputMode,
        onChange: (event) => set({ [name]: event.target.value }),
      }}
      {...stateOf(messages, apiField)}
    />
  ) : (
    <Input
      label={label}
      hintText={hint}
      textArea
      nativeTextAreaProps={{ ...common, rows, onChange: (event) => set({ [name]: event.target.value }) }}
      {...stateOf(messages, apiField)}
    />
  );
}

interface ChoiceProps extends StepProps {
  legend: ReactNode;
  hint?: ReactNode;
  codes: readonly string[];
  labels: Record<string, string>;
}

/** One answer among codes; ids `declare-<field>-<index>` (FIELD_PLACES names the first). */
export function RadioField(props: ChoiceProps & { name: TextKey }) {
  const { form, set, messages, name, legend, hint, codes, labels } = props;
  return (
    <RadioButtons
      id={`declare-${name}`}
      name={name}
      legend={legend}
      hintText={hint}
      options={codes.map((code) => ({
        label: labels[code] ?? code,
        nativeInputProps: {
          value: code,
          checked: form[name] === code,
          onChange: () => set({ [name]: code }),
        },
      }))}
      {...stateOf(messages, name)}
    />
  );
}

/** Any number of codes, none included. */
export function CheckboxField(props: ChoiceProps & { name: ListKey }) {
  const { form, set, messages, name, legend, hint, codes, labels } = props;
  const chosen = form[name];
  const toggle = (code: string, on: boolean) =>
    set({
      [name]: on ? [...chosen.filter((item) => item !== code), code] : chosen.filter((item) => item !== code),
    });
  return (
    <Checkbox
      id={`declare-${name}`}
      legend={legend}
      hintText={hint}
      options={codes.map((code) => ({
        label: labels[code] ?? code,
        nativeInputProps: {
          value: code,
          checked: chosen.includes(code),
          onChange: (event) => toggle(code, event.target.checked),
        },
      }))}
      {...stateOf(messages, name)}
    />
  );
}
