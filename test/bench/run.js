#!/usr/bin/env node
// `npm run bench`: test/bench/bench.ts bundled and run by scripts/lib/bundled.js (node
// --expose-gc, for the memory figure). Arguments after `--` go to the benchmark. The package is
// loaded from dist/, as n8n loads it: `npm run bench` builds first.
'use strict';

const path = require('path');
const { runBundled } = require('../../scripts/lib/bundled');

process.exitCode = runBundled(path.join(__dirname, 'bench.ts'));
