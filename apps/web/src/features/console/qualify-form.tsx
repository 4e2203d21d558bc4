import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { useTaxonomy, useTaxonomyList } from '../../api/taxonomy';
import { useT } from '../../i18n/i18n';
import type { CommandResult, DeclarationView } from '../declarations/declaration-types';
import {
  ATTACK_VECTORS,
  QUALIFIED_ORIGINS,
  REGULATORY_QUALIFICATIONS,
  TYPES_BY_ORIGIN,
  type AttackVector,
} from './console-codes';
import { ConsoleForm, consoleFieldState, useConsoleCommand } from './console-form';

type Body = components['schemas']['QualifyDeclarationDto'];

interface Props {
  declaration: DeclarationView;
  onDone: (result: CommandResult) => void;
  onConflict: () => void;
}

/** Qualify or requalify: origin, then a type of that origin only (the typology), vectors, regulatory qualification, scope. */
export function QualifyForm({ declaration, onDone, onConflict }: Props) {
  const t = useT();
  const a = t.console.actions;
  const current = declaration.qualification;
  const suspected =
    declaration.suspectedOrigin === 'UNKNOWN' ? '' : (declaration.suspectedOrigin as Body['origin']);
  const [origin, setOrigin] = useState<string>(current?.origin ?? suspected);
  const [type, setType] = useState<string>(current?.type ?? declaration.suspectedType ?? '');
  const [vectors, setVectors] = useState<string[]>(current?.attackVectors ?? []);
  const [regulatory, setRegulatory] = useState<string>(current?.regulatoryQualification ?? '');
  const [inScope, setInScope] = useState(current?.inScope ?? true);
  const [reason, setReason] = useState(current?.outOfScopeReason ?? '');
  const { command, conflict, submit } = useConsoleCommand<Body>(
    declaration.id,
    (body, headers) =>
      api.POST('/api/v1/declarations/{id}/qualification', {
        params: { path: { id: declaration.id } },
        body,
        headers,
      }),
    onDone,
    onConflict,
  );
  const label = (code: string) => t.console.labels[code] ?? code;
  const vectorLabel = (code: string) => label(code === 'OTHER' ? 'OTHER_VECTOR' : code);
  // The pickers offer the taxonomy the API has in force (GET /api/v1/taxonomy), in its labels.
  const taxonomy = useTaxonomy();
  const origins = useTaxonomyList('qualifiedOrigin', QUALIFIED_ORIGINS, label);
  const typesOf = {
    MALICIOUS: useTaxonomyList('maliciousType', TYPES_BY_ORIGIN.MALICIOUS, label),
    NON_MALICIOUS: useTaxonomyList('nonMaliciousType', TYPES_BY_ORIGIN.NON_MALICIOUS, label),
  };
  const attackVectors = useTaxonomyList('attackVector', ATTACK_VECTORS, vectorLabel);
  const regulatoryCodes = useTaxonomyList('regulatoryQualification', REGULATORY_QUALIFICATIONS, label);
  const types = origin === 'MALICIOUS' || origin === 'NON_MALICIOUS' ? typesOf[origin] : [];
  const malicious = origin === 'MALICIOUS';
  const send = () =>
    submit(
      {
        origin: origin as Body['origin'],
        type: type as Body['type'],
        attackVectors: malicious ? (vectors as AttackVector[]) : [],
        regulatoryQualification: regulatory as Body['regulatoryQualification'],
        inScope,
        outOfScopeReason: inScope ? null : reason,
      },
      declaration.revision,
    );
  const fields = [
    'origin',
    'type',
    'attackVectors',
    'regulatoryQualification',
    'inScope',
    'outOfScopeReason',
  ];
  return (
    <ConsoleForm
      fields={fields}
      error={command.error}
      conflict={conflict}
      pending={command.isPending}
      submitLabel={current === null ? a.qualify : a.requalify}
      onSubmit={send}
    >
      {taxonomy.data && <p className="fr-text--xs fr-mb-1w">{a.taxonomyVersion(taxonomy.data.version)}</p>}
      <Select
        label={a.origin}
        nativeSelectProps={{
          name: 'origin',
          value: origin,
          onChange: (e) => {
            setOrigin(e.target.value);
            setType('');
          },
        }}
        {...consoleFieldState(command.error, 'origin', t)}
      >
        <option value="">{a.chooseOrigin}</option>
        {origins.map((option) => (
          <option key={option.code} value={option.code}>
            {option.label}
          </option>
        ))}
      </Select>
      <Select
        label={a.type}
        nativeSelectProps={{
          name: 'type',
          value: types.some((option) => option.code === type) ? type : '',
          onChange: (e) => setType(e.target.value),
        }}
        {...consoleFieldState(command.error, 'type', t)}
      >
        <option value="">{a.chooseType}</option>
        {types.map((option) => (
          <option key={option.code} value={option.code}>
            {option.label}
          </option>
        ))}
      </Select>
      {malicious && (
        <Checkbox
          legend={a.vectors}
          orientation="horizontal"
          small
          options={attackVectors.map(({ code, label: text }) => ({
            label: text,
            nativeInputProps: {
              name: 'attackVectors',
              value: code,
              checked: vectors.includes(code),
              onChange: (e) =>
                setVectors((all) => (e.target.checked ? [...all, code] : all.filter((v) => v !== code))),
            },
          }))}
          {...consoleFieldState(command.error, 'attackVectors', t)}
        />
      )}
      <RadioButtons
        legend={a.regulatory}
        orientation="horizontal"
        options={regulatoryCodes.map(({ code, label: text }) => ({
          label: text,
          nativeInputProps: {
            name: 'regulatoryQualification',
            value: code,
            checked: regulatory === code,
            onChange: () => setRegulatory(code),
          },
        }))}
        {...consoleFieldState(command.error, 'regulatoryQualification', t)}
      />
      <Checkbox
        small
        options={[
          {
            label: a.inScope,
            nativeInputProps: {
              name: 'inScope',
              checked: inScope,
              onChange: (e) => setInScope(e.target.checked),
            },
          },
        ]}
      />
      {!inScope && (
        <Input
          textArea
          label={a.outOfScopeReason}
          nativeTextAreaProps={{
            name: 'outOfScopeReason',
            rows: 2,
            value: reason,
            onChange: (e) => setReason(e.target.value),
          }}
          {...consoleFieldState(command.error, 'outOfScopeReason', t)}
        />
      )}
    </ConsoleForm>
  );
}
