import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { useMe } from '../../api/me';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { useNameOf } from '../console/cert-staff';
import { fieldState, ProblemAlert } from '../../ui/problem-alert';
import type { Publication } from './report-model';
import { ReportDownloads } from './report-downloads';
import { publicationUrl, usePublish } from './report-queries';
import { ScrollTable } from '../../ui/scroll-table';

/** Publishing freezes the report as it stands now (the API's rule), with a note saying why. */
function PublishForm({ year }: { year: number }) {
  const t = useT();
  const lang = useLang();
  const r = t.cert.report;
  const [note, setNote] = useState('');
  const publish = usePublish(year);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate(note, { onSuccess: () => setNote('') });
  };
  return (
    <form onSubmit={submit} className="fr-mb-4w" aria-labelledby="publier">
      <h3 id="publier" className="fr-h5">
        {r.publish}
      </h3>
      <p className="fr-text--sm">{r.publishLead}</p>
      <Input
        label={r.note}
        hintText={r.noteHint}
        nativeInputProps={{ name: 'note', value: note, onChange: (event) => setNote(event.target.value) }}
        {...fieldState(publish.error, 'note', t)}
      />
      <ProblemAlert error={publish.error} />
      {publish.isSuccess && (
        <Alert
          severity="success"
          small
          className="fr-mb-2w"
          description={r.published(formatDate(publish.data.publishedAt, lang))}
        />
      )}
      <button type="submit" className="fr-btn" disabled={publish.isPending}>
        {r.publishButton}
      </button>
    </form>
  );
}

/** The year's editions, newest first, each with its downloads (the same bytes every time). */
export function Editions({ year, editions }: { year: number; editions: Publication[] }) {
  const t = useT();
  const lang = useLang();
  const r = t.cert.report;
  // Who published it, by name (a script's token shows its sub).
  const nameOf = useNameOf(useMe().data?.user.id ?? '');
  return (
    <>
      <PublishForm year={year} />
      <h3 className="fr-h5">{r.editions(editions.length)}</h3>
      {editions.length === 0 ? (
        <p>{r.noEdition}</p>
      ) : (
        <>
          <ScrollTable
            label={r.editionsCaption(year)}
            noCaption
            bordered
            headers={[r.publishedAt, r.standsAt, r.note, r.total, r.publishedBy]}
            data={editions.map((edition) => [
              formatDate(edition.publishedAt, lang),
              formatDate(edition.asOf, lang),
              edition.note ?? '—',
              edition.total.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB'),
              nameOf(edition.publishedBy),
            ])}
          />
          <details className="fr-mb-4w">
            <summary>{r.editionDownloads}</summary>
            {editions.map((edition) => (
              <ReportDownloads
                key={edition.id}
                id={`edition-${edition.id}`}
                title={r.editionOf(formatDate(edition.publishedAt, lang))}
                urlOf={(format, isPublic) => publicationUrl(year, edition.id, format, isPublic, lang)}
              />
            ))}
          </details>
        </>
      )}
    </>
  );
}
