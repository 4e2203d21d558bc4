import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createProgram } from '../apps/cli/src/program';

describe('the vigie program', () => {
  it('registers a command for every *.command.ts file of apps/cli/src/commands', () => {
    const files = readdirSync(join(__dirname, '../apps/cli/src/commands'))
      .filter((file) => file.endsWith('.command.ts'))
      .map((file) => file.slice(0, -'.command.ts'.length));
    const registered = createProgram().commands.map((command) => command.name());
    expect(files).toEqual(expect.arrayContaining(['token', 'seed', 'report', 'projections', 'migrate']));
    expect(registered.sort()).toEqual(files.sort());
  });

  it('lists them in its help', () => {
    const help = createProgram().helpInformation();
    for (const name of ['token', 'seed', 'report', 'projections', 'migrate'])
      expect(help).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });
});
