import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useT } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problem-alert';

function Facts({ id, rows }: { id: string; rows: [string, ReactNode][] }) {
  return (
    <dl className="fr-mb-2w" data-settings={id}>
      {rows.map(([term, value]) => (
        <div key={term} className="fr-grid-row fr-mb-1v">
          <dt className="fr-col-12 fr-col-md-5 fr-text--bold">{term}</dt>
          <dd className="fr-col-12 fr-col-md-7 fr-m-0" style={{ overflowWrap: 'anywhere' }}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 1000)} s`);

/**
 * `GET /api/v1/admin/settings/notifications`: the mail and the webhooks as the service reads
 * them, read-only (they are environment variables: docs/mail.md, docs/http-api.md), no secret.
 */
export function NotificationSettings() {
  const t = useT();
  const a = t.cert.admin;
  const settings = useQuery({
    queryKey: ['admin', 'settings', 'notifications'],
    queryFn: async () => unwrap(await api.GET('/api/v1/admin/settings/notifications')),
  });
  if (settings.error) return <ProblemAlert error={settings.error} />;
  if (!settings.data) return <p>{t.layout.loading}</p>;
  const { mail, webhooks } = settings.data;
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-lg-6">
        <h3 className="fr-h5">{a.mail}</h3>
        <Facts
          id="mail"
          rows={[
            [
              a.mailMode,
              <Badge key="mode" small severity={mail.mode === 'off' ? 'warning' : 'success'}>
                {a.mailModes[mail.mode] ?? mail.mode}
              </Badge>,
            ],
            [a.relay, mail.relay ?? '—'],
            [a.relayAuthenticated, mail.relayAuthenticated ? a.yes : a.no],
            [a.mailFrom, mail.from],
            [a.attempts, `${mail.maxAttempts} × ${mail.maxRounds}`],
            [a.cooldown, seconds(mail.roundCooldownMs)],
          ]}
        />
      </div>
      <div className="fr-col-12 fr-col-lg-6">
        <h3 className="fr-h5">{a.webhooks}</h3>
        <Facts
          id="webhooks"
          rows={[
            [
              a.webhooksOn,
              <Badge key="on" small severity={webhooks.configured ? 'success' : 'info'}>
                {webhooks.configured ? a.yes : a.no}
              </Badge>,
            ],
            ...(webhooks.problem ? [[a.problem, webhooks.problem] as [string, ReactNode]] : []),
            [
              a.ars,
              webhooks.ars.length === 0
                ? '—'
                : webhooks.ars
                    .map((ars) => `${t.console.regions[ars.region] ?? ars.region} : ${ars.origin ?? '—'}`)
                    .join(' · '),
            ],
            [a.hfds, webhooks.hfds ?? '—'],
            [a.facilities, webhooks.facilitiesTemplate ?? '—'],
            [a.overrides, String(webhooks.facilityOverrides)],
            [a.publicUrl, webhooks.publicUrl ?? '—'],
            [a.timeout, seconds(webhooks.timeoutMs)],
          ]}
        />
      </div>
      <p className="fr-col-12 fr-text--sm">{a.settingsNote}</p>
    </div>
  );
}
