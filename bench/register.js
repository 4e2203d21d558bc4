/*
 * `node -r ./bench/register.js bench/run.ts`: runs the benchmarks' TypeScript without a build.
 * The project's require hook already compiles .ts with @swc/core as jest does (decorators,
 * metadata, commonjs) and maps the @vigie/* aliases to libs/<name>/src: one compiler for the tests'
 * children and the benchmarks, so that both run the code exactly as the tests do.
 */
'use strict';
require('../libs/read-models/src/testing/swc-register.js');
