import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
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
  const types = origin === 'MALICIOUS' || origin === 'NON_MALICIOUS' ? TYPES_BY_ORIGIN[origin] : [];
  const label = (code: string) => t.console.labels[code] ?? code;
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
        {QUALIFIED_ORIGINS.map((code) => (
          <option key={code} value={code}>
            {label(code)}
          </option>
        ))}
      </Select>
      <Select
        label={a.type}
        nativeSelectProps={{
          name: 'type',
          value: types.includes(type as Body['type']) ? type : '',
          onChange: (e) => setType(e.target.value),
        }}
        {...consoleFieldState(command.error, 'type', t)}
      >
        <option value="">{a.chooseType}</option>
        {types.map((code) => (
          <option key={code} value={code}>
            {label(code)}
          </option>
        ))}
      </Select>
      {malicious && (
        <Checkbox
          legend={a.vectors}
          orientation="horizontal"
          small
          options={ATTACK_VECTORS.map((code) => ({
            label: label(code === 'OTHER' ? 'OTHER_VECTOR' : code),
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
        options={REGULATORY_QUALIFICATIONS.map((code) => ({
          label: label(code),
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
