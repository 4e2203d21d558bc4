import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { instantOf } from '../declarations/local-instant';
import { ConsoleForm, consoleFieldState, useConsoleCommand, type CommandFormProps } from './console-form';

/** The authorities the CERT tells itself, in the order it usually does. */
export const INFORMED_AUTHORITIES = ['ARS', 'HFDS', 'ANSSI', 'CNIL'] as const;
type InformedAuthority = (typeof INFORMED_AUTHORITIES)[number];

interface Body {
  authority: InformedAuthority;
  informedAt: string;
  reference: string | null;
}

/** `POST …/authority-notices`: the CERT informed an authority itself (a call, a mail), when, under which reference. */
export function AuthorityForm({ id, revision, onDone, onConflict }: CommandFormProps) {
  const t = useT();
  const a = t.console.actions;
  const [authority, setAuthority] = useState('');
  const [informedAt, setInformedAt] = useState('');
  const [reference, setReference] = useState('');
  const { command, conflict, submit } = useConsoleCommand<Body>(
    id,
    (body, headers) =>
      api.POST('/api/v1/declarations/{id}/authority-notices', { params: { path: { id } }, body, headers }),
    (result) => {
      setAuthority('');
      setInformedAt('');
      setReference('');
      onDone(result);
    },
    onConflict,
  );
  return (
    <ConsoleForm
      fields={['authority', 'informedAt', 'reference']}
      error={command.error}
      conflict={conflict}
      pending={command.isPending}
      submitLabel={a.authority}
      onSubmit={() =>
        submit(
          {
            authority: authority as InformedAuthority,
            informedAt: instantOf(informedAt),
            reference: reference.trim() === '' ? null : reference,
          },
          revision,
        )
      }
    >
      <Select
        label={a.authorityWho}
        nativeSelectProps={{
          name: 'authority',
          value: authority,
          onChange: (e) => setAuthority(e.target.value),
        }}
        {...consoleFieldState(command.error, 'authority', t)}
      >
        <option value="">{a.chooseAuthority}</option>
        {INFORMED_AUTHORITIES.map((code) => (
          <option key={code} value={code}>
            {t.console.authorities[code]}
          </option>
        ))}
      </Select>
      <Input
        label={a.informedAt}
        nativeInputProps={{
          type: 'datetime-local',
          name: 'informedAt',
          value: informedAt,
          onChange: (e) => setInformedAt(e.target.value),
        }}
        {...consoleFieldState(command.error, 'informedAt', t)}
      />
      <Input
        label={a.authorityReference}
        hintText={a.authorityReferenceHint}
        nativeInputProps={{
          name: 'reference',
          value: reference,
          onChange: (e) => setReference(e.target.value),
        }}
        {...consoleFieldState(command.error, 'reference', t)}
      />
    </ConsoleForm>
  );
}
