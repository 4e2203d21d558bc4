import { Select } from '@codegouvfr/react-dsfr/Select';
import { useT } from '../../i18n/i18n';
import { CODES, typesFor } from './declare-form';
import { stateOf } from './field-errors';
import { CheckboxField, RadioField, TextField, type StepProps } from './form-fields';

/** Step 2, le constat: what is hit and where the handling stands. All of it can wait. */
export function FindingStep(props: StepProps) {
  const t = useT();
  const f = t.declare.fields;
  const codes = t.declare.codes;
  const { form, set, messages } = props;
  const types = typesFor(form.suspectedOrigin);
  return (
    <>
      <CheckboxField
        {...props}
        name="systemsConcerned"
        legend={f.systemsConcerned}
        codes={CODES.systemsConcerned}
        labels={codes.systemsConcerned}
      />
      <TextField
        {...props}
        name="systemsDetail"
        apiField="systemsDetail"
        id="declare-systems-detail"
        label={f.systemsDetail}
        hint={f.systemsDetailHint}
        rows={3}
      />
      <RadioField
        {...props}
        name="handlingState"
        legend={f.handlingState}
        codes={CODES.handlingState}
        labels={codes.handlingState}
      />
      <TextField
        {...props}
        name="personsAffected"
        apiField="personsAffected"
        id="declare-persons-affected"
        label={f.personsAffected}
        hint={f.personsAffectedHint}
        inputMode="numeric"
      />
      {/* A type only within the origin's typology: none to choose while the origin is unknown. */}
      {types.length > 0 && (
        <Select
          label={f.suspectedType}
          nativeSelectProps={{
            id: 'declare-suspected-type',
            value: types.includes(form.suspectedType) ? form.suspectedType : '',
            onChange: (event) => set({ suspectedType: event.target.value }),
          }}
          {...stateOf(messages, 'suspectedType')}
        >
          <option value="">{f.noType}</option>
          {types.map((code) => (
            <option key={code} value={code}>
              {codes.suspectedType[code]}
            </option>
          ))}
        </Select>
      )}
    </>
  );
}
