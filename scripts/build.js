#!/usr/bin/env node
// `npm run build`: compiles apps/ and libs/ into dist/, builds the web application into dist/web, and
// records that both are fresh, so the next `npm start` or `npm run vigie` (scripts/ensure-built.js)
// does not build again. `--web-only`: the web application alone.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const webStamp = path.join(root, 'dist', '.web-build-stamp');
const webRoot = path.join(root, 'apps', 'web');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function writeStamp(file, at) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, at.toISOString());
  fs.utimesSync(file, at, at);
}

function buildApi() {
  // The stamp's time is taken before compiling: a source saved during the build is newer, and builds next time.
  const startedAt = new Date();
  execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // What the compiled code reads beside itself: the fonts the PDFs embed.
  fs.cpSync(
    path.join(root, 'libs', 'reporting', 'assets'),
    path.join(root, 'dist', 'libs', 'reporting', 'assets'),
    {
      recursive: true,
    },
  );
  writeStamp(stamp, startedAt);
}

/**
 * The DSFR's assets into vite's publicDir (dist/web-public: react-dsfr's documented set-up), then
 * `vite build` into dist/web (or `outDir`, for tests that build elsewhere).
 */
function buildWeb(outDir) {
  fs.mkdirSync(path.join(root, 'dist', 'web-public'), { recursive: true });
  execFileSync(bin('copy-dsfr-to-public'), ['--projectDir', webRoot], { cwd: root, stdio: 'inherit' });
  // The icons' CSS and SVGs of the `fr-icon-*`/`ri-*` classes apps/web/src uses, and only those.
  execFileSync(bin('only-include-used-icons'), ['--projectDir', webRoot, '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
  // After the copy, which may rewrite index.html's links: that is no source change.
  const startedAt = new Date();
  const args = ['build', '--config', path.join(webRoot, 'vite.config.ts'), '--logLevel', 'warn'];
  if (outDir !== undefined) args.push('--outDir', outDir, '--emptyOutDir');
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
  execFileSync(bin('vite'), args, { cwd: webRoot, stdio: 'inherit', env });
  if (outDir === undefined) writeStamp(webStamp, startedAt);
}

function build() {
  buildApi();
  buildWeb();
}

module.exports = { build, buildApi, buildWeb, stamp, webStamp, root };

if (require.main === module) {
  if (process.argv.includes('--web-only')) buildWeb();
  else build();
}
