import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useT } from '../../i18n/i18n';
import { CODES } from './declare-form';
import { stateOf } from './field-errors';
import { CheckboxField, RadioField, TextField, type StepProps } from './form-fields';

/** Step 1: everything the API needs to receive the declaration; enough to send it. */
export function EssentialsStep(props: StepProps & { facilities: string[]; prefilled: boolean }) {
  const t = useT();
  const f = t.declare.fields;
  const { form, set, messages, facilities, prefilled } = props;
  const codes = t.declare.codes;
  return (
    <>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h3 className="fr-h5 fr-mb-0">{t.declare.sections.structure}</h3>
        </legend>
        <div className="fr-fieldset__element">
          <Select
            label={`${f.finess} *`}
            hint={f.finessHint}
            nativeSelectProps={{
              id: 'declare-finess',
              value: form.finess,
              // Another facility: its own name, type and region (prefilled again from its last declaration).
              onChange: (event) =>
                set({ finess: event.target.value, structureName: '', structureType: '', region: '' }),
            }}
            {...stateOf(messages, 'structure.finess')}
          >
            <option value="" disabled>
              {t.declare.choose}
            </option>
            {facilities.map((finess) => (
              <option key={finess} value={finess}>
                {finess}
              </option>
            ))}
          </Select>
          {prefilled && <p className="fr-hint-text fr-mb-2w">{f.prefilled}</p>}
          <TextField
            {...props}
            name="structureName"
            apiField="structure.name"
            id="declare-structure-name"
            label={`${f.structureName} *`}
          />
          <Select
            label={`${f.structureType} *`}
            nativeSelectProps={{
              id: 'declare-structure-type',
              value: form.structureType,
              onChange: (event) => set({ structureType: event.target.value }),
            }}
            {...stateOf(messages, 'structure.type')}
          >
            <option value="" disabled>
              {t.declare.choose}
            </option>
            {CODES.structureType.map((code) => (
              <option key={code} value={code}>
                {codes.structureType[code]}
              </option>
            ))}
          </Select>
          <Select
            label={`${f.region} *`}
            nativeSelectProps={{
              id: 'declare-region',
              value: form.region,
              onChange: (event) => set({ region: event.target.value }),
            }}
            {...stateOf(messages, 'structure.region')}
          >
            <option value="" disabled>
              {t.declare.choose}
            </option>
            {CODES.region.map((code) => (
              <option key={code} value={code}>
                {codes.region[code]}
              </option>
            ))}
          </Select>
          <Select
            label={f.nis2}
            nativeSelectProps={{
              id: 'declare-nis2',
              value: form.nis2,
              onChange: (event) => set({ nis2: event.target.value }),
            }}
            {...stateOf(messages, 'structure.nis2')}
          >
            <option value="">{t.declare.dontKnow}</option>
            {CODES.nis2.map((code) => (
              <option key={code} value={code}>
                {codes.nis2[code]}
              </option>
            ))}
          </Select>
          <Checkbox
            id="declare-isOse"
            options={[
              {
                label: f.isOse,
                nativeInputProps: {
                  checked: form.isOse,
                  onChange: (event) => set({ isOse: event.target.checked }),
                },
              },
            ]}
            {...stateOf(messages, 'structure.isOse')}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h3 className="fr-h5 fr-mb-0">{t.declare.sections.declarant}</h3>
        </legend>
        <div className="fr-fieldset__element">
          <TextField
            {...props}
            name="declarantName"
            apiField="declarant.name"
            id="declare-declarant-name"
            label={`${f.declarantName} *`}
            autoComplete="name"
          />
          <TextField
            {...props}
            name="declarantRole"
            apiField="declarant.role"
            id="declare-declarant-role"
            label={`${f.declarantRole} *`}
            hint={f.declarantRoleHint}
            autoComplete="organization-title"
          />
          <TextField
            {...props}
            name="declarantEmail"
            apiField="declarant.email"
            id="declare-declarant-email"
            label={`${f.declarantEmail} *`}
            type="email"
            autoComplete="email"
          />
          <TextField
            {...props}
            name="declarantPhone"
            apiField="declarant.phone"
            id="declare-declarant-phone"
            label={f.declarantPhone}
            hint={f.declarantPhoneHint}
            type="tel"
            autoComplete="tel"
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h3 className="fr-h5 fr-mb-0">{t.declare.sections.incident}</h3>
        </legend>
        <div className="fr-fieldset__element">
          <TextField
            {...props}
            name="occurredAt"
            apiField="occurredAt"
            id="declare-occurred-at"
            label={`${f.occurredAt} *`}
            hint={f.occurredAtHint}
            type="datetime-local"
          />
          <TextField
            {...props}
            name="detectedAt"
            apiField="detectedAt"
            id="declare-detected-at"
            label={`${f.detectedAt} *`}
            type="datetime-local"
          />
          <TextField
            {...props}
            name="description"
            apiField="description"
            id="declare-description"
            label={`${f.description} *`}
            hint={f.descriptionHint}
            rows={5}
          />
          <RadioField
            {...props}
            name="suspectedOrigin"
            legend={`${f.suspectedOrigin} *`}
            codes={CODES.suspectedOrigin}
            labels={codes.suspectedOrigin}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h3 className="fr-h5 fr-mb-0">{t.declare.sections.impacts}</h3>
        </legend>
        <div className="fr-fieldset__element">
          <RadioField
            {...props}
            name="operationalImpact"
            legend={`${f.operationalImpact} *`}
            codes={CODES.operationalImpact}
            labels={codes.operationalImpact}
          />
          <RadioField
            {...props}
            name="patientEndangerment"
            legend={`${f.patientEndangerment} *`}
            codes={CODES.patientEndangerment}
            labels={codes.patientEndangerment}
          />
          <CheckboxField
            {...props}
            name="dataImpacts"
            legend={f.dataImpacts}
            hint={f.dataImpactsHint}
            codes={CODES.dataImpacts}
            labels={codes.dataImpacts}
          />
        </div>
      </fieldset>
    </>
  );
}
