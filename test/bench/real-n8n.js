#!/usr/bin/env node
// `npm run bench -- --real-n8n` (not part of npm test): in the n8n 2.41.1 that `npm run dev`
// installs (scripts/lib/install.js), N payments (default 500) at 20 ms latency through each vendor
// node with Items per Batch = N, and the same N requests through n8n's HTTP Request node (which
// sends all items at once), one workflow run after the other (`n8n execute`), three rounds. Each
// run pays invoices of its own. Prints each run's node execution time as n8n records it
// (runData executionTime), then per vendor the medians and their ratio (vendor node / HTTP Request).
//
//   npm run bench -- --real-n8n [--n 500] [--latency 20] [--rounds 3] [--vendors cloudCommercePro,crmCom,evoSnap,cnbsWebAr,adilas]
//
// The HTTP Request node's request is the one the vendor node sends (see realN8nSim.ts).
// Environment: BENCH_N8N_USER_FOLDER (default a new temporary folder), N8N_RUNNERS_BROKER_PORT
// (default 5791).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { installPaths } = require('../../scripts/lib/install');

const ROOT = path.resolve(__dirname, '..', '..');
const { node: NODE24, n8n: N8N } = installPaths();
const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
	if (at < 0) return fallback;
	return args[at].includes('=') ? args[at].slice(args[at].indexOf('=') + 1) : args[at + 1];
};
const N = Number(option('n', '500'));
const LATENCY = Number(option('latency', '20'));
const ROUNDS = Number(option('rounds', '3'));
const VENDOR_NAMES = option('vendors', 'cloudCommercePro,crmCom,evoSnap,cnbsWebAr,adilas');
const PKG = 'n8n-nodes-invoice-payments';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	if (!fs.existsSync(NODE24) || !fs.existsSync(N8N)) throw new Error(`n8n is not installed (${N8N}): run npm run dev once`);
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: npm run build');
	const USER = process.env.BENCH_N8N_USER_FOLDER || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-real-bench-'));
	const simFile = path.join(USER, 'sim.js');
	require(require.resolve('esbuild', { paths: [ROOT] })).buildSync({
		entryPoints: [path.join(__dirname, 'realN8nSim.ts')],
		outfile: simFile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
	});
	const simProcess = spawn(process.execPath, [simFile, String(N), String(LATENCY), VENDOR_NAMES], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, PACKAGE_DIR: ROOT, NODE_PATH: path.join(ROOT, 'node_modules'), N8N_LOG_LEVEL: 'silent' },
	});
	const sim = await new Promise((resolve, reject) => {
		let text = '';
		simProcess.stdout.on('data', (chunk) => {
			text += chunk;
			if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]));
		});
		simProcess.on('exit', () => reject(new Error('the simulator stopped')));
	});
	try {
		const target = path.join(USER, '.n8n/nodes/node_modules', PKG);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		for (const entry of ['package.json', 'dist', 'index.js']) fs.cpSync(path.join(ROOT, entry), path.join(target, entry), { recursive: true });
		fs.writeFileSync(path.join(USER, '.n8n/nodes/package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PKG]: '0.1.0' } }));
		const env = {
			...process.env,
			N8N_USER_FOLDER: USER,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_RUNNERS_BROKER_PORT: process.env.N8N_RUNNERS_BROKER_PORT || '5791',
			PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
		};
		delete (/** @type {Record<string, string | undefined>} */ (env)).NODE_OPTIONS;
		const n8n = (cli) => {
			const r = spawnSync(NODE24, [N8N, ...cli], { cwd: USER, env, encoding: 'utf8', maxBuffer: 1 << 28 });
			return { code: r.status, out: (r.stdout || '') + (r.stderr || '') };
		};
		const source = (items) => [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 's', name: 'Invoices', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} } },
			{ id: 'o', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'items', options: {} } },
		];
		const connections = (last) => ({
			Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: last, type: 'main', index: 0 }]] },
		});
		const credentials = [];
		const workflows = [];
		const runs = [];
		for (const vendor of sim.vendors) {
			const credId = `bench${vendor.name}`.slice(0, 21);
			credentials.push({ id: credId, name: `${vendor.name} bench`, type: vendor.credentialType, data: vendor.credentialData });
			for (let round = 0; round < ROUNDS; round++) {
				const items = (slot) => vendor.items.slice((2 * round + slot) * N, (2 * round + slot + 1) * N);
				const node = {
					id: 'v', name: 'Vendor', type: `${PKG}.${vendor.nodeType}`, typeVersion: 1, position: [600, 0],
					credentials: { [vendor.credentialType]: { id: credId, name: `${vendor.name} bench` } },
					parameters: { ...vendor.parameters, options: { batching: { batch: { batchSize: N, batchInterval: 0 } } } },
				};
				const request = vendor.http;
				const httpNode = {
					id: 'h', name: 'HTTP', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [600, 0],
					parameters: {
						method: request.method, url: request.url,
						sendHeaders: request.headers.length > 0, headerParameters: { parameters: request.headers },
						sendBody: true, contentType: 'raw', rawContentType: request.contentType, body: request.body, options: {},
					},
				};
				const id = (kind) => `b${round}${kind}${vendor.name}`.slice(0, 21);
				workflows.push({ id: id('v'), name: `bench ${vendor.name} node ${round}`, active: false, nodes: [...source(items(0)), node], connections: connections('Vendor'), settings: { executionOrder: 'v1' } });
				workflows.push({ id: id('h'), name: `bench ${vendor.name} http ${round}`, active: false, nodes: [...source(items(1)), httpNode], connections: connections('HTTP'), settings: { executionOrder: 'v1' } });
				runs.push({ vendor: vendor.name, round, kind: 'node', id: id('v'), node: 'Vendor' }, { vendor: vendor.name, round, kind: 'http', id: id('h'), node: 'HTTP' });
			}
		}
		fs.writeFileSync(path.join(USER, 'creds.json'), JSON.stringify(credentials));
		fs.writeFileSync(path.join(USER, 'wf.json'), JSON.stringify(workflows));
		for (const cli of [['import:credentials', `--input=${path.join(USER, 'creds.json')}`], ['import:workflow', `--input=${path.join(USER, 'wf.json')}`]]) {
			const r = n8n(cli);
			if (r.code) throw new Error(`n8n ${cli[0]} failed:\n${r.out.slice(-2000)}`);
		}
		// A new connection each time (a kept-alive one may have been closed by the server meanwhile).
		const payments = () =>
			new Promise((resolve, reject) => {
				require('http')
					.get(sim.statsUrl, { agent: false }, (res) => {
						let body = '';
						res.on('data', (chunk) => (body += chunk));
						res.on('end', () => resolve(JSON.parse(body)));
					})
					.on('error', reject);
			});
		const times = {};
		for (const run of runs) {
			const before = (await payments())[run.vendor];
			const r = n8n(['execute', `--id=${run.id}`]);
			const paid = (await payments())[run.vendor] - before;
			let info;
			let ms;
			try {
				// n8n prints its log, a line of '=', then the run's JSON.
				const out = JSON.parse(r.out.slice(r.out.indexOf('====\n{') + 5, r.out.lastIndexOf('\n}') + 2));
				const task = out.data.resultData.runData[run.node][0];
				ms = task.executionTime;
				info = `node_execution_ms=${ms} items_out=${task.data.main[0].length}`;
			} catch {
				info = `parse failed: ${r.out.slice(-800)}`;
				if (process.env.BENCH_DEBUG) console.error(r.out);
			}
			console.log(`real-n8n ${run.vendor} ${run.kind} round=${run.round + 1} n=${N} latency=${LATENCY} exit=${r.code} ${info} payments=${paid}`);
			if (ms !== undefined && paid === N && r.code === 0) ((times[run.vendor] ??= { node: [], http: [] })[run.kind]).push(ms);
		}
		for (const vendor of sim.vendors) {
			const t = times[vendor.name];
			if (!t || t.node.length === 0 || t.http.length === 0) {
				console.log(`real-n8n ${vendor.name} median: incomplete (a run failed or paid less than ${N})`);
				continue;
			}
			const node = median(t.node);
			const httpMs = median(t.http);
			console.log(`real-n8n ${vendor.name} median n=${N} rounds=${t.node.length} node_ms=${node} http_request_ms=${httpMs} ratio=${(node / httpMs).toFixed(2)}`);
		}
	} finally {
		simProcess.kill();
		fs.rmSync(path.join(USER, 'creds.json'), { force: true });
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
