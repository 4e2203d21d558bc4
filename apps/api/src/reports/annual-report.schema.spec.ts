import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { REPORT_TABLES } from '@vigie/reporting';
import { REPORT_SECTIONS } from './annual-report.schema';

/** The schema at a table's JSON path (`operationalImpact.structures`), through the sections' properties. */
function schemaAt(id: string): SchemaObject | undefined {
  const [section, ...rest] = id.split('.');
  let node: SchemaObject | undefined = (REPORT_SECTIONS as Record<string, SchemaObject>)[section];
  for (const part of rest) node = node?.properties?.[part] as SchemaObject | undefined;
  return node;
}

/**
 * The OpenAPI document describes the report by hand (REPORT_SECTIONS); the report itself is built
 * from the catalog of its tables. A table added to the catalog and forgotten here would be an
 * answer the document says cannot happen: this fails first.
 */
describe('the report’s schema in the API document', () => {
  it.each(REPORT_TABLES.map((entry) => [entry.id, entry.codes] as const))(
    '%s is described, with every one of its codes',
    (id, codes) => {
      const schema = schemaAt(id);
      expect(schema).toBeDefined();
      // A section may hold more than its counts (a share, a sub-table): never fewer.
      expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining([...codes]));
      expect(schema?.required).toEqual(expect.arrayContaining([...codes]));
    },
  );
});
