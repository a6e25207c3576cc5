#!/usr/bin/env node
// `npm run soak`: test/soak/soak.ts bundled and run by scripts/lib/bundled.js (node
// --expose-gc, for the memory figures). Arguments after `--` go to the soak run. The package is
// loaded from dist/, as n8n loads it: `npm run soak` builds first.
'use strict';

const path = require('path');
const { runBundled } = require('../../scripts/lib/bundled');

process.exitCode = runBundled(path.join(__dirname, 'soak.ts'));
