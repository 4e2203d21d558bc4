#!/usr/bin/env node
// The JavaScript each page of the web application loads (`npm run build:web` first): the entry
// chunk and what it imports statically, plus the page's lazy chunk and what that imports, raw and
// gzip, from Vite's manifest (dist/web/.vite/manifest.json). Usage: node scripts/page-js-sizes.js [dist/web]
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'web'));
const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'));

/** A chunk and every chunk it imports statically (what the browser fetches before running it). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) closure(imported, seen);
  return seen;
}

const sizes = new Map();
function sizeOf(key) {
  if (!sizes.has(key)) {
    const bytes = fs.readFileSync(path.join(outDir, manifest[key].file));
    sizes.set(key, { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length });
  }
  return sizes.get(key);
}

const total = (keys) =>
  [...keys].reduce((sum, key) => ({ raw: sum.raw + sizeOf(key).raw, gzip: sum.gzip + sizeOf(key).gzip }), {
    raw: 0,
    gzip: 0,
  });

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entryChunks = closure(entry);
const pages = Object.keys(manifest)
  .filter((key) => manifest[key].isDynamicEntry && /-page\.tsx$|not-found\.tsx$/.test(key))
  .sort();

const kB = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(10);
const rows = [['(entry, every page)', total(entryChunks), entryChunks.size]];
for (const page of pages) {
  const chunks = closure(page, new Set(entryChunks));
  rows.push([path.basename(page), total(chunks), chunks.size]);
}
console.log(`${'page module'.padEnd(34)}${'raw'.padStart(10)}${'gzip'.padStart(10)}  chunks`);
for (const [name, { raw, gzip }, count] of rows) {
  console.log(`${name.padEnd(34)}${kB(raw)}${kB(gzip)}  ${count}`);
}
