import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { DeclarationView } from './declaration-types';

/** The free texts, across the whole width; the short facts go three a row from 768 px up. */
const WIDE = new Set(['description', 'measuresTaken', 'systemsDetail', 'resolution']);

/** The key facts as a definition list; long texts wrap rather than run off a phone. */
export function DeclarationFacts({ declaration: d }: { declaration: DeclarationView }) {
  const t = useT();
  const lang = useLang();
  const p = t.declarations.page;
  const value = (code: string) => t.declarations.values[code] ?? code;
  const field = (name: string) => t.declarations.fields[name] ?? name;
  const list = (codes: readonly string[]) =>
    codes.length === 0 ? t.declarations.empty : codes.map(value).join(', ');
  const facts: [string, string, string?][] = [
    [p.facility, `${d.structure.name} (FINESS ${d.structure.finess})`],
    [p.occurredAt, formatDate(d.occurredAt, lang)],
    [p.detectedAt, formatDate(d.detectedAt, lang)],
    [p.submittedAt, formatDate(d.submittedAt, lang)],
    [p.updatedAt, formatDate(d.updatedAt, lang)],
    [p.operationalImpact, value(d.operationalImpact)],
    [p.patientEndangerment, value(d.patientEndangerment)],
    [p.description, d.description, 'description'],
    [p.measuresTaken, d.measuresTaken ?? t.declarations.empty, 'measuresTaken'],
    [field('handlingState'), value(d.handlingState)],
    [field('systemsConcerned'), list(d.systemsConcerned)],
    ...(d.systemsDetail === null
      ? []
      : ([[field('systemsDetail'), d.systemsDetail, 'systemsDetail']] as [string, string, string][])),
    [
      field('personsAffected'),
      d.personsAffected === null ? t.declarations.empty : d.personsAffected.toLocaleString(lang),
    ],
    [
      field('supplierInvolved'),
      d.supplierInvolved === 'YES' && d.supplierName !== null
        ? `${value('YES')} — ${d.supplierName}`
        : value(d.supplierInvolved),
    ],
    [field('otherNotifications'), list(d.otherNotifications)],
    [
      p.qualification,
      d.qualification === null ? p.notQualified : value(d.qualification.regulatoryQualification),
    ],
    [p.support, d.supportRequested ? p.supportRequested : p.supportNotRequested],
    ...(d.resolution === null
      ? []
      : ([
          [
            p.resolution,
            `${formatDate(d.resolution.resolvedAt, lang)} — ${d.resolution.summary}`,
            'resolution',
          ],
        ] as [string, string, string][])),
  ];
  // The short facts first, three a row; the texts after them, each across the width.
  const isWide = (key: string | undefined) => key !== undefined && WIDE.has(key);
  const short = facts.filter(([, , key]) => !isWide(key));
  const wide = facts.filter(([, , key]) => isWide(key));
  return (
    <dl className="fr-grid-row fr-grid-row--gutters" style={{ overflowWrap: 'anywhere' }}>
      {[...short, ...wide].map(([term, text, key]) => (
        <div key={term} className={isWide(key) ? 'fr-col-12' : 'fr-col-12 fr-col-md-4'}>
          <dt className="fr-text--bold">{term}</dt>
          <dd className="fr-ml-0" style={{ whiteSpace: 'pre-line' }}>
            {text}
          </dd>
        </div>
      ))}
    </dl>
  );
}
