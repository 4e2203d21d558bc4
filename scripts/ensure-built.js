#!/usr/bin/env node
// Builds dist/ when a source file is newer than the last build, so `npm start` and `npm run vigie` always
// run current code: the API (apps/, libs/) and the web application (apps/web) each against their own stamp.
const fs = require('node:fs');
const path = require('node:path');
const { buildApi, buildWeb, stamp, webStamp, root } = require('./build');

const webRoot = path.join(root, 'apps', 'web');
const SOURCE = /\.(ts|tsx|json|html|css)$/;

function newestMtime(dir, skip = []) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.includes(full)) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, skip));
    else if (SOURCE.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
const packageFiles = Math.max(
  mtime(path.join(root, 'package.json')),
  mtime(path.join(root, 'package-lock.json')),
);

const apiSources = Math.max(
  newestMtime(path.join(root, 'apps'), [webRoot]),
  newestMtime(path.join(root, 'libs')),
  mtime(path.join(root, 'tsconfig.json')),
  mtime(path.join(root, 'tsconfig.build.json')),
);
if (apiSources > mtime(stamp)) {
  process.stderr.write('vigie: building the API…\n');
  buildApi();
}

// A new package-lock may bring another react-dsfr, hence other DSFR assets.
const webSources = Math.max(newestMtime(webRoot), packageFiles);
if (webSources > mtime(webStamp) || !fs.existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
  process.stderr.write('vigie: building the web application…\n');
  buildWeb();
}
