import { labelOf, type CodeList } from '@vigie/domain';
import type { DeclarationListItem } from '@vigie/read-models';
import { stringify } from 'csv-stringify/sync';

/** The queue's columns, in French as its users read them; codes are given with their label. */
const COLUMNS: { header: string; value: (item: DeclarationListItem) => string }[] = [
  { header: 'Référence', value: (item) => item.reference ?? '' },
  { header: 'Identifiant', value: (item) => item.id },
  { header: 'Déclarée le (UTC)', value: (item) => item.submittedAt },
  { header: 'FINESS', value: (item) => item.finess },
  { header: 'Structure', value: (item) => item.structureName },
  { header: 'Type de structure', value: (item) => labelled('structureType', item.structureType) },
  { header: 'Région', value: (item) => labelled('region', item.region) },
  { header: 'Statut', value: (item) => item.status },
  { header: 'Origine', value: (item) => labelled('origin', item.origin) },
  { header: 'Type', value: (item) => item.type ?? '' },
  {
    header: 'Mise en danger des patients',
    value: (item) => labelled('patientEndangerment', item.patientEndangerment),
  },
  {
    header: 'Impact sur le fonctionnement',
    value: (item) => labelled('operationalImpact', item.operationalImpact),
  },
  { header: 'Analyste', value: (item) => item.assignee ?? '' },
  { header: 'Description', value: (item) => item.description },
];

const labelled = (list: CodeList, code: string): string => `${labelOf(list, code, 'fr')} (${code})`;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first) is
 * prefixed with an apostrophe: it shows as typed, never runs (OWASP "CSV injection").
 */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** UTF-8 with a byte-order mark, so that a spreadsheet opens the accents right; `;`-free: RFC 4180 commas. */
export function declarationsCsv(items: readonly DeclarationListItem[]): Buffer {
  const rows = [
    COLUMNS.map((column) => column.header),
    ...items.map((item) => COLUMNS.map((column) => neutralised(column.value(item)))),
  ];
  return Buffer.concat([
    Buffer.from('\ufeff', 'utf8'),
    Buffer.from(stringify(rows, { record_delimiter: '\r\n' }), 'utf8'),
  ]);
}
