// Node 24 and n8n (the pinned version) in a cache folder outside the clone, shared by `npm run dev`
// and `npm run e2e` and by every clone on the machine: installed once (about 4.5 minutes, 3 GB),
// reused afterwards. A lock folder keeps two runs from installing at once.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { log, fail, readJson, sleep, cleanEnv, npmCommand, runOrFail } = require('./util');

const N8N_VERSION = '2.41.1';
const N8N_BEFORE = '2026-10-01T00:00:00Z';
const NODE_MAJOR = 24;

/** The cache folder: N8N_E2E_CACHE, else N8N_LOCAL_DIR (older name), else ~/.cache/n8n-nodes-invoice-payments. */
function cacheDir() {
	const given = process.env.N8N_E2E_CACHE || process.env.N8N_LOCAL_DIR;
	return path.resolve(given || path.join(os.homedir(), '.cache', 'n8n-nodes-invoice-payments'));
}

/** Paths of an install in `cache`. */
function installPaths(cache = cacheDir()) {
	const node24Dir = path.join(cache, 'node24');
	const n8nDir = path.join(cache, 'n8n');
	return {
		cache,
		node24Dir,
		n8nDir,
		node: path.join(node24Dir, 'node_modules', '.bin', 'node'),
		n8n: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nModules: path.join(n8nDir, 'node_modules'),
	};
}

function nodeVersionOf(bin) {
	if (!fs.existsSync(bin)) return null;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** The folder holding Node 24's headers (include/node), for building native addons against it. */
function node24HeadersDir(p) {
	const base = path.join(p.node24Dir, 'node_modules', 'node', 'node_modules');
	const preferred = path.join(base, `node-${process.platform}-${process.arch}`);
	if (fs.existsSync(path.join(preferred, 'include', 'node'))) return preferred;
	if (fs.existsSync(base)) {
		for (const d of fs.readdirSync(base)) {
			if (/^node-/.test(d) && fs.existsSync(path.join(base, d, 'include', 'node'))) return path.join(base, d);
		}
	}
	fail(`Node ${NODE_MAJOR} headers not found under ${base}`);
}

function ensurePackageJson(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'package.json');
	// Without its own package.json npm would walk up to the repo and install there.
	if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ name, private: true }, null, 2) + '\n');
}

async function withInstallLock(p, fn) {
	fs.mkdirSync(p.cache, { recursive: true });
	const lock = path.join(p.cache, '.install.lock');
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
			if (Date.now() - t0 < 1500) log(`install: waiting for another run (pid ${pid}) that is installing into ${p.cache}`);
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

async function installNode24(p) {
	const have = nodeVersionOf(p.node);
	if (have && have.startsWith(`v${NODE_MAJOR}.`)) {
		log(`install: Node ${have} already in ${p.node24Dir}`);
		return { timingNote: 'warm' };
	}
	log(`install: Node ${NODE_MAJOR} from the npm registry into ${p.node24Dir} (npm i node@${NODE_MAJOR})`);
	ensurePackageJson(p.node24Dir, 'n8n-local-node24');
	const npm = npmCommand();
	// The `node` package fetches its platform binary package in an install script: scripts on.
	await runOrFail(
		npm.cmd,
		[...npm.args, 'install', `node@${NODE_MAJOR}`, '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: p.node24Dir, env: cleanEnv(), capture: true, label: `npm i node@${NODE_MAJOR}`, ticker: 30000 },
		`installing Node ${NODE_MAJOR}`,
	);
	const v = nodeVersionOf(p.node);
	if (!v || !v.startsWith(`v${NODE_MAJOR}.`)) fail(`Node ${NODE_MAJOR} install did not give a working ${p.node} (got ${v})`);
	node24HeadersDir(p);
	log(`install: Node ${v} installed`);
	return { timingNote: 'cold' };
}

function markerFile(p) {
	return path.join(p.n8nDir, '.dev-installed.json');
}

function n8nInstalledOk(p) {
	try {
		const marker = readJson(markerFile(p));
		const pkg = readJson(path.join(p.n8nModules, 'n8n', 'package.json'));
		const sqlite = path.join(p.n8nModules, 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
		return marker.n8n === N8N_VERSION && pkg.version === N8N_VERSION && marker.node === nodeVersionOf(p.node) && fs.existsSync(sqlite);
	} catch {
		return false;
	}
}

async function installN8n(p) {
	if (n8nInstalledOk(p)) {
		log(`install: n8n ${N8N_VERSION} already in ${p.n8nDir}`);
		return { timingNote: 'warm' };
	}
	ensurePackageJson(p.n8nDir, 'n8n-local');
	fs.rmSync(markerFile(p), { force: true });
	const npm = npmCommand();
	log(`install: n8n ${N8N_VERSION} into ${p.n8nDir} (about 4 minutes and 2.8 GB the first time)`);
	await runOrFail(
		npm.cmd,
		[...npm.args, 'install', `n8n@${N8N_VERSION}`, `--before=${N8N_BEFORE}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: p.n8nDir, env: cleanEnv(), capture: true, label: `npm i n8n@${N8N_VERSION}`, ticker: 30000 },
		`installing n8n ${N8N_VERSION}`,
	);
	log('install: building sqlite3 and isolated-vm for Node 24 (npm rebuild, about a minute)');
	const headers = node24HeadersDir(p);
	await runOrFail(
		npm.cmd,
		[...npm.args, 'rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false', '--loglevel=error'],
		{
			cwd: p.n8nDir,
			env: cleanEnv({ npm_config_nodedir: headers, PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH || ''}` }),
			capture: true,
			label: 'npm rebuild sqlite3 isolated-vm',
			ticker: 30000,
		},
		'building native modules',
	);
	// Prove that the native sqlite3 module loads in Node 24 before calling it installed.
	const probe = spawnSync(p.node, ['-e', "require('sqlite3'); console.log('ok')"], { cwd: p.n8nDir, encoding: 'utf8' });
	if (probe.status !== 0) fail(`sqlite3 does not load in Node 24 after the rebuild:\n${probe.stderr}`);
	fs.writeFileSync(markerFile(p), JSON.stringify({ n8n: N8N_VERSION, node: nodeVersionOf(p.node), at: new Date().toISOString() }, null, 2) + '\n');
	log(`install: n8n ${N8N_VERSION} installed`);
	return { timingNote: 'cold' };
}

/** Installs what is missing (under the lock); `timed(label, fn)` records each step's time. */
async function ensureInstalled(p, timed = (_label, fn) => fn()) {
	await withInstallLock(p, async () => {
		await timed(`install Node ${NODE_MAJOR}`, () => installNode24(p));
		await timed(`install n8n ${N8N_VERSION}`, () => installN8n(p));
	});
	return p;
}

module.exports = { N8N_VERSION, NODE_MAJOR, cacheDir, installPaths, nodeVersionOf, ensureInstalled };
