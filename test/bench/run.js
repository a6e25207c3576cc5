#!/usr/bin/env node
// `npm run bench`: test/bench/bench.ts bundled and run by scripts/lib/bundled.js (node
// --expose-gc, for the memory figure). Arguments after `--` go to the benchmark, except
// `--cpu-prof=<dir>`, which runs it under node's CPU profiler (one .cpuprofile per thread in <dir>),
// and `--real-n8n`, which runs test/bench/real-n8n.js instead (n8n itself, see that file).
// The package is loaded from dist/, as n8n loads it: `npm run bench` builds first.
'use strict';

const path = require('path');
const { runBundled } = require('../../scripts/lib/bundled');

const args = process.argv.slice(2);
if (args.includes('--real-n8n')) {
	require('./real-n8n.js');
} else {
	const profile = args.find((arg) => arg.startsWith('--cpu-prof='));
	const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile.slice('--cpu-prof='.length))}`] : [];
	process.exitCode = runBundled(path.join(__dirname, 'bench.ts'), args.filter((arg) => arg !== profile), nodeArgs);
}
