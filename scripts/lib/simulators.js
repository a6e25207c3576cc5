// The vendor simulators in a process of their own: test/e2e/serveSimulators.ts bundled with the
// repo's esbuild and run with the machine's Node. Its ready line lists each vendor's URL and
// credential; its admin endpoint (/__sim/, test/simulators/framework.ts) serves the ledgers.
'use strict';

const fs = require('fs');
const path = require('path');
const { ROOT, log, fail, cleanEnv, startService, request } = require('./util');

const SIMULATORS_READY = 'DEV_SIMULATORS_READY ';
const ENTRY = path.join(ROOT, 'test', 'e2e', 'serveSimulators.ts');

function bundle(outDir) {
	if (!fs.existsSync(ENTRY)) fail(`${path.relative(ROOT, ENTRY)} does not exist`);
	let esbuild;
	try {
		esbuild = require(require.resolve('esbuild', { paths: [ROOT] }));
	} catch (e) {
		fail(`esbuild is not installed in ${ROOT}/node_modules (run npm ci): ${e.message}`);
	}
	fs.mkdirSync(outDir, { recursive: true });
	const outfile = path.join(outDir, 'runner.js');
	try {
		esbuild.buildSync({
			entryPoints: [ENTRY],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			sourcemap: 'inline',
			nodePaths: [path.join(ROOT, 'node_modules')],
			logLevel: 'silent',
		});
	} catch (e) {
		fail(`bundling the simulators (${path.relative(ROOT, ENTRY)}) with esbuild failed: ${e.message}`);
	}
	return outfile;
}

/**
 * Starts the simulators. `ports`: vendor key -> port (0 = free port; a vendor not named gets its
 * default port). Resolves with { vendors: [{ key, displayName, url, credential, refused }], child }.
 */
function startSimulators({ runDir, ports = {}, onExit }) {
	return new Promise((resolve, reject) => {
		const runner = bundle(path.join(runDir, 'simulators'));
		const child = startService('simulators', process.execPath, ['--enable-source-maps', runner], {
			cwd: ROOT,
			env: cleanEnv({ SIMULATOR_PORTS: JSON.stringify(ports) }),
			logFile: path.join(runDir, 'simulators.log'),
			// The ready line lists the demo credentials, secrets included: read here, never logged.
			privateLinePrefix: SIMULATORS_READY,
			stdin: 'pipe',
			onExit: (code, signal) => {
				if (!ready) reject(new Error(`the simulators exited before they were ready (exit ${code}${signal ? `, ${signal}` : ''}):\n${child.logText.slice(-3000)}`));
				else if (onExit) onExit(code, signal);
			},
		});
		let ready = null;
		let buf = '';
		child.stdout.on('data', (d) => {
			if (ready) return;
			buf += d;
			const at = buf.indexOf(SIMULATORS_READY);
			const end = at >= 0 ? buf.indexOf('\n', at) : -1;
			if (end >= 0) {
				ready = JSON.parse(buf.slice(at + SIMULATORS_READY.length, end));
				ready.child = child;
				resolve(ready);
			}
		});
	});
}

/** The admin endpoint of the simulator at `url`: ledger(), reset({ demo }), seed(body). */
function admin(url) {
	const call = async (method, what, body) => {
		const r = await request(method, `${url}/__sim/${what}`, { body, timeout: 60000 });
		if (r.status !== 200 || !r.json) throw new Error(`${method} ${url}/__sim/${what}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
		return r.json;
	};
	return {
		ledger: () => call('GET', 'ledger'),
		requests: (from = 0) => call('GET', `requests?from=${from}`),
		reset: (body = {}) => call('POST', 'reset', body),
		seed: async (body) => (await call('POST', 'seed', body)).seeded,
		faults: (body) => call('POST', 'faults', body),
	};
}

function describe(sims) {
	return sims.vendors.map((v) => `${v.displayName} ${v.url}`).join(', ');
}

module.exports = { startSimulators, admin, describe, log };
