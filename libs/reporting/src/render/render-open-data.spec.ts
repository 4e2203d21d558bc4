import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { maskReport } from '../public-mask';
import { REPORT_TABLES, type TableEntry } from '../report-tables-catalog';
import { reportOf, submitted } from '../report.fixtures';
import {
  OPEN_DATA_COLUMNS,
  OPEN_DATA_JSON_SCHEMA,
  openDataRows,
  renderOpenDataCsv,
  renderOpenDataJson,
} from './render-open-data';

/** 12 declarations, 9 in Île-de-France and 3 in Auvergne-Rhône-Alpes: some cells masked, some not. */
function publicEdition() {
  const declarations = Array.from({ length: 12 }, (_, i) => [
    submitted({
      declarationId: `d-${i}`,
      structure: {
        finess: `7500000${String(i).padStart(2, '0')}`,
        name: 'S',
        type: 'ES',
        region: i < 9 ? '11' : '84',
        isOse: false,
        nis2: 'NONE',
      },
    }),
  ]);
  return maskReport(reportOf(2020, ...declarations));
}

const SCHEMA_FILE = join(__dirname, '../../../../docs/open-data.schema.json');

describe('open data: the public edition as a tidy CSV and JSON', () => {
  it('has one count row per code of every table of the catalog, withheld ones flagged with an empty value', () => {
    const report = publicEdition();
    const rows = openDataRows(report).filter((row) => row.measure === 'count');
    const cells = (REPORT_TABLES as readonly TableEntry[]).flatMap((entry) =>
      entry.codes.map((code) => `${entry.id}/${code}`),
    );
    expect(rows.map((row) => `${row.table}/${row.code}`)).toEqual(cells);
    expect(rows.find((row) => row.table === 'byRegion' && row.code === '84')).toMatchObject({
      value: null,
      flag: 'masked',
      masked_as: '<5',
      share: null,
      label_fr: 'Auvergne-Rhône-Alpes',
    });
    // 12 − 3 would give the 3 back: Île-de-France is withheld too.
    expect(rows.find((row) => row.table === 'byRegion' && row.code === '11')).toMatchObject({
      value: null,
      masked_as: 'secret',
    });
    expect(rows.find((row) => row.table === 'declarations' && row.code === 'total')).toMatchObject({
      value: 12,
      flag: '',
      label_en: 'Declarations of the year',
    });
    expect(rows.every((row) => row.label_fr !== '' && row.label_en !== '')).toBe(true);
  });

  it('the CSV has the documented columns and the same rows, empty for null', () => {
    const report = publicEdition();
    const csv = renderOpenDataCsv(report);
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(parsed[0])).toEqual([...OPEN_DATA_COLUMNS]);
    expect(parsed).toHaveLength(openDataRows(report).length);
    expect(parsed.find((row) => row.table === 'byRegion' && row.code === '84')).toMatchObject({
      value: '',
      flag: 'masked',
      masked_as: '<5',
    });
    expect(renderOpenDataCsv(report)).toBe(csv);
  });

  it('the JSON validates against the published JSON Schema, which is docs/open-data.schema.json', () => {
    const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(
      OPEN_DATA_JSON_SCHEMA,
    );
    const document: unknown = JSON.parse(renderOpenDataJson(publicEdition()));
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    // And a document the schema must refuse: a masked value that still shows.
    const leaky = JSON.parse(renderOpenDataJson(publicEdition())) as { rows: { value: unknown }[] };
    leaky.rows[0].value = '<5';
    expect(validate(leaky)).toBe(false);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(OPEN_DATA_JSON_SCHEMA);
  });
});
