#!/usr/bin/env node
// `npm run soak`: bundles test/soak/soak.ts with esbuild (as scripts/dev.js bundles the
// simulators; packages stay external and load from the repository's node_modules), then runs it
// with node and --expose-gc (for the memory figures). Arguments after `--` go to the soak run.
// The package itself is loaded from dist/, as n8n loads it: `npm run soak` builds first.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const esbuild = require(require.resolve('esbuild', { paths: [ROOT] }));

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-soak-'));
const outfile = path.join(outDir, 'soak.js');
try {
	esbuild.buildSync({
		entryPoints: [path.join(__dirname, 'soak.ts')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
	});
	const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', outfile, ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: {
			...process.env,
			SOAK_PACKAGE_DIR: ROOT,
			NODE_PATH: path.join(ROOT, 'node_modules'),
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'silent',
		},
	});
	process.exitCode = result.status ?? 1;
} finally {
	fs.rmSync(outDir, { recursive: true, force: true });
}
