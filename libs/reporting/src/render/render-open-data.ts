import { stringify } from 'csv-stringify/sync';
import type { Lang } from '@vigie/domain';
import type { DegradedModeDuration, Masked } from '../annual-report';
import type { PublicReport } from '../public-mask';
import { REPORT_TABLES, tableAt, type TableEntry } from '../report-tables-catalog';
import { cellOf, reportTables } from './report-tables';
import { text, type TextKey } from './report-text';

/** The measures a row may give: a count, or one of the figures derived from counts. */
export const OPEN_DATA_MEASURES = ['count', 'meanHours', 'medianHours', 'sevenDaysOrMoreShare'] as const;
export type OpenDataMeasure = (typeof OPEN_DATA_MEASURES)[number];

/** One published cell of the public edition (docs/open-data.md, the data dictionary). */
export interface OpenDataRow {
  year: number;
  table: string;
  code: string;
  measure: OpenDataMeasure;
  label_fr: string;
  label_en: string;
  /** null when masked */
  value: number | null;
  /** 'masked' when the value is withheld (statistical secrecy), else '' */
  flag: '' | 'masked';
  /** how the public edition shows a withheld count: "<5" (1 to 4) or "secret" (complementary suppression) */
  masked_as: '' | Masked;
  /** % (one decimal) of the table's share base; null when none, or when masked */
  share: number | null;
}

export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

export const OPEN_DATA_COLUMNS = [
  'year',
  'table',
  'code',
  'measure',
  'label_fr',
  'label_en',
  'value',
  'flag',
  'masked_as',
  'share',
] as const satisfies readonly (keyof OpenDataRow)[];

/** Every cell of every table of the catalog, in reading order, with its labels in both languages. */
export function openDataRows(report: PublicReport): OpenDataRow[] {
  const labelled = (lang: Lang) =>
    new Map(
      reportTables(report, lang).flatMap((table) =>
        table.rows.map((row): [string, { label: string; share: number | null }] => [
          `${table.id}|${row.code}`,
          { label: row.label, share: row.share },
        ]),
      ),
    );
  const fr = labelled('fr');
  const en = labelled('en');
  const rows: OpenDataRow[] = [];
  for (const entry of REPORT_TABLES as readonly TableEntry[]) {
    const table = tableAt<number | Masked>(report, entry.id);
    if (table === undefined) continue;
    for (const code of entry.codes) {
      const key = `${entry.group ?? entry.id}|${entry.counts === 'clocks' ? stageCode(entry) : code}`;
      const count = cellOf(report, `${entry.id}/${code}`);
      const labels = (lang: Lang, rendered: ReadonlyMap<string, { label: string }>) =>
        entry.counts === 'clocks'
          ? `${entry.title[lang]} — ${text(`stage.${code}` as TextKey, lang)}`
          : (rendered.get(key)?.label ?? code);
      rows.push({
        year: report.year,
        table: entry.id,
        code,
        measure: 'count',
        label_fr: labels('fr', fr),
        label_en: labels('en', en),
        value: typeof count === 'number' ? count : null,
        flag: typeof count === 'number' ? '' : 'masked',
        masked_as: typeof count === 'number' ? '' : count,
        share: entry.counts === 'clocks' ? stageShare(table, code) : (fr.get(key)?.share ?? null),
      });
      if (entry.describedBy !== undefined)
        rows.push(...describedRows(report, entry, code, rows[rows.length - 1]));
    }
  }
  return rows;
}

const stageCode = (entry: TableEntry): string => entry.id.split('.').slice(1).join('/');

/** A deadline's share on time is given on its `met` row. */
const stageShare = (table: Record<string, unknown>, code: string): number | null =>
  code === 'met' && typeof table.shareOnTime === 'number' ? table.shareOnTime : null;

function describedRows(
  report: PublicReport,
  entry: TableEntry,
  code: string,
  countRow: OpenDataRow,
): OpenDataRow[] {
  const figures = tableAt<DegradedModeDuration>(report, entry.describedBy!)?.[code];
  if (figures === undefined) return [];
  return (Object.keys(figures) as (keyof DegradedModeDuration)[]).map((measure) => ({
    ...countRow,
    table: entry.describedBy!,
    measure,
    value: figures[measure],
    flag: countRow.flag,
    masked_as: '',
    share: null,
  }));
}

/** The tidy CSV: one row per published cell, UTF-8, comma-separated, header first, empty for null. */
export function renderOpenDataCsv(report: PublicReport): string {
  const rows = openDataRows(report).map((row) => OPEN_DATA_COLUMNS.map((column) => row[column] ?? ''));
  return stringify(rows, { header: true, columns: [...OPEN_DATA_COLUMNS] });
}

/** The same rows as JSON, with the edition's metadata and licence; its schema is `OPEN_DATA_JSON_SCHEMA`. */
export function renderOpenDataJson(report: PublicReport): string {
  const document = {
    schemaVersion: OPEN_DATA_SCHEMA_VERSION,
    title: {
      fr: `${text('title', 'fr')} — ${report.year} (édition publique)`,
      en: `${text('title', 'en')} — ${report.year} (public edition)`,
    },
    licence: OPEN_DATA_LICENCE,
    year: report.year,
    asOf: report.asOf,
    position: report.position,
    taxonomyVersion: report.taxonomyVersion,
    tables: (REPORT_TABLES as readonly TableEntry[])
      .filter((entry) => tableAt(report, entry.id) !== undefined)
      .map((entry) => ({
        id: entry.id,
        title: entry.title,
        counts: entry.counts,
        shareBase: entry.shareBase,
        sumsTo: entry.sumsTo,
      })),
    rows: openDataRows(report),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Bumped when a column or a field changes meaning; new tables and codes keep it. */
export const OPEN_DATA_SCHEMA_VERSION = 'vigie-open-data-annual-report/1';

const LABEL = {
  type: 'object',
  properties: { fr: { type: 'string' }, en: { type: 'string' } },
  required: ['fr', 'en'],
  additionalProperties: false,
} as const;

/** The JSON Schema (draft 2020-12) of `renderOpenDataJson`: published in docs/open-data.schema.json. */
export const OPEN_DATA_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:vigie:open-data-annual-report:1',
  title: 'Vigie — public edition of the yearly report, as open data',
  type: 'object',
  required: [
    'schemaVersion',
    'title',
    'licence',
    'year',
    'asOf',
    'position',
    'taxonomyVersion',
    'tables',
    'rows',
  ],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: OPEN_DATA_SCHEMA_VERSION },
    title: LABEL,
    licence: {
      type: 'object',
      properties: { name: { type: 'string' }, url: { type: 'string' } },
      required: ['name', 'url'],
      additionalProperties: false,
    },
    year: { type: 'integer' },
    asOf: { type: 'string', format: 'date-time' },
    position: { type: 'string', pattern: '^[0-9]+$' },
    taxonomyVersion: { type: 'string' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'counts', 'shareBase', 'sumsTo'],
        additionalProperties: false,
        properties: {
          id: { enum: REPORT_TABLES.map((entry) => entry.id) },
          title: LABEL,
          counts: { enum: ['declarations', 'structures', 'interventions', 'clocks'] },
          shareBase: { type: ['string', 'null'] },
          sumsTo: { type: ['string', 'null'] },
        },
      },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: [...OPEN_DATA_COLUMNS],
        additionalProperties: false,
        properties: {
          year: { type: 'integer' },
          table: { type: 'string' },
          code: { type: 'string' },
          measure: { enum: [...OPEN_DATA_MEASURES] },
          label_fr: { type: 'string' },
          label_en: { type: 'string' },
          value: { type: ['number', 'null'], minimum: 0 },
          flag: { enum: ['', 'masked'] },
          masked_as: { enum: ['', '<5', 'secret'] },
          share: { type: ['number', 'null'], minimum: 0, maximum: 100 },
        },
      },
    },
  },
} as const;
