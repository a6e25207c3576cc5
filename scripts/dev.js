#!/usr/bin/env node
// `npm run dev`: build the package, install Node 24 and n8n 2.41.1 into the shared cache folder
// (once), start the vendor simulators, install the package into n8n the way a user would, import
// credentials pointing at the simulators (and the example workflows), start n8n, create the owner
// account and check that n8n really loaded the package's nodes. Then keep running until Ctrl-C.
//
//   npm run dev                      set up and run; Ctrl-C stops n8n and the simulators
//   npm run dev -- --check           do everything, print the readiness report, stop, exit 0/1
//                                    (same as DEV_CHECK=1)
//   npm run dev -- --install-only    only install Node 24 and n8n into the cache folder
//   npm run dev -- --skip-build      use the dist/ that is already there (DEV_SKIP_BUILD=1)
//   npm run dev -- --check --run-examples   also run each imported example workflow that starts
//                                    with a manual trigger (n8n execute --id), against the simulators
//                                    (DEV_RUN_EXAMPLES=1)
//
// `npm run e2e` (scripts/e2e.js) shares the modules in scripts/lib/ and the cache folder.
//
// Environment (all optional):
//   N8N_E2E_CACHE        cache folder of Node 24 and n8n, shared with `npm run e2e` and other
//                        clones (default ~/.cache/n8n-nodes-invoice-payments; N8N_LOCAL_DIR, the
//                        older name, also works and then holds the user folder too)
//   N8N_USER_FOLDER      n8n's user folder (default <repo>/.n8n-local/user)
//   N8N_PORT             n8n's port (default 5678)
//   N8N_LISTEN_ADDRESS   the address n8n listens on (default 127.0.0.1, this machine only; any
//                        other address needs N8N_OWNER_PASSWORD set to a password of your own)
//   N8N_RUNNERS_BROKER_PORT  task broker port (default: a free port)
//   CCP_SIMULATOR_PORT, CRMCOM_SIMULATOR_PORT, ...   simulator ports (test/simulators/serve.ts,
//                        DEMO_VENDORS: default 8801, 8802, ...)
//   N8N_OWNER_EMAIL, N8N_OWNER_PASSWORD          owner account (admin@example.com / Admin12345!)
//   DEV_N8N_TIMEOUT      seconds to wait for n8n's readiness (default 180)
//   DEV_QUIET_N8N=1      do not echo n8n's log to the console once ready (it always goes to
//                        $N8N_USER_FOLDER/dev-run/n8n.log)
//
// Plain CommonJS for the machine's Node 20: no dependencies but esbuild from the repo's node_modules.
'use strict';

const fs = require('fs');
const path = require('path');
const u = require('./lib/util');
const inst = require('./lib/install');
const simulators = require('./lib/simulators');
const n8n = require('./lib/n8n');
const { checkLoaded } = require('./lib/check');

const { ROOT, log, fail, secs, truthy, intEnv } = u;
u.setLogPrefix("dev");
const { PKG, PKG_NAME } = n8n;

const INSTALL = inst.installPaths();
const USER_FOLDER = path.resolve(
	process.env.N8N_USER_FOLDER || path.join(process.env.N8N_LOCAL_DIR ? path.resolve(process.env.N8N_LOCAL_DIR) : path.join(ROOT, '.n8n-local'), 'user'),
);
// Files of one run (simulator bundle, credentials to import, n8n's log) live beside n8n's own
// folder, so that runs with different N8N_USER_FOLDERs sharing one cache do not collide.
const RUN_DIR = path.join(USER_FOLDER, 'dev-run');
const N8N_LOG = path.join(RUN_DIR, 'n8n.log');

const argv = process.argv.slice(2);
const OPTS = {
	check: argv.includes('--check') || truthy(process.env.DEV_CHECK),
	installOnly: argv.includes('--install-only'),
	skipBuild: argv.includes('--skip-build') || truthy(process.env.DEV_SKIP_BUILD),
	runExamples: argv.includes('--run-examples') || truthy(process.env.DEV_RUN_EXAMPLES),
	quietN8n: truthy(process.env.DEV_QUIET_N8N),
};
const N8N_PORT = intEnv('N8N_PORT', 5678);
const OWNER = {
	email: process.env.N8N_OWNER_EMAIL || 'admin@example.com',
	password: process.env.N8N_OWNER_PASSWORD || 'Admin12345!',
	firstName: process.env.N8N_OWNER_FIRST_NAME || 'Admin',
	lastName: process.env.N8N_OWNER_LAST_NAME || 'User',
};
const READY_TIMEOUT_MS = intEnv('DEV_N8N_TIMEOUT', 180) * 1000;
// n8n listens on this machine only, unless asked otherwise: the demo owner's password is printed.
const LISTEN_ADDRESS = process.env.N8N_LISTEN_ADDRESS || '127.0.0.1';
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
/** The demo password is printed; a password of the user's own never is. */
const shownPassword = () => (process.env.N8N_OWNER_PASSWORD ? 'as N8N_OWNER_PASSWORD' : OWNER.password);

const { timings, timed } = u.stepTimer();

function printTimings() {
	log('timings:');
	for (const t of timings) log(`  ${t.label.padEnd(44)} ${secs(t.ms)}`);
}

function onUnexpectedExit(what) {
	return (code, signal) => {
		log(`${what} stopped unexpectedly (exit ${code}${signal ? `, ${signal}` : ''})${what === 'n8n' ? `; log: ${N8N_LOG}` : ''}`);
		u.shutdown(1);
	};
}

async function main() {
	const tStart = Date.now();
	if (argv.includes('--help') || argv.includes('-h')) {
		const text = fs.readFileSync(__filename, 'utf8').split('\n');
		const end = text.findIndex((l) => l.startsWith("'use strict'"));
		process.stdout.write(text.slice(1, end).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
		return 0;
	}
	const unknown = argv.filter((a) => !['--check', '--install-only', '--skip-build', '--run-examples'].includes(a));
	if (unknown.length) fail(`unknown option ${unknown.join(' ')} (see --help)`);
	u.handleSignals();
	log(`${PKG_NAME}@${PKG.version}: cache folder ${INSTALL.cache}, n8n user folder ${USER_FOLDER}`);

	await inst.ensureInstalled(INSTALL, timed);
	if (OPTS.installOnly) {
		printTimings();
		log(`installed: ${INSTALL.node} (${inst.nodeVersionOf(INSTALL.node)}), ${INSTALL.n8n}`);
		return 0;
	}

	if (!LOOPBACK.test(LISTEN_ADDRESS) && !process.env.N8N_OWNER_PASSWORD) {
		fail(`N8N_LISTEN_ADDRESS=${LISTEN_ADDRESS} lets other machines reach this n8n: set N8N_OWNER_PASSWORD to a password of your own first (the demo one is printed for everyone)`);
	}
	fs.mkdirSync(RUN_DIR, { recursive: true });
	await n8n.stopLeftovers(RUN_DIR, { n8n: INSTALL.n8n, simulators: path.join(RUN_DIR, 'simulators', 'runner.js') });
	await u.assertPortFree(N8N_PORT, 'n8n', 'N8N_PORT');

	await timed('npm run build', () => n8n.buildPackage(OPTS.skipBuild));

	const sims = await timed('start simulators', async () => {
		log('simulators: bundling test/e2e/serveSimulators.ts and starting them');
		return simulators.startSimulators({ runDir: RUN_DIR, onExit: onUnexpectedExit('the simulators') });
	});
	n8n.writePidFile(RUN_DIR, 'simulators', sims.child.pid);
	const simulatorList = simulators.describe(sims);
	log(`simulators: ${simulatorList}`);

	const packageDir = await timed('install package into n8n', async () => n8n.installPackageIntoN8n(USER_FOLDER));

	const brokerPort = intEnv('N8N_RUNNERS_BROKER_PORT', 0) || (await u.freePort());
	const env = n8n.n8nEnv(INSTALL, USER_FOLDER, { N8N_PORT: String(N8N_PORT), N8N_LISTEN_ADDRESS: LISTEN_ADDRESS, N8N_RUNNERS_BROKER_PORT: String(brokerPort) });
	const creds = await timed('import credentials', () =>
		n8n.importCredentials(INSTALL, env, RUN_DIR, N8N_LOG, sims.vendors.map((v) => v.credential)),
	);
	const importProblems = [];
	const workflows = await timed('import example workflows', async () => {
		const files = n8n.readExamples(importProblems);
		const imported = await n8n.importWorkflows(INSTALL, env, RUN_DIR, N8N_LOG, files, importProblems);
		log(`workflows: imported ${imported.length} from examples/${imported.length ? ': ' + imported.map((w) => `"${w.name}"`).join(', ') : ''}`);
		for (const p of importProblems) log(`workflows: ${p}`);
		return imported;
	});

	log(`n8n: starting n8n ${inst.N8N_VERSION} on port ${N8N_PORT} (task broker ${brokerPort}); log: ${N8N_LOG}`);
	const base = `http://127.0.0.1:${N8N_PORT}`;
	const tN8n = Date.now();
	const child = n8n.startN8nProcess(INSTALL, 'n8n', ['start'], env, N8N_LOG, onUnexpectedExit('n8n'));
	n8n.writePidFile(RUN_DIR, 'n8n', child.pid);
	const readyMs = await n8n.waitForReadiness(child, `${base}/healthz/readiness`, READY_TIMEOUT_MS, N8N_LOG);
	timings.push({ label: 'n8n start -> /healthz/readiness', ms: readyMs });
	log(`n8n: ready after ${secs(readyMs)}`);

	const session = await n8n.ownerSession(base, OWNER, USER_FOLDER);
	log(`n8n: owner ${OWNER.email} ${session.created ? 'created' : 'already set up, logged in'} (password ${shownPassword()})`);
	const report = await checkLoaded({ base, session, install: INSTALL, packageDir, creds, vendors: sims.vendors, logText: child.logText });
	if (importProblems.length) {
		report.ok = false;
		report.problems.push(...importProblems);
	}
	timings.push({ label: 'n8n start -> checked', ms: Date.now() - tN8n });
	if (OPTS.runExamples) {
		report.exampleRuns = /** @type {{ id: string, name: string, ok: boolean, summary: string }[]} */ ([]);
		await timed('run example workflows', async () => {
			for (const wf of workflows.filter((w) => w.manual && w.id)) {
				log(`examples: running "${wf.name}" (n8n execute --id=${wf.id})`);
				const r = await n8n.executeWorkflow(INSTALL, env, N8N_LOG, wf.id);
				const last = r.run && r.run.data && r.run.data.resultData && r.run.data.resultData.lastNodeExecuted;
				const items = n8n
					.nodeOutput(r.run, last)
					.map((j) => (j && (j.status || (j.error ? `error: ${String(j.error).slice(0, 80)}` : ''))) || 'item')
					.join('; ');
				// The run's own record decides (n8n execute may die by a signal while shutting down after a good run).
				const ok = !!(r.run && r.run.status === 'success' && r.run.finished);
				const summary = ok ? items : u.tail(r.out, 8).trim().split('\n').join(' | ');
				report.exampleRuns.push({ id: wf.id, name: wf.name, ok, summary });
				if (!ok) {
					report.ok = false;
					report.problems.push(`example "${wf.name}" failed: ${summary}`);
				}
			}
		});
	}
	timings.push({ label: 'total', ms: Date.now() - tStart });

	log('---------------------------------------------------------------------------');
	log(`readiness report (${report.ok ? 'OK' : 'FAILED'})`);
	log(`  n8n ${inst.N8N_VERSION} on Node ${inst.nodeVersionOf(INSTALL.node)}: ${report.totalNodeTypes} node types`);
	log(`  package nodes found: ${report.nodes.length ? report.nodes.map((n) => `${n.name} v${[...new Set(n.versions)].join(',')}${n.toolVariant ? ' (+ AI tool variant)' : ''}`).join(', ') : 'none'}`);
	if (report.credentialTypes) log(`  credential types: ${report.credentialTypes.map((c) => `${c.type} ${c.known ? 'known' : 'MISSING'}`).join(', ')}`);
	if (report.credentials) log(`  credentials: ${report.credentials.map((c) => `"${c.name}" ${c.stored ? 'stored' : 'MISSING'}`).join(', ')}`);
	for (const t of report.credentialTests || []) log(`  credential test "${t.name}": ${t.ok ? 'OK' : 'FAILED'} (${t.message})`);
	log(`  example workflows: ${workflows.length ? workflows.map((w) => `"${w.name}" (id ${w.id})`).join(', ') : 'none'}`);
	for (const r of report.exampleRuns || []) log(`  example run "${r.name}": ${r.ok ? 'OK' : 'FAILED'}${r.summary ? ` (${r.summary})` : ''}`);
	log(`  simulators: ${simulatorList}`);
	for (const w of report.warnings) log(`  warning: ${w}`);
	for (const p of report.problems) log(`  problem: ${p}`);
	printTimings();
	log('---------------------------------------------------------------------------');
	if (!report.ok) {
		log(`n8n log: ${N8N_LOG}`);
		if (OPTS.check) return 1;
	}
	log(`ready: http://localhost:${N8N_PORT} (user ${OWNER.email}, password ${shownPassword()})`);
	if (OPTS.check) return report.ok ? 0 : 1;
	log('Ctrl-C stops n8n and the simulators');
	if (!OPTS.quietN8n) child.echo = true;
	return new Promise(() => {}); // run until a signal or a child's exit ends us
}

u.onShutdown(() => {
	for (const name of ['n8n', 'simulators']) fs.rmSync(path.join(RUN_DIR, `${name}.pid`), { force: true });
});

main().then(
	(code) => u.shutdown(code),
	(err) => {
		process.stdout.write(`[dev] FAILED: ${err && err.devFailure ? err.message : (err && err.stack) || err}\n`);
		if (timings.length) printTimings();
		u.shutdown(1);
	},
);
