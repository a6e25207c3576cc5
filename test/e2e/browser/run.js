#!/usr/bin/env node
// `npm run e2e:browser`: every node of the package tried in n8n's editor by a headless Chromium
// (playwright-core + Debian's chromium). Starts `npm run dev`'s n8n and simulators as a child
// (node scripts/dev.js, DEV_QUIET_N8N=1), waits for its `[dev] ready: <url>` line, signs in, runs
// the checks of checks.js (one line per check, then `N passed, M failed`), and stops the child's
// process group at the end, on error and on Ctrl-C.
//
//   npm run e2e:browser                    run the checks (screenshots of failures go to a folder
//                                          the output names)
//   npm run e2e:browser -- --screenshots   also write the README's pictures to docs/screenshots/
//   npm run e2e:browser -- --url http://localhost:5678   use an n8n that `npm run dev` already
//                                          runs (fresh simulators expected) instead of starting one
//   npm run e2e:browser -- --only "CRM.COM"   only the node groups whose name contains the text
//
// Environment: everything `scripts/dev.js` reads (N8N_PORT, N8N_RUNNERS_BROKER_PORT, the
// *_SIMULATOR_PORTs, N8N_LOCAL_DIR, N8N_USER_FOLDER: a fresh temporary folder when unset),
// CHROMIUM_PATH (default /usr/bin/chromium, installed with apt-get when missing),
// E2E_BROWSER_HEADED=1 to watch.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { chromium } = require(require.resolve('playwright-core', { paths: [ROOT] }));
const { Editor } = require('./ui');
const { groups } = require('./checks');

const argv = process.argv.slice(2);
const argValue = (flag) => {
	const at = argv.indexOf(flag);
	return at >= 0 ? argv[at + 1] : undefined;
};
const OPTS = {
	screenshots: argv.includes('--screenshots'),
	url: argValue('--url'),
	only: argValue('--only'),
};
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OWNER = {
	email: process.env.N8N_OWNER_EMAIL || 'admin@example.com',
	password: process.env.N8N_OWNER_PASSWORD || 'Admin12345!',
};
const SHOTS_DIR = path.join(ROOT, 'docs', 'screenshots');
const FAIL_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-browser-failures-'));

let devChild = null;
/** The simulators' URLs as dev.js reports them (empty with --url: fresh simulators expected). */
let simulatorUrls = [];
/** The same by the vendor's display name ("EVO Snap*": url). */
let simulatorsByName = {};
let browser = null;
let stopping = false;

const log = (line) => process.stdout.write(`${line}\n`);

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH ${CHROMIUM} does not exist`);
	log('[browser] chromium missing: apt-get update && apt-get install -y chromium');
	const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
	for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', 'chromium']]) {
		const cmd = [...sudo, ...args];
		const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (exit ${r.status})`);
	}
	if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium installed but ${CHROMIUM} is missing`);
}

/** Starts scripts/dev.js as the leader of its own process group; resolves with the editor's URL. */
function startDev() {
	return new Promise((resolve, reject) => {
		/** @type {NodeJS.ProcessEnv} */
		const env = { ...process.env, DEV_QUIET_N8N: '1' };
		if (!env.N8N_USER_FOLDER) env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-browser-n8n-'));
		const devLog = path.join(FAIL_DIR, 'dev.log');
		const out = fs.createWriteStream(devLog);
		log(`[browser] starting n8n and the simulators (node scripts/dev.js; log ${devLog})`);
		devChild = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dev.js')], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		let buffer = '';
		let ready = false;
		const onData = (chunk) => {
			out.write(chunk);
			if (ready) return;
			buffer += chunk.toString();
			let nl;
			while ((nl = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 1);
				const sims = /^\[dev\] simulators: (.*http.*)$/.exec(line);
				if (sims) simulatorUrls = [...sims[1].matchAll(/(http:\/\/\S+?),?(?=\s|$)/g)].map((x) => x[1]);
				if (sims) simulatorsByName = Object.fromEntries([...sims[1].matchAll(/\s*([^,]+?) (http:\/\/[^\s,]+)/g)].map((x) => [x[1], x[2]]));
				const m = /^\[dev\] ready: (http\S+)/.exec(line);
				if (m) {
					ready = true;
					resolve(m[1]);
				} else if (/^\[dev\] (FAILED|problem)|^\[dev\]\s+problem:/.test(line)) {
					log(line);
				}
			}
		};
		devChild.stdout.on('data', onData);
		devChild.stderr.on('data', (chunk) => out.write(chunk));
		devChild.on('exit', (code, signal) => {
			devChild = null;
			if (!ready) reject(new Error(`scripts/dev.js exited before it was ready (exit ${code}${signal ? `, ${signal}` : ''}); see ${devLog}`));
		});
	});
}

async function stopDev() {
	const child = devChild;
	if (!child) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		process.kill(-child.pid, 'SIGINT');
	} catch {
		return;
	}
	const timer = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}, 15000);
	await exited;
	clearTimeout(timer);
}

async function cleanup() {
	if (browser) await browser.close().catch(() => {});
	browser = null;
	await stopDev();
}

for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		if (stopping) return;
		stopping = true;
		log(`[browser] ${sig}: stopping`);
		cleanup().finally(() => process.exit(130));
	});
}

/** Every simulator back to its demo ledger (its admin endpoint, test/simulators/framework.ts). */
async function resetSimulators() {
	for (const url of simulatorUrls) {
		const r = await fetch(`${url}/__sim/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ demo: true }) });
		if (!r.ok) throw new Error(`POST ${url}/__sim/reset: HTTP ${r.status}`);
	}
}

/** Seeds a simulator through its admin endpoint (test/e2e/ledgers.ts): e.g. recent invoices for a trigger's test event. */
async function seedSimulator(displayName, body) {
	const url = simulatorsByName[displayName];
	if (!url) throw new Error(`no ${displayName} simulator (the dev line named ${Object.keys(simulatorsByName).join(', ') || 'none'})`);
	const r = await fetch(`${url}/__sim/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!r.ok) throw new Error(`POST ${url}/__sim/seed: HTTP ${r.status}`);
	return (await r.json()).seeded;
}

async function main() {
	const started = Date.now();
	ensureChromium();
	const baseUrl = (OPTS.url || (await startDev())).replace(/\/$/, '');
	log(`[browser] n8n at ${baseUrl}; Chromium ${CHROMIUM}`);
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-browser-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: !/^(1|true)$/i.test(process.env.E2E_BROWSER_HEADED || ''),
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1280, height: 800 },
	});
	browser = context;
	context.setDefaultTimeout(10000);
	const page = context.pages()[0] || (await context.newPage());
	const editor = new Editor(page, baseUrl);

	let passed = 0;
	let failed = 0;
	let failShots = 0;
	const pass = (name, detail) => {
		passed++;
		log(`ok   ${name}${detail ? ` (${detail})` : ''}`);
	};
	const fail = async (name, err) => {
		failed++;
		const file = path.join(FAIL_DIR, `${String(++failShots).padStart(2, '0')}-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}.png`);
		await page.screenshot({ path: file }).catch(() => {});
		log(`FAIL ${name}: ${String((err && err.message) || err).split('\n')[0]} [screenshot ${file}]`);
	};
	/** One check: `fn` returns an optional detail text, or throws. */
	const check = async (name, fn) => {
		try {
			pass(name, await fn());
		} catch (err) {
			await fail(name, err);
		}
	};
	const shot = async (file, locator) => {
		if (!OPTS.screenshots) return;
		fs.mkdirSync(SHOTS_DIR, { recursive: true });
		const target = path.join(SHOTS_DIR, file);
		await page.waitForLoadState('networkidle');
		await (locator || page).screenshot({ path: target, animations: 'disabled', caret: 'hide' });
		log(`[browser] screenshot ${path.relative(ROOT, target)}`);
	};

	await check('sign in as the owner', async () => {
		await editor.signIn(OWNER.email, OWNER.password);
		return OWNER.email;
	});
	const ctx = { editor, page, check, shot, baseUrl, resetSimulators, seedSimulator };
	for (const group of groups) {
		if (OPTS.only && !group.name.toLowerCase().includes(OPTS.only.toLowerCase())) continue;
		try {
			await group.run(ctx);
		} catch (err) {
			await fail(`${group.name}: the group stopped`, err);
		}
	}
	const secs = ((Date.now() - started) / 1000).toFixed(0);
	log(`[browser] ${secs} s${failed ? `; screenshots of failures in ${FAIL_DIR}` : ''}${OPTS.screenshots ? `; pictures in ${path.relative(ROOT, SHOTS_DIR)}/` : ''}`);
	log(`${passed} passed, ${failed} failed`);
	if (!failed) fs.rmSync(FAIL_DIR, { recursive: true, force: true });
	// Chromium writes its profile until it has closed.
	await context.close().catch(() => {});
	browser = null;
	fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
	return failed ? 1 : 0;
}

main()
	.then(async (code) => {
		await cleanup();
		process.exit(code);
	})
	.catch(async (err) => {
		log(`[browser] FAILED: ${(err && err.stack) || err}`);
		log('0 passed, 1 failed');
		await cleanup();
		process.exit(1);
	});
