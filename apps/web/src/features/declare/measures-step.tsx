import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useT } from '../../i18n/i18n';
import { CODES } from './declare-form';
import { CheckboxField, RadioField, TextField, type StepProps } from './form-fields';

/** Step 3: what the facility did, whether it wants the CERT's help, who else knows. */
export function MeasuresStep(props: StepProps) {
  const t = useT();
  const f = t.declare.fields;
  const codes = t.declare.codes;
  const { form, set } = props;
  return (
    <>
      <TextField
        {...props}
        name="measuresTaken"
        apiField="measuresTaken"
        id="declare-measures-taken"
        label={f.measuresTaken}
        hint={f.measuresTakenHint}
        rows={4}
      />
      <Checkbox
        id="declare-supportRequested"
        options={[
          {
            label: f.supportRequested,
            nativeInputProps: {
              checked: form.supportRequested,
              onChange: (event) => set({ supportRequested: event.target.checked }),
            },
          },
        ]}
      />
      <RadioField
        {...props}
        name="supplierInvolved"
        legend={f.supplierInvolved}
        codes={CODES.supplierInvolved}
        labels={codes.supplierInvolved}
      />
      {form.supplierInvolved === 'YES' && (
        <TextField
          {...props}
          name="supplierName"
          apiField="supplierName"
          id="declare-supplier-name"
          label={f.supplierName}
          autoComplete="organization"
        />
      )}
      <CheckboxField
        {...props}
        name="otherNotifications"
        legend={f.otherNotifications}
        codes={CODES.otherNotifications}
        labels={codes.otherNotifications}
      />
    </>
  );
}
