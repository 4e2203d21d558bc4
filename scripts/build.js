#!/usr/bin/env node
// `npm run build`: compiles apps/ and libs/ into dist/ and records that dist/ is fresh, so the next
// `npm start` or `npm run vigie` (scripts/ensure-built.js) does not build again.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function build() {
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  // The stamp's time is taken before compiling: a source saved during the build is newer, and builds next time.
  const startedAt = new Date();
  execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, startedAt.toISOString());
  fs.utimesSync(stamp, startedAt, startedAt);
}

module.exports = { build, stamp, root };

if (require.main === module) build();
