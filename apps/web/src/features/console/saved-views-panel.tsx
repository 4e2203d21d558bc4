import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { useSavedViews } from './saved-views';

/** Save the queue as it is now under a name; open or delete a saved one. */
export function SavedViewsPanel({ owner, query }: { owner: string; query: string }) {
  const t = useT();
  const v = t.console.views;
  const { views, save, remove } = useSavedViews(owner);
  const [name, setName] = useState('');
  const [error, setError] = useState(false);
  const [said, setSaid] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setError(trimmed === '');
    if (trimmed === '') return;
    void save(trimmed, query).then(() => {
      setName('');
      setSaid(v.saved(trimmed));
    });
  };
  return (
    <section aria-labelledby="vues" className="fr-mb-4w">
      <h2 id="vues" className="fr-h6">
        {v.title}
      </h2>
      {views.length === 0 ? (
        <p className="fr-text--sm">{v.none}</p>
      ) : (
        <ul className="fr-tags-group">
          {views.map((view) => (
            <li key={view.name} style={{ display: 'inline-flex', alignItems: 'center' }}>
              <Link className="fr-tag" to={`/console/declarations${view.query ? `?${view.query}` : ''}`}>
                {view.name}
              </Link>
              <Button
                priority="tertiary no outline"
                size="small"
                iconId="fr-icon-delete-line"
                title={v.remove(view.name)}
                onClick={() => void remove(view.name)}
              />
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={v.name}
            nativeInputProps={{ name: 'vue', value: name, onChange: (e) => setName(e.target.value) }}
            {...(error ? { state: 'error' as const, stateRelatedMessage: v.nameRequired } : {})}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Button type="submit" priority="secondary">
            {v.save}
          </Button>
        </div>
      </form>
      <p className="fr-sr-only" role="status">
        {said}
      </p>
    </section>
  );
}
