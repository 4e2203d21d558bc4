import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** decide and evolve must give the same answer on every replay: no hidden clock or randomness. */
const FORBIDDEN = [/new Date\(\s*\)/, /Date\.now\(/, /Math\.random\(/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the domain', () => {
  const files = sources(__dirname);

  it('has sources to check', () => {
    expect(files.map((file) => relative(__dirname, file))).toContain('declaration/declaration.decide.ts');
  });

  it.each(files.map((file) => [relative(__dirname, file), file]))(
    '%s reads no clock and no randomness',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(FORBIDDEN.filter((pattern) => pattern.test(text)).map(String)).toEqual([]);
    },
  );
});
