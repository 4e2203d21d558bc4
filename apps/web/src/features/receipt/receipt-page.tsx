import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLocation, useParams } from 'react-router';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ClocksList } from '../declarations/clocks-list';
import { useClocks, useDeclaration, type DeclarationView } from './receipt-queries';

/** `/declarations/:reference/accuse`: what the CERT received, printable, with the PDF. */
export function ReceiptPage() {
  const t = useT();
  usePageTitle(t.receipt.title);
  const { reference = '' } = useParams();
  // The submission's position, given by the wizard: history state, never the URL.
  const minPosition = (useLocation().state as { position?: string } | null)?.position;
  const declaration = useDeclaration(reference, minPosition);
  const clocks = useClocks(declaration.data?.id, minPosition);
  return (
    <>
      <h1>{t.receipt.title}</h1>
      {declaration.isPending ? (
        <p>{t.layout.loading}</p>
      ) : declaration.data === undefined ? (
        <Alert severity="error" small description={t.receipt.notFound} />
      ) : (
        <Receipt view={declaration.data} clocks={clocks.data} />
      )}
    </>
  );
}

function Receipt({
  view,
  clocks,
}: {
  view: DeclarationView;
  clocks: Parameters<typeof ClocksList>[0]['clocks'] | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const r = t.receipt;
  const codes = t.declare.codes;
  const reference = view.reference ?? null;
  const rows: [string, string][] = [
    [r.structure, `${view.structure.name} (FINESS ${view.structure.finess})`],
    [r.submittedAt, formatDate(view.submittedAt, lang)],
    [r.declarant, `${view.declarant.name}, ${view.declarant.role}`],
    [r.origin, codes.suspectedOrigin[view.suspectedOrigin] ?? view.suspectedOrigin],
    [r.impact, codes.operationalImpact[view.operationalImpact] ?? view.operationalImpact],
    [r.endangerment, codes.patientEndangerment[view.patientEndangerment] ?? view.patientEndangerment],
    [r.description, view.description],
  ];
  const page = `/declarations/${encodeURIComponent(reference ?? view.id)}`;
  return (
    <>
      <p className="fr-text--lead">{r.lead}</p>
      <div className="fr-callout fr-mb-4w">
        <p className="fr-callout__title" id="receipt-reference-label">
          {r.reference}
        </p>
        <p
          className="fr-display--xs fr-mb-0"
          aria-labelledby="receipt-reference-label"
          id="receipt-reference"
        >
          {reference ?? r.noReference}
        </p>
      </div>
      <section aria-labelledby="receipt-declared" className="fr-mb-4w">
        <h2 id="receipt-declared">{r.declared}</h2>
        <dl>
          {rows.map(([label, value]) => (
            <div key={label} className="fr-mb-2w">
              <dt className="fr-text--bold">{label}</dt>
              <dd className="fr-ml-0" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="receipt-deadlines" className="fr-mb-4w">
        <h2 id="receipt-deadlines">{r.deadlines}</h2>
        {clocks === undefined ? <p>{t.layout.loading}</p> : <ClocksList clocks={clocks} />}
      </section>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <a
            className="fr-btn fr-btn--icon-left fr-icon-download-line"
            href={`/api/v1/declarations/${encodeURIComponent(view.id)}/receipt?format=pdf&lang=${lang}`}
            download
          >
            {r.pdf}
          </a>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-printer-line" onClick={() => window.print()}>
            {r.print}
          </Button>
        </li>
        <li>
          <Button priority="tertiary" iconId="fr-icon-arrow-right-line" linkProps={{ to: page }}>
            {r.open}
          </Button>
        </li>
      </ul>
    </>
  );
}
