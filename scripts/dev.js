#!/usr/bin/env node
// `npm run dev`: build the package, install Node 24 and n8n 2.41.1 into a local cache folder (once),
// start the vendor simulators, install the package into n8n the way a user would, import
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
// Environment (all optional):
//   N8N_LOCAL_DIR        cache folder (default <repo>/.n8n-local)
//   N8N_USER_FOLDER      n8n's user folder (default $N8N_LOCAL_DIR/user)
//   N8N_PORT             n8n's port (default 5678)
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
const net = require('net');
const http = require('http');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const N8N_VERSION = '2.41.1';
const N8N_BEFORE = '2026-10-01T00:00:00Z';
const NODE_MAJOR = 24;

const ROOT = path.resolve(__dirname, '..');
const PKG = readJson(path.join(ROOT, 'package.json'));
const PKG_NAME = PKG.name;
const LOCAL = path.resolve(process.env.N8N_LOCAL_DIR || path.join(ROOT, '.n8n-local'));
const NODE24_DIR = path.join(LOCAL, 'node24');
const N8N_DIR = path.join(LOCAL, 'n8n');
const USER_FOLDER = path.resolve(process.env.N8N_USER_FOLDER || path.join(LOCAL, 'user'));
// Files of one run (simulator bundle, credentials to import, n8n's log) live beside n8n's own
// folder, so that runs with different N8N_USER_FOLDERs sharing one cache do not collide.
const RUN_DIR = path.join(USER_FOLDER, 'dev-run');
const SIM_DIR = path.join(RUN_DIR, 'simulators');
const N8N_LOG = path.join(RUN_DIR, 'n8n.log');

const argv = process.argv.slice(2);
const truthy = (v) => /^(1|true|yes|on)$/i.test(String(v || ''));
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


const timings = [];
const children = new Set();
let n8nChild = null;
let shuttingDown = false;

// ---------------------------------------------------------------------------------------------
// small helpers

function intEnv(name, def) {
	const v = process.env[name];
	if (v === undefined || v === '') return def;
	const n = Number(v);
	if (!Number.isInteger(n) || n <= 0) fail(`${name} must be a positive integer, got "${v}"`);
	return n;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function log(msg) {
	process.stdout.write(`[dev] ${msg}\n`);
}

function fail(msg) {
	const err = new Error(msg);
	err.devFailure = true;
	throw err;
}

/** A path as the user reads it: relative to the repo when inside it. */
function show(p) {
	const rel = path.relative(ROOT, p);
	return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function secs(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

async function timed(label, fn) {
	const t0 = Date.now();
	const result = await fn();
	const ms = Date.now() - t0;
	const note = result && typeof result === 'object' && result.timingNote ? ` (${result.timingNote})` : '';
	timings.push({ label: `${label}${note}`, ms });
	return result;
}

/** Environment for child npm processes: without the npm_* variables of `npm run dev` (which carry
 * the project's ignore-scripts=true and local prefix into every child npm). */
function cleanEnv(extra) {
	const env = {};
	const keep = /^npm_config_(registry|cache|cafile|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl)$/;
	for (const [k, v] of Object.entries(process.env)) {
		const lk = k.toLowerCase();
		if (lk.startsWith('npm_') && !keep.test(lk)) continue;
		if (k === 'INIT_CWD' || k === 'NODE') continue;
		env[k] = v;
	}
	return Object.assign(env, extra || {});
}

/** Run a command to completion; resolves with its exit code and (when capture) its output. */
function run(cmd, args, { cwd, env, capture = false, label, ticker = 0 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			env: env || process.env,
			stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
		});
		children.add(child);
		let out = '';
		if (capture) {
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (out += d));
		}
		const t0 = Date.now();
		const timer =
			ticker > 0
				? setInterval(() => log(`  ... ${label || cmd} still running (${secs(Date.now() - t0)})`), ticker)
				: null;
		child.on('error', (e) => {
			if (timer) clearInterval(timer);
			children.delete(child);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			if (timer) clearInterval(timer);
			children.delete(child);
			resolve({ code: code === null ? 128 : code, signal, out });
		});
	});
}

async function runOrFail(cmd, args, opts, what) {
	const r = await run(cmd, args, opts);
	if (r.code !== 0) {
		if (r.out) process.stdout.write(tail(r.out, 60));
		fail(`${what} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}): ${cmd} ${args.join(' ')}`);
	}
	return r;
}

function tail(text, lines) {
	const all = String(text).split('\n');
	return all.slice(Math.max(0, all.length - lines - 1)).join('\n') + '\n';
}

function portFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

async function assertPortFree(port, what, envName) {
	if (!(await portFree(port))) {
		fail(`port ${port} (${what}) is already in use; stop what uses it or set ${envName}`);
	}
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** Minimal HTTP client (JSON in, JSON or text out) that keeps n8n's session cookie. */
function request(method, url, { body, headers = {}, timeout = 15000 } = {}) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = http.request(
			{
				method,
				hostname: u.hostname,
				port: u.port,
				path: u.pathname + u.search,
				headers: Object.assign(
					{ accept: 'application/json' },
					data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
					headers,
				),
				timeout,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeout} ms: ${method} ${url}`)));
		req.on('error', reject);
		if (data) req.write(data);
		req.end();
	});
}

// ---------------------------------------------------------------------------------------------
// 1. build

async function build() {
	if (OPTS.skipBuild) {
		log('build: skipped (--skip-build), using the dist/ that is there');
	} else {
		log('build: npm run build');
		const npm = npmCommand();
		const r = await run(npm.cmd, [...npm.args, 'run', 'build'], { cwd: ROOT, env: cleanEnv() });
		if (r.code !== 0) fail(`npm run build failed (exit ${r.code}); fix the build, or rerun with --skip-build to use the current dist/`);
	}
	const missing = [...((PKG.n8n && PKG.n8n.nodes) || []), ...((PKG.n8n && PKG.n8n.credentials) || [])].filter(
		(f) => !fs.existsSync(path.join(ROOT, f)),
	);
	if (missing.length) fail(`the build did not produce what package.json's n8n section lists: ${missing.join(', ')}`);
}

function npmCommand() {
	// Under `npm run`, npm_execpath is npm's own CLI; otherwise use npm from PATH.
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
		return { cmd: process.execPath, args: [execPath] };
	}
	return { cmd: 'npm', args: [] };
}

// ---------------------------------------------------------------------------------------------
// 2. Node 24 and n8n in the cache folder

function node24Bin() {
	return path.join(NODE24_DIR, 'node_modules', '.bin', 'node');
}

/** The folder holding Node 24's headers (include/node), for building native addons against it. */
function node24HeadersDir() {
	const base = path.join(NODE24_DIR, 'node_modules', 'node', 'node_modules');
	const preferred = path.join(base, `node-${process.platform}-${process.arch}`);
	if (fs.existsSync(path.join(preferred, 'include', 'node'))) return preferred;
	if (fs.existsSync(base)) {
		for (const d of fs.readdirSync(base)) {
			if (/^node-/.test(d) && fs.existsSync(path.join(base, d, 'include', 'node'))) return path.join(base, d);
		}
	}
	fail(`Node ${NODE_MAJOR} headers not found under ${base}`);
}

function nodeVersionOf(bin) {
	if (!fs.existsSync(bin)) return null;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

function ensurePackageJson(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'package.json');
	// Without its own package.json npm would walk up to the repo and install there.
	if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ name, private: true }, null, 2) + '\n');
}

async function withInstallLock(fn) {
	fs.mkdirSync(LOCAL, { recursive: true });
	const lock = path.join(LOCAL, '.install.lock');
	const t0 = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = NaN;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			if (Number.isInteger(pid) && pid > 0) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {}
			}
			if (!alive && Date.now() - fs.statSync(lock).mtimeMs > 5000) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - t0 > 15 * 60 * 1000) fail(`install lock ${lock} held too long by pid ${pid}`);
			if (Date.now() - t0 < 1500) log(`install: waiting for another dev.js (pid ${pid}) that is installing into ${LOCAL}`);
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

async function installNode24() {
	const have = nodeVersionOf(node24Bin());
	if (have && have.startsWith(`v${NODE_MAJOR}.`)) {
		log(`install: Node ${have} already in ${show(NODE24_DIR)}`);
		return { timingNote: 'warm' };
	}
	log(`install: Node ${NODE_MAJOR} from the npm registry into ${NODE24_DIR} (npm i node@${NODE_MAJOR})`);
	ensurePackageJson(NODE24_DIR, 'n8n-local-node24');
	const npm = npmCommand();
	// The `node` package fetches its platform binary package in an install script: scripts on.
	await runOrFail(
		npm.cmd,
		[...npm.args, 'install', `node@${NODE_MAJOR}`, '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: NODE24_DIR, env: cleanEnv(), capture: true, label: `npm i node@${NODE_MAJOR}`, ticker: 30000 },
		`installing Node ${NODE_MAJOR}`,
	);
	const v = nodeVersionOf(node24Bin());
	if (!v || !v.startsWith(`v${NODE_MAJOR}.`)) fail(`Node ${NODE_MAJOR} install did not give a working ${node24Bin()} (got ${v})`);
	node24HeadersDir();
	log(`install: Node ${v} installed`);
	return { timingNote: 'cold' };
}

function n8nMarkerFile() {
	return path.join(N8N_DIR, '.dev-installed.json');
}

function n8nInstalledOk() {
	try {
		const marker = readJson(n8nMarkerFile());
		const pkg = readJson(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'));
		const sqlite = path.join(N8N_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
		return (
			marker.n8n === N8N_VERSION &&
			pkg.version === N8N_VERSION &&
			marker.node === nodeVersionOf(node24Bin()) &&
			fs.existsSync(sqlite)
		);
	} catch {
		return false;
	}
}

async function installN8n() {
	if (n8nInstalledOk()) {
		log(`install: n8n ${N8N_VERSION} already in ${show(N8N_DIR)}`);
		return { timingNote: 'warm' };
	}
	ensurePackageJson(N8N_DIR, 'n8n-local');
	fs.rmSync(n8nMarkerFile(), { force: true });
	const npm = npmCommand();
	const env = cleanEnv();
	log(`install: n8n ${N8N_VERSION} into ${N8N_DIR} (about 4 minutes and 2.8 GB the first time)`);
	await runOrFail(
		npm.cmd,
		[
			...npm.args,
			'install',
			`n8n@${N8N_VERSION}`,
			`--before=${N8N_BEFORE}`,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{ cwd: N8N_DIR, env, capture: true, label: `npm i n8n@${N8N_VERSION}`, ticker: 30000 },
		`installing n8n ${N8N_VERSION}`,
	);
	log('install: building sqlite3 and isolated-vm for Node 24 (npm rebuild, about a minute)');
	const headers = node24HeadersDir();
	await runOrFail(
		npm.cmd,
		[...npm.args, 'rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false', '--loglevel=error'],
		{
			cwd: N8N_DIR,
			env: cleanEnv({
				npm_config_nodedir: headers,
				PATH: `${path.dirname(node24Bin())}${path.delimiter}${process.env.PATH || ''}`,
			}),
			capture: true,
			label: 'npm rebuild sqlite3 isolated-vm',
			ticker: 30000,
		},
		'building native modules',
	);
	// Prove that the native sqlite3 module loads in Node 24 before calling it installed.
	const probe = spawnSync(node24Bin(), ['-e', "require('sqlite3'); console.log('ok')"], {
		cwd: N8N_DIR,
		encoding: 'utf8',
	});
	if (probe.status !== 0) fail(`sqlite3 does not load in Node 24 after the rebuild:\n${probe.stderr}`);
	fs.writeFileSync(
		n8nMarkerFile(),
		JSON.stringify({ n8n: N8N_VERSION, node: nodeVersionOf(node24Bin()), at: new Date().toISOString() }, null, 2) + '\n',
	);
	log(`install: n8n ${N8N_VERSION} installed`);
	return { timingNote: 'cold' };
}

function n8nBin() {
	return path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
}

// ---------------------------------------------------------------------------------------------
// 3. simulators

const SIM_READY = 'DEV_SIMULATORS_READY ';

function simulatorEntrySource(serveFile) {
	let rel = path.relative(SIM_DIR, serveFile).replace(/\\/g, '/').replace(/\.ts$/, '');
	if (!rel.startsWith('.')) rel = `./${rel}`;
	return `// generated by scripts/dev.js: starts the demo simulators of test/simulators/serve.ts
import { DEMO_VENDORS, startAllSimulators } from ${JSON.stringify(rel)};

const UNREACHABLE_URL = 'http://127.0.0.1:1';

async function main() {
	const ports: Record<string, number> = {};
	for (const vendor of DEMO_VENDORS) ports[vendor.key] = Number(process.env[vendor.portEnv] || vendor.defaultPort);
	const sims: any = await startAllSimulators(ports);
	const vendors = DEMO_VENDORS.map((vendor) => {
		const url = sims[vendor.key].baseUrl;
		const data = vendor.credentialData(url);
		return {
			key: vendor.key,
			displayName: vendor.displayName,
			url,
			credential: { ...vendor.credential, data },
			// Credentials whose test must fail: the vendor refuses them, or nothing answers.
			refused: [
				{ what: 'a wrong secret', data: { ...data, ...vendor.refusedChange } },
				{ what: 'an unreachable URL', data: vendor.credentialData(UNREACHABLE_URL) },
			],
		};
	});
	process.stdout.write(${JSON.stringify(SIM_READY)} + JSON.stringify({ vendors }) + '\\n');
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		try { await sims.stop(); } catch (e) { console.error('stopping the simulators:', e); }
		process.exit(0);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	// The parent holds our stdin open: when it goes away, so do we.
	process.stdin.on('end', stop);
	process.stdin.on('error', stop);
	process.stdin.resume();
}

main().catch((e) => {
	console.error('simulators failed to start:', e && e.stack ? e.stack : e);
	process.exit(1);
});
`;
}

function bundleSimulators() {
	const serveFile = path.join(ROOT, 'test', 'simulators', 'serve.ts');
	if (!fs.existsSync(serveFile)) fail(`${path.relative(ROOT, serveFile)} does not exist (it should export startAllSimulators)`);
	let esbuild;
	try {
		esbuild = require(require.resolve('esbuild', { paths: [ROOT] }));
	} catch (e) {
		fail(`esbuild is not installed in ${ROOT}/node_modules (run npm ci): ${e.message}`);
	}
	fs.mkdirSync(SIM_DIR, { recursive: true });
	const entry = path.join(SIM_DIR, 'entry.ts');
	const outfile = path.join(SIM_DIR, 'runner.js');
	fs.writeFileSync(entry, simulatorEntrySource(serveFile));
	try {
		buildRunner(esbuild, entry, outfile);
	} catch (e) {
		fail(`bundling the simulators (test/simulators/serve.ts) with esbuild failed: ${e.message}`);
	}
	return outfile;
}

function buildRunner(esbuild, entry, outfile) {
	esbuild.buildSync({
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		sourcemap: 'inline',
		nodePaths: [path.join(ROOT, 'node_modules')],
		logLevel: 'silent',
	});
}

function startSimulators() {
	return new Promise((resolve, reject) => {
		const runner = bundleSimulators();
		const child = spawn(process.execPath, ['--enable-source-maps', runner], {
			cwd: ROOT,
			env: cleanEnv(),
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true, // its own process group: Ctrl-C reaches us, and we stop it in order
		});
		children.add(child);
		writePidFile('simulators', child.pid);
		let ready = null;
		let buf = '';
		const onLine = (line) => {
			if (!ready && line.startsWith(SIM_READY)) {
				ready = JSON.parse(line.slice(SIM_READY.length));
				ready.child = child;
				resolve(ready);
			} else if (line.trim()) {
				process.stdout.write(`[simulators] ${line}\n`);
			}
		};
		child.stdout.on('data', (d) => {
			buf += d;
			let i;
			while ((i = buf.indexOf('\n')) >= 0) {
				onLine(buf.slice(0, i));
				buf = buf.slice(i + 1);
			}
		});
		child.stderr.on('data', (d) => process.stderr.write(String(d).replace(/^(?=.)/gm, '[simulators] ')));
		child.on('exit', (code, signal) => {
			children.delete(child);
			if (!ready) reject(new Error(`the simulators exited before they were ready (exit ${code}${signal ? `, ${signal}` : ''})`));
			else if (!shuttingDown) onUnexpectedExit('the simulators', code, signal);
		});
	});
}

// ---------------------------------------------------------------------------------------------
// 4. the package into n8n's community nodes folder

function installPackageIntoN8n() {
	const nodesDir = path.join(USER_FOLDER, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', ...PKG_NAME.split('/'));
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	const entries = ['package.json', 'dist', 'index.js', ...fs.readdirSync(ROOT).filter((f) => /^(readme|license|licence)(\..*)?$/i.test(f))];
	for (const e of new Set(entries)) {
		const src = path.join(ROOT, e);
		if (fs.existsSync(src)) fs.cpSync(src, path.join(target, e), { recursive: true });
	}
	// nodes/package.json lists the installed community packages, as n8n's own installer leaves it.
	const manifestFile = path.join(nodesDir, 'package.json');
	let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		manifest = readJson(manifestFile);
	} catch {}
	manifest.dependencies = Object.assign({}, manifest.dependencies, { [PKG_NAME]: PKG.version });
	fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
	log(`package: ${PKG_NAME}@${PKG.version} copied into ${target}`);
	return target;
}

// ---------------------------------------------------------------------------------------------
// 5./6. n8n

function n8nEnv(brokerPort) {
	const defaults = {
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	};
	const env = cleanEnv();
	for (const [k, v] of Object.entries(defaults)) if (env[k] === undefined) env[k] = v;
	return Object.assign(env, {
		N8N_USER_FOLDER: USER_FOLDER,
		N8N_PORT: String(N8N_PORT),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		PATH: `${path.dirname(node24Bin())}${path.delimiter}${process.env.PATH || ''}`,
	});
}

async function n8nCli(args, env, what, { allowFail = false } = {}) {
	const r = await run(node24Bin(), [n8nBin(), ...args], { cwd: USER_FOLDER, env, capture: true });
	fs.appendFileSync(N8N_LOG, `\n=== n8n ${args.join(' ')} (exit ${r.code}) ===\n${r.out}`);
	if (r.code !== 0 && !allowFail) {
		process.stdout.write(tail(r.out, 30));
		fail(`${what} failed (exit ${r.code})`);
	}
	return { ok: r.code === 0, out: r.out };
}

/** Imports the demo credentials (test/simulators/serve.ts, DEMO_VENDORS), each pointing at its
 * simulator. Fixed ids: importing again updates them, and the examples reference them. */
async function importCredentials(env, sims) {
	const credentials = sims.vendors.map((vendor) => vendor.credential);
	const file = path.join(RUN_DIR, 'credentials.import.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
	try {
		await n8nCli(['import:credentials', `--input=${file}`], env, 'n8n import:credentials');
	} finally {
		fs.rmSync(file, { force: true }); // n8n keeps them encrypted; no plain copy left behind
	}
	log(`credentials: imported ${credentials.map((c) => `"${c.name}" (${c.type}, id ${c.id})`).join(', ')}`);
	return credentials;
}

/** Imports examples/*.json (one workflow or an array per file) in one `n8n import:workflow` call;
 * if that fails, file by file, to name the file at fault. A failure is reported, not fatal. */
async function importExamples(env, problems) {
	const dir = path.join(ROOT, 'examples');
	if (!fs.existsSync(dir)) {
		log('workflows: no examples/ folder, nothing to import');
		return [];
	}
	const files = [];
	for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
		let workflows;
		try {
			const parsed = readJson(path.join(dir, f));
			workflows = Array.isArray(parsed) ? parsed : [parsed];
		} catch (e) {
			problems.push(`examples/${f} is not valid JSON (${e.message}): not imported`);
			continue;
		}
		const tooLong = workflows.filter((w) => w && typeof w.id === 'string' && w.id.length > 21);
		if (tooLong.length) {
			problems.push(`examples/${f}: workflow id longer than 21 characters (${tooLong.map((w) => w.id).join(', ')}): not imported`);
			continue;
		}
		files.push({ f, workflows });
	}
	const imported = [];
	const note = (f, workflows) => {
		for (const w of workflows) {
			const manual = Array.isArray(w.nodes) && w.nodes.some((n) => n && n.type === 'n8n-nodes-base.manualTrigger');
			imported.push({ file: f, id: w.id, name: w.name, manual });
		}
	};
	const skippedIn = (out) =>
		out
			.split('\n')
			.filter((l) => /Skipped workflow/.test(l))
			.map((l) => l.trim());
	if (files.length) {
		const all = path.join(RUN_DIR, 'examples.import.json');
		fs.writeFileSync(all, JSON.stringify(files.flatMap((x) => x.workflows), null, 2) + '\n');
		const r = await n8nCli(['import:workflow', `--input=${all}`], env, 'n8n import:workflow', { allowFail: true });
		if (r.ok) {
			for (const x of files) note(x.f, x.workflows);
			for (const l of skippedIn(r.out)) problems.push(`n8n skipped an example: ${l}`);
		} else {
			for (const x of files) {
				const one = await n8nCli(['import:workflow', `--input=${path.join(dir, x.f)}`], env, `n8n import:workflow --input=examples/${x.f}`, { allowFail: true });
				if (one.ok) note(x.f, x.workflows);
				else problems.push(`examples/${x.f} could not be imported: ${tail(one.out, 4).trim().split('\n').join(' | ')}`);
			}
		}
	}
	log(`workflows: imported ${imported.length} from examples/${imported.length ? ': ' + imported.map((w) => `"${w.name}"`).join(', ') : ''}`);
	for (const p of problems) log(`workflows: ${p}`);
	return imported;
}

function startN8n(env) {
	fs.mkdirSync(path.dirname(N8N_LOG), { recursive: true });
	const logStream = fs.createWriteStream(N8N_LOG, { flags: 'a' });
	logStream.write(`\n=== n8n start ${new Date().toISOString()} ===\n`);
	const child = spawn(node24Bin(), [n8nBin(), 'start'], {
		cwd: USER_FOLDER,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group, so its task runner goes down with it
	});
	children.add(child);
	writePidFile('n8n', child.pid);
	child.logText = '';
	child.echo = false;
	const onData = (d) => {
		logStream.write(d);
		child.logText = (child.logText + d).slice(-200000);
		if (child.echo) process.stdout.write(String(d).replace(/^(?=.)/gm, '[n8n] '));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.on('exit', (code, signal) => {
		children.delete(child);
		child.exited = { code, signal };
		logStream.end();
		if (!shuttingDown) onUnexpectedExit('n8n', code, signal);
	});
	return child;
}

async function waitForReadiness(child, base) {
	const t0 = Date.now();
	let lastNote = t0;
	for (;;) {
		if (child.exited) {
			process.stdout.write(tail(child.logText, 40));
			fail(`n8n exited before it was ready (exit ${child.exited.code}); log: ${N8N_LOG}`);
		}
		try {
			const r = await request('GET', `${base}/healthz/readiness`, { timeout: 3000 });
			if (r.status === 200) return Date.now() - t0;
		} catch {}
		if (Date.now() - t0 > READY_TIMEOUT_MS) {
			process.stdout.write(tail(child.logText, 40));
			fail(`n8n was not ready after ${secs(READY_TIMEOUT_MS)}; log: ${N8N_LOG}`);
		}
		if (Date.now() - lastNote > 15000) {
			lastNote = Date.now();
			log(`n8n: waiting for readiness (${secs(Date.now() - t0)})`);
		}
		await sleep(250);
	}
}

function cookieFrom(res) {
	const set = res.headers['set-cookie'] || [];
	const auth = set.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	return auth || null;
}

async function ownerSession(base) {
	const browserId = crypto.randomUUID();
	const headers = { 'browser-id': browserId };
	const settings = await request('GET', `${base}/rest/settings`, { headers });
	const um = settings.json && settings.json.data && settings.json.data.userManagement;
	const needsSetup = um ? um.showSetupOnFirstLoad !== false : true;
	let res;
	let created = false;
	if (needsSetup) {
		res = await request('POST', `${base}/rest/owner/setup`, {
			headers,
			body: { email: OWNER.email, firstName: OWNER.firstName, lastName: OWNER.lastName, password: OWNER.password },
		});
		if (res.status !== 200) fail(`owner setup failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		created = true;
	} else {
		res = await request('POST', `${base}/rest/login`, {
			headers,
			body: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
		});
		if (res.status !== 200) {
			fail(`the owner account already exists and logging in as ${OWNER.email} failed (HTTP ${res.status}); set N8N_OWNER_EMAIL/N8N_OWNER_PASSWORD, or delete ${USER_FOLDER} to start afresh`);
		}
	}
	const cookie = cookieFrom(res);
	if (!cookie) fail('n8n did not return a session cookie');
	return { created, headers: Object.assign({ cookie }, headers) };
}

async function checkLoaded(base, session, creds, workflows, vendors) {
	const report = { ok: true, problems: [], warnings: [] };
	const nodesRes = await request('GET', `${base}/types/nodes.json`, { headers: session.headers, timeout: 60000 });
	if (nodesRes.status !== 200 || !Array.isArray(nodesRes.json)) {
		fail(`GET /types/nodes.json answered HTTP ${nodesRes.status}`);
	}
	const ours = nodesRes.json.filter((n) => typeof n.name === 'string' && n.name.startsWith(`${PKG_NAME}.`));
	const byName = new Map();
	for (const n of ours) {
		const versions = Array.isArray(n.version) ? n.version : [n.version];
		const prev = byName.get(n.name) || { name: n.name, displayName: n.displayName, versions: [] };
		prev.versions.push(...versions);
		byName.set(n.name, prev);
	}
	// n8n 2.x adds a "<name>Tool" variant of every node with usableAsTool: report those apart.
	for (const [name, n] of byName) n.toolVariant = byName.has(`${name}Tool`);
	report.nodes = [...byName.values()].filter((n) => !(n.name.endsWith('Tool') && byName.has(n.name.slice(0, -4))));
	report.totalNodeTypes = nodesRes.json.length;
	const required = `${PKG_NAME}.cloudCommercePro`;
	if (!byName.has(required)) {
		report.ok = false;
		report.problems.push(`${required} is not among n8n's node types`);
	}
	// n8n loads a package all or nothing: one node or credential file that throws on load hides
	// the whole package, and n8n still starts. Show n8n's reason.
	const logText = n8nChild ? n8nChild.logText : '';
	const at = logText.indexOf(`Failed to load package "${PKG_NAME}"`);
	if (at >= 0) {
		report.ok = false;
		report.problems.push(`n8n could not load the package: ${logText.slice(at).split('\n').slice(0, 4).join(' | ')}`);
	}
	const expected = ((PKG.n8n && PKG.n8n.nodes) || []).length;
	if (report.nodes.length < expected) {
		report.warnings.push(`package.json lists ${expected} node files, n8n shows ${report.nodes.length} node types of the package`);
	}

	const credTypes = await request('GET', `${base}/types/credentials.json`, { headers: session.headers, timeout: 60000 });
	if (credTypes.status === 200 && Array.isArray(credTypes.json)) {
		const names = new Set(credTypes.json.map((c) => c.name));
		report.credentialTypes = creds.map((c) => ({ type: c.type, known: names.has(c.type) }));
		for (const c of report.credentialTypes) {
			if (!c.known) report.warnings.push(`credential type ${c.type} is not known to n8n (the package does not provide it yet?): its credential is stored but cannot be used or tested`);
		}
	}
	const credList = await request('GET', `${base}/rest/credentials`, { headers: session.headers });
	if (credList.status === 200 && credList.json && Array.isArray(credList.json.data)) {
		const ids = new Set(credList.json.data.map((c) => c.id));
		report.credentials = creds.map((c) => ({ name: c.name, type: c.type, id: c.id, stored: ids.has(c.id) }));
		for (const c of report.credentials) {
			if (!c.stored) {
				report.ok = false;
				report.problems.push(`credential "${c.name}" is not in n8n`);
			}
		}
	}
	// Test each credential through n8n, as the editor's "Test" button does: n8n runs the
	// credential type's own test request against the simulator.
	report.credentialTests = [];
	for (const c of creds) {
		if (!(report.credentialTypes || []).some((t) => t.type === c.type && t.known)) continue;
		const result = await testCredential(base, session, c);
		report.credentialTests.push({ name: c.name, ...result });
		if (!result.ok) {
			report.ok = false;
			report.problems.push(`credential test of "${c.name}" failed: ${result.message}`);
		}
		// The Test button must also say no: to a secret the vendor refuses, and to a URL nobody answers.
		const vendor = vendors.find((v) => v.credential.id === c.id);
		for (const refused of (vendor && vendor.refused) || []) {
			const r = await testCredential(base, session, c, refused.data);
			const name = `${c.name} with ${refused.what}`;
			report.credentialTests.push({ name, ok: !r.ok, message: r.ok ? 'the test PASSED, it should have failed' : `fails as it should: ${r.message}` });
			if (r.ok) {
				report.ok = false;
				report.problems.push(`credential test of "${name}" passed: it should have failed`);
			}
		}
	}
	report.workflows = workflows;
	return report;
}

/** Runs a credential's test through n8n's REST endpoint, as the editor's Test button does; with
 * `data`, on that data instead of what n8n stores. */
async function testCredential(base, session, cred, data) {
	try {
		const stored = await request('GET', `${base}/rest/credentials/${cred.id}?includeData=true`, { headers: session.headers });
		const c = stored.json && stored.json.data;
		if (stored.status !== 200 || !c) return { ok: false, message: `GET /rest/credentials/${cred.id}: HTTP ${stored.status}` };
		const res = await request('POST', `${base}/rest/credentials/test`, {
			headers: session.headers,
			body: { credentials: { id: c.id, name: c.name, type: c.type, data: data || c.data } },
			timeout: 60000,
		});
		const r = (res.json && res.json.data) || {};
		if (res.status !== 200) return { ok: false, message: `HTTP ${res.status} ${res.text.slice(0, 200)}` };
		return { ok: r.status === 'OK', message: r.message || r.status || res.text.slice(0, 200) };
	} catch (e) {
		return { ok: false, message: e.message };
	}
}

/** Runs an imported workflow in a separate `n8n execute` process (same database, its own task
 * broker port) while the server keeps running. */
async function runExample(env, wf) {
	const port = await freePort();
	const r = await run(node24Bin(), [n8nBin(), 'execute', `--id=${wf.id}`, '--rawOutput'], {
		cwd: USER_FOLDER,
		env: Object.assign({}, env, { N8N_RUNNERS_BROKER_PORT: String(port) }),
		capture: true,
	});
	fs.appendFileSync(N8N_LOG, `\n=== n8n execute --id=${wf.id} (exit ${r.code}) ===\n${r.out}`);
	const start = r.out.indexOf('\n{');
	let items = '';
	try {
		const run = JSON.parse(r.out.slice(start + 1));
		const nodes = run.data && run.data.resultData && run.data.resultData.runData;
		const last = run.data && run.data.resultData && run.data.resultData.lastNodeExecuted;
		const out = nodes && last && nodes[last] && nodes[last][0] && nodes[last][0].data && nodes[last][0].data.main;
		const list = (out && out[0]) || [];
		items = list
			.map((i) => (i.json && (i.json.status || (i.json.error ? `error: ${String(i.json.error).slice(0, 80)}` : ''))) || 'item')
			.join('; ');
	} catch {}
	return { id: wf.id, name: wf.name, ok: r.code === 0, summary: r.code === 0 ? items : tail(r.out, 8).trim().split('\n').join(' | ') };
}

// A previous run that was killed hard (SIGKILL, closed terminal) can leave its n8n behind, holding
// the port. Each run records its children's pids; the next run with the same user folder stops
// them if they are still the same programs.
function pidFile(name) {
	return path.join(RUN_DIR, `${name}.pid`);
}

function writePidFile(name, pid) {
	try {
		fs.writeFileSync(pidFile(name), String(pid));
	} catch {}
}

async function stopLeftovers() {
	for (const [name, marker] of [
		['n8n', n8nBin()],
		['simulators', path.join(SIM_DIR, 'runner.js')],
	]) {
		let pid;
		try {
			pid = Number(fs.readFileSync(pidFile(name), 'utf8'));
		} catch {
			continue;
		}
		fs.rmSync(pidFile(name), { force: true });
		let cmdline = '';
		try {
			cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
		} catch {
			continue; // not running (or no /proc)
		}
		if (!cmdline.includes(marker)) continue;
		log(`stopping ${name} left running by an earlier run (pid ${pid})`);
		try {
			process.kill(-pid, 'SIGTERM');
		} catch {}
		for (let i = 0; i < 100 && fs.existsSync(`/proc/${pid}`); i++) await sleep(200);
		if (fs.existsSync(`/proc/${pid}`)) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {}
			await sleep(500);
		}
	}
}

function onUnexpectedExit(what, code, signal) {
	log(`${what} stopped unexpectedly (exit ${code}${signal ? `, ${signal}` : ''})${what === 'n8n' ? `; log: ${N8N_LOG}` : ''}`);
	shutdown(1);
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

async function stopChild(child, timeoutMs) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	if (child.stdin && !child.stdin.destroyed) child.stdin.end();
	killGroup(child, 'SIGTERM');
	const t = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	await exited;
	clearTimeout(t);
}

async function shutdown(code) {
	if (shuttingDown) return;
	shuttingDown = true;
	const list = [...children];
	if (list.length) log('stopping n8n and the simulators ...');
	await Promise.all(list.map((c) => stopChild(c, 20000)));
	for (const name of ['n8n', 'simulators']) fs.rmSync(pidFile(name), { force: true });
	process.exit(code);
}

// ---------------------------------------------------------------------------------------------

function printTimings() {
	log('timings:');
	for (const t of timings) log(`  ${t.label.padEnd(44)} ${secs(t.ms)}`);
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
	process.on('SIGINT', () => shutdown(130));
	process.on('SIGTERM', () => shutdown(143));
	log(`${PKG_NAME}@${PKG.version}: cache folder ${LOCAL}`);

	await withInstallLock(async () => {
		await timed(`install Node ${NODE_MAJOR}`, installNode24);
		await timed(`install n8n ${N8N_VERSION}`, installN8n);
	});
	if (OPTS.installOnly) {
		printTimings();
		log(`installed: ${node24Bin()} (${nodeVersionOf(node24Bin())}), ${n8nBin()}`);
		return 0;
	}

	await stopLeftovers();
	await assertPortFree(N8N_PORT, 'n8n', 'N8N_PORT');

	await timed('npm run build', build);

	const sims = await timed('start simulators', async () => {
		log('simulators: bundling test/simulators/serve.ts and starting them');
		return startSimulators();
	});
	const simulatorList = sims.vendors.map((vendor) => `${vendor.displayName} ${vendor.url}`).join(', ');
	log(`simulators: ${simulatorList}`);

	fs.mkdirSync(RUN_DIR, { recursive: true });
	await timed('install package into n8n', async () => installPackageIntoN8n());

	let brokerPort = intEnv('N8N_RUNNERS_BROKER_PORT', 0) || (await freePort());
	const env = n8nEnv(brokerPort);
	const creds = await timed('import credentials', () => importCredentials(env, sims));
	const importProblems = [];
	const workflows = await timed('import example workflows', () => importExamples(env, importProblems));

	log(`n8n: starting n8n ${N8N_VERSION} on port ${N8N_PORT} (task broker ${brokerPort}); log: ${N8N_LOG}`);
	const base = `http://127.0.0.1:${N8N_PORT}`;
	const tN8n = Date.now();
	const child = startN8n(env);
	n8nChild = child;
	const readyMs = await waitForReadiness(child, base);
	timings.push({ label: 'n8n start -> /healthz/readiness', ms: readyMs });
	log(`n8n: ready after ${secs(readyMs)}`);

	const session = await ownerSession(base);
	log(`n8n: owner ${OWNER.email} ${session.created ? 'created' : 'already set up, logged in'} (password ${OWNER.password})`);
	const report = await checkLoaded(base, session, creds, workflows, sims.vendors);
	if (importProblems.length) {
		report.ok = false;
		report.problems.push(...importProblems);
	}
	timings.push({ label: 'n8n start -> checked', ms: Date.now() - tN8n });
	if (OPTS.runExamples) {
		report.exampleRuns = [];
		await timed('run example workflows', async () => {
			for (const wf of workflows.filter((w) => w.manual && w.id)) {
				log(`examples: running "${wf.name}" (n8n execute --id=${wf.id})`);
				const r = await runExample(env, wf);
				report.exampleRuns.push(r);
				if (!r.ok) {
					report.ok = false;
					report.problems.push(`example "${wf.name}" failed: ${r.summary}`);
				}
			}
		});
	}
	timings.push({ label: 'total', ms: Date.now() - tStart });

	log('---------------------------------------------------------------------------');
	log(`readiness report (${report.ok ? 'OK' : 'FAILED'})`);
	log(`  n8n ${N8N_VERSION} on Node ${nodeVersionOf(node24Bin())}: ${report.totalNodeTypes} node types`);
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
	log(`ready: http://localhost:${N8N_PORT} (user ${OWNER.email}, password ${OWNER.password})`);
	if (OPTS.check) return report.ok ? 0 : 1;
	log('Ctrl-C stops n8n and the simulators');
	if (!OPTS.quietN8n) child.echo = true;
	return new Promise(() => {}); // run until a signal or a child's exit ends us
}

main().then(
	(code) => shutdown(code),
	(err) => {
		process.stdout.write(`[dev] FAILED: ${err && err.devFailure ? err.message : (err && err.stack) || err}\n`);
		if (timings.length) printTimings();
		shutdown(1);
	},
);
