// Shared helpers of scripts/dev.js and scripts/e2e.js: logging, child processes (every one is
// registered and stopped on exit), free ports, a small HTTP client. Plain CommonJS for Node 20.
'use strict';

const fs = require('fs');
const path = require('path');
const net = require('net');
const http = require('http');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');

const state = { prefix: 'dev', shuttingDown: false };
/**
 * A child process with what this module keeps on it.
 * @typedef {import('child_process').ChildProcess & { serviceName?: string, logText: string, echo?: boolean,
 *   exited?: { code: number | null, signal: NodeJS.Signals | null }, stopRequested?: boolean, stopLast?: boolean }} Child
 */
/** Every child process we started and that still runs. @type {Set<Child>} */
const children = new Set();

function setLogPrefix(prefix) {
	state.prefix = prefix;
}

function log(msg) {
	process.stdout.write(`[${state.prefix}] ${msg}\n`);
}

/** An error for the user (printed without a stack). @param {string} msg @returns {never} */
function fail(msg) {
	const err = /** @type {Error & { devFailure?: boolean }} */ (new Error(msg));
	err.devFailure = true;
	throw err;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A path as the user reads it: relative to the repo when inside it. */
function show(p) {
	const rel = path.relative(ROOT, p);
	return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function secs(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function intEnv(name, def) {
	const v = process.env[name];
	if (v === undefined || v === '') return def;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 0) fail(`${name} must be a non-negative integer, got "${v}"`);
	return n;
}

const truthy = (v) => /^(1|true|yes|on)$/i.test(String(v || ''));

function tail(text, lines) {
	const all = String(text).split('\n');
	return all.slice(Math.max(0, all.length - lines - 1)).join('\n') + '\n';
}

/** Environment for child npm processes: without the npm_* variables of `npm run` (which carry
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

function npmCommand() {
	// Under `npm run`, npm_execpath is npm's own CLI; otherwise use npm from PATH.
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
		return { cmd: process.execPath, args: [execPath] };
	}
	return { cmd: 'npm', args: [] };
}

/**
 * Run a command to completion; resolves with its exit code and (when capture) its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, capture?: boolean, label?: string, ticker?: number, detached?: boolean }} [opts]
 * @returns {Promise<{ code: number, signal: NodeJS.Signals | null, out: string }>}
 */
function run(cmd, args, { cwd, env, capture = false, label, ticker = 0, detached = false } = {}) {
	return new Promise((resolve, reject) => {
		const child = /** @type {Child} */ (spawn(cmd, args, {
			cwd,
			env: env || process.env,
			stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
			detached,
		}));
		children.add(child);
		let out = '';
		if (capture) {
			child.stdout?.on('data', (d) => (out += d));
			child.stderr?.on('data', (d) => (out += d));
		}
		const t0 = Date.now();
		const timer = ticker > 0 ? setInterval(() => log(`  ... ${label || cmd} still running (${secs(Date.now() - t0)})`), ticker) : null;
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

/**
 * Starts a long-running child in its own process group (so that Ctrl-C reaches us first and we
 * stop it in order, its own children included), logging its output to `logFile`. The child is
 * registered; `onExit(code, signal)` runs when it exits while we are not shutting down.
 */
/**
 * Starts a service with its output in `logFile` (readable by its owner only). `privateLinePrefix`:
 * output lines starting with it carry secrets (e.g. the simulators' ready line with the demo
 * credentials): the caller reads them from `child.stdout`, the log and `logText` get the prefix only.
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile: string, onExit?: (code: number | null, signal: NodeJS.Signals | null) => void,
 *   stdin?: import('child_process').IOType, privateLinePrefix?: string }} opts
 * @returns {Child & { stdout: import('stream').Readable, stderr: import('stream').Readable }}
 */
function startService(name, cmd, args, { cwd, env, logFile, onExit, stdin = 'ignore', privateLinePrefix }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const logStream = fs.createWriteStream(logFile, { flags: 'a', mode: 0o600 });
	logStream.write(`\n=== ${name}: ${cmd} ${args.join(' ')} (${new Date().toISOString()}) ===\n`);
	const child = /** @type {Child & { stdout: import('stream').Readable, stderr: import('stream').Readable }} */ (
		spawn(cmd, args, { cwd, env, stdio: [stdin, 'pipe', 'pipe'], detached: true })
	);
	children.add(child);
	child.serviceName = name;
	child.logText = '';
	child.echo = false;
	const write = (text) => {
		logStream.write(text);
		child.logText = (child.logText + text).slice(-400000);
		if (child.echo) process.stdout.write(text.replace(/^(?=.)/gm, `[${name}] `));
	};
	// Whole lines only, so that a private line split across chunks is still recognised.
	const pending = { stdout: '', stderr: '' };
	const onLines = (stream) => (d) => {
		if (!privateLinePrefix) return write(String(d));
		const lines = (pending[stream] + String(d)).split('\n');
		pending[stream] = lines.pop();
		for (const line of lines) write(`${line.startsWith(privateLinePrefix) ? `${privateLinePrefix}(not logged: it holds credentials)` : line}\n`);
	};
	const onData = onLines('stdout');
	child.stdout.on('data', onData);
	child.stderr.on('data', onLines('stderr'));
	child.on('exit', (code, signal) => {
		for (const rest of Object.values(pending)) if (rest && !rest.startsWith(privateLinePrefix || '\u0000')) write(rest);
		children.delete(child);
		child.exited = { code, signal };
		logStream.end();
		if (!state.shuttingDown && !child.stopRequested && onExit) onExit(code, signal);
	});
	return child;
}

function portFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
	});
}

const handedOut = new Set();
/** A free port on 127.0.0.1, never the same twice in this process. */
async function freePort() {
	for (;;) {
		const port = await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.once('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const { port: p } = /** @type {import('net').AddressInfo} */ (srv.address());
				srv.close(() => resolve(p));
			});
		});
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

async function assertPortFree(port, what, envName) {
	if (!(await portFree(port))) fail(`port ${port} (${what}) is already in use; stop what uses it or set ${envName}`);
}

/**
 * Minimal HTTP client (JSON in, JSON or text out).
 * @param {string} method
 * @param {string} url
 * @param {{ body?: unknown, headers?: Record<string, string>, timeout?: number }} [opts]
 */
function request(method, url, { body, headers = {}, timeout = 15000 } = {}) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const req = http.request(
			{
				method,
				hostname: u.hostname,
				port: u.port,
				path: u.pathname + u.search,
				agent: false,
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
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeout} ms: ${method} ${url}`)));
		req.on('error', reject);
		if (data) req.write(data);
		req.end();
	});
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

/** Stops one child (its process group): SIGTERM, then SIGKILL after timeoutMs. */
async function stopChild(child, timeoutMs = 20000) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.stopRequested = true;
	const exited = new Promise((r) => child.once('exit', r));
	if (child.stdin && !child.stdin.destroyed) child.stdin.end();
	killGroup(child, 'SIGTERM');
	const t = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	await exited;
	clearTimeout(t);
}

const cleanups = [];
/** Runs at shutdown, after every child has been stopped (last registered, first run). */
function onShutdown(fn) {
	cleanups.push(fn);
}

/**
 * Stops every child we started (n8n and workers first, then the rest: databases last), runs the
 * cleanups, exits with `code`. Safe to call twice.
 */
async function shutdown(code) {
	if (state.shuttingDown) return;
	state.shuttingDown = true;
	const list = [...children];
	if (list.length) log(`stopping ${list.map((c) => c.serviceName || path.basename(c.spawnfile)).join(', ')} ...`);
	const late = list.filter((c) => c.stopLast);
	await Promise.all(list.filter((c) => !c.stopLast).map((c) => stopChild(c)));
	await Promise.all(late.map((c) => stopChild(c)));
	for (const fn of cleanups.reverse()) {
		try {
			await fn();
		} catch (e) {
			log(`cleanup: ${e.message}`);
		}
	}
	process.exit(code);
}

function isShuttingDown() {
	return state.shuttingDown;
}

/** Ctrl-C and SIGTERM stop everything we started. */
/**
 * Step timings for a run's closing report: `timed(label, fn)` runs fn and records how long it took
 * (with the `timingNote` fn's result may carry); `timings` is the list, in order.
 */
function stepTimer() {
	const timings = [];
	async function timed(label, fn) {
		const t0 = Date.now();
		const result = await fn();
		const note = result && typeof result === 'object' && result.timingNote ? ` (${result.timingNote})` : '';
		timings.push({ label: `${label}${note}`, ms: Date.now() - t0 });
		return result;
	}
	return { timings, timed };
}

function handleSignals() {
	process.on('SIGINT', () => shutdown(130));
	process.on('SIGTERM', () => shutdown(143));
	process.on('SIGHUP', () => shutdown(129));
}

module.exports = {
	ROOT,
	children,
	setLogPrefix,
	log,
	fail,
	readJson,
	show,
	secs,
	stepTimer,
	sleep,
	intEnv,
	truthy,
	tail,
	cleanEnv,
	npmCommand,
	run,
	runOrFail,
	startService,
	portFree,
	freePort,
	assertPortFree,
	request,
	killGroup,
	stopChild,
	onShutdown,
	shutdown,
	isShuttingDown,
	handleSignals,
};
