import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { DeclarationView } from './declaration-types';

/** The key facts as a definition list; long texts wrap rather than run off a phone. */
export function DeclarationFacts({ declaration: d }: { declaration: DeclarationView }) {
  const t = useT();
  const lang = useLang();
  const p = t.declarations.page;
  const value = (code: string) => t.declarations.values[code] ?? code;
  const field = (name: string) => t.declarations.fields[name] ?? name;
  const list = (codes: readonly string[]) =>
    codes.length === 0 ? t.declarations.empty : codes.map(value).join(', ');
  const facts: [string, string][] = [
    [p.facility, `${d.structure.name} (FINESS ${d.structure.finess})`],
    [p.occurredAt, formatDate(d.occurredAt, lang)],
    [p.detectedAt, formatDate(d.detectedAt, lang)],
    [p.submittedAt, formatDate(d.submittedAt, lang)],
    [p.updatedAt, formatDate(d.updatedAt, lang)],
    [p.operationalImpact, value(d.operationalImpact)],
    [p.patientEndangerment, value(d.patientEndangerment)],
    [p.description, d.description],
    [p.measuresTaken, d.measuresTaken ?? t.declarations.empty],
    [field('handlingState'), value(d.handlingState)],
    [field('systemsConcerned'), list(d.systemsConcerned)],
    ...(d.systemsDetail === null ? [] : ([[field('systemsDetail'), d.systemsDetail]] as [string, string][])),
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
      : ([[p.resolution, `${formatDate(d.resolution.resolvedAt, lang)} — ${d.resolution.summary}`]] as [
          string,
          string,
        ][])),
  ];
  return (
    <dl style={{ overflowWrap: 'anywhere' }} data-testid="declaration-facts">
      {facts.map(([term, text]) => (
        <div key={term} className="fr-mb-2w">
          <dt className="fr-text--bold">{term}</dt>
          <dd className="fr-ml-0" style={{ whiteSpace: 'pre-line' }} data-field={term}>
            {text}
          </dd>
        </div>
      ))}
    </dl>
  );
}
