import { createProgram } from '../../apps/cli/src/program';

/**
 * Runs `vigie <args>` in-process with `env` added to the environment (and taken away after);
 * returns what it wrote to stdout and to stderr.
 */
export async function runVigie(
  args: string[],
  env: Record<string, string>,
): Promise<{ out: string; err: string }> {
  const saved = { ...process.env };
  let out = '';
  let err = '';
  Object.assign(process.env, env);
  try {
    await createProgram({ writeOut: (text) => (out += text), writeErr: (text) => (err += text) }).parseAsync([
      'node',
      'vigie',
      ...args,
    ]);
  } finally {
    for (const name of Object.keys(env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
  return { out, err };
}
