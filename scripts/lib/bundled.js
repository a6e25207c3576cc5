// Runs a TypeScript entry point (a benchmark, the soak run) the way n8n would meet the package:
// bundled with esbuild (packages stay external and load from the repository's node_modules), run
// with node and --expose-gc (for memory figures), with PACKAGE_DIR naming the repository, whose
// dist/ holds the built package. `nodeArgs` go to node (e.g. --cpu-prof). Returns the exit code.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');

function runBundled(entry, args = process.argv.slice(2), nodeArgs = []) {
	const esbuild = require(require.resolve('esbuild', { paths: [ROOT] }));
	const name = path.basename(entry, '.ts');
	const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-nodes-${name}-`));
	const outfile = path.join(outDir, `${name}.js`);
	try {
		esbuild.buildSync({
			entryPoints: [entry],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			packages: 'external',
			logLevel: 'warning',
		});
		const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', ...nodeArgs, outfile, ...args], {
			stdio: 'inherit',
			env: {
				...process.env,
				PACKAGE_DIR: ROOT,
				NODE_PATH: path.join(ROOT, 'node_modules'),
				N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'silent',
			},
		});
		return result.status ?? 1;
	} finally {
		fs.rmSync(outDir, { recursive: true, force: true });
	}
}

module.exports = { runBundled };
