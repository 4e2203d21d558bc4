/*
 * Runs TypeScript children of the tests without a build: `node --require <this file> script.ts`.
 * Compiles each .ts file with @swc/core as jest does (decorators, metadata, commonjs) and maps the
 * @vigie/* aliases of tsconfig.json to libs/<name>/src.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
// Loaded only on a cache miss: the native binding is slow to load.
const transformSync = (...args) => require('@swc/core').transformSync(...args);

const root = path.resolve(__dirname, '../../../..');
const aliases =
  /^@vigie\/(domain|event-store|read-models|reporting|notifications|privacy|users|config|postgres|identity)$/;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const alias = aliases.exec(request);
  const target = alias ? path.join(root, 'libs', alias[1], 'src') : request;
  return resolveFilename.call(this, target, parent, ...rest);
};

// Children start many times per test: compiled files are cached by content.
const cacheDirectory = path.join(os.tmpdir(), 'vigie-swc-register-cache');
fs.mkdirSync(cacheDirectory, { recursive: true });

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(
    cacheDirectory,
    crypto.createHash('sha256').update(filename).update(source).digest('hex') + '.js',
  );
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = compile(source, filename);
    const temporary = `${cached}.${process.pid}`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  }
  module._compile(code, filename);
};

function compile(source, filename) {
  return transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  }).code;
}
