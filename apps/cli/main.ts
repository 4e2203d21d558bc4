#!/usr/bin/env node
// `node dist/apps/cli/main.js` and the package `bin` point here; the program lives in src/.
import './src/main';
