// n8n's queue mode on this machine: Redis (Debian's redis-server) and a throwaway PostgreSQL
// cluster (Debian's postgresql, initdb in a temporary folder), each on a free port of 127.0.0.1,
// started as registered services (stopped after n8n on exit, error or Ctrl-C), and the
// environment n8n's main and worker processes need (names read from n8n 2.41.1's @n8n/config).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');
const { log, fail, run, startService, freePort, sleep, tail, onShutdown } = require('./util');

/** @param {string} cmd @returns {string | null} the command's path, or null when it is not on PATH */
function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** PostgreSQL's server binaries (initdb, postgres): from PATH, else Debian's /usr/lib/postgresql/<v>/bin. */
function postgresBinDir() {
	const initdb = which('initdb');
	if (initdb && which('postgres')) return path.dirname(fs.realpathSync(initdb));
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(base, versions[0], 'bin');
	}
	return null;
}

/** Installs Debian's redis-server and postgresql when missing (apt-get update once, then install -y). */
async function ensureDebianPackages() {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (!missing.length) {
		log(`queue: redis-server and PostgreSQL (${postgresBinDir()}) are installed`);
		return { timingNote: 'installed' };
	}
	if (!which('apt-get')) fail(`queue mode needs ${missing.join(' and ')} and this machine has no apt-get: install them`);
	const sudo = process.getuid && process.getuid() !== 0 ? ['sudo', '-n'] : [];
	const env = Object.assign({}, process.env, { DEBIAN_FRONTEND: 'noninteractive' });
	log(`queue: installing ${missing.join(', ')} (apt-get update, apt-get install -y)`);
	const cmd = (args) => (sudo.length ? [sudo[0], [...sudo.slice(1), ...args]] : [args[0], args.slice(1)]);
	let [c, a] = cmd(['apt-get', 'update']);
	let r = await run(c, a, { env, capture: true, label: 'apt-get update', ticker: 30000 });
	if (r.code !== 0) fail(`apt-get update failed (exit ${r.code}):\n${tail(r.out, 20)}`);
	[c, a] = cmd(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
	r = await run(c, a, { env, capture: true, label: 'apt-get install', ticker: 30000 });
	if (r.code !== 0) fail(`apt-get install -y ${missing.join(' ')} failed (exit ${r.code}):\n${tail(r.out, 20)}`);
	if (!which('redis-server') || !postgresBinDir()) fail(`after apt-get install, redis-server or PostgreSQL's initdb is still missing`);
	return { timingNote: `installed ${missing.join(', ')}` };
}

async function waitFor(what, child, probe, timeoutMs = 60000) {
	const t0 = Date.now();
	for (;;) {
		if (child.exited) fail(`${what} exited at start (exit ${child.exited.code}):\n${tail(child.logText, 20)}`);
		if (await probe()) return;
		if (Date.now() - t0 > timeoutMs) fail(`${what} was not ready after ${timeoutMs / 1000} s:\n${tail(child.logText, 20)}`);
		await sleep(200);
	}
}

function tcpOpen(port) {
	return new Promise((resolve) => {
		const s = require('net').connect(port, '127.0.0.1');
		s.once('connect', () => {
			s.destroy();
			resolve(true);
		});
		s.once('error', () => resolve(false));
	});
}

/** redis-server on a free port, no persistence, data in `dir`. */
async function startRedis(dir, logFile, onExit) {
	const port = await freePort();
	fs.mkdirSync(dir, { recursive: true });
	const child = startService('redis', /** @type {string} */ (which('redis-server')), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
		cwd: dir,
		env: process.env,
		logFile,
		onExit,
	});
	child.stopLast = true;
	await waitFor('redis-server', child, () => tcpOpen(port));
	log(`queue: redis-server on 127.0.0.1:${port}`);
	return { port, child };
}

/**
 * A throwaway PostgreSQL cluster: initdb in a temporary folder (owned by the `postgres` user when
 * we are root: PostgreSQL refuses to run as root), trust authentication on 127.0.0.1 only, a free
 * port, durability off (it is thrown away), database `n8n`. The folder is removed at exit.
 */
async function startPostgres(logFile, onExit) {
	const bin = /** @type {string} */ (postgresBinDir()); // installed before (ensureQueueTools)
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pg-'));
	onShutdown(() => fs.rmSync(dir, { recursive: true, force: true }));
	const data = path.join(dir, 'data');
	let asUser = (cmd, args) => [cmd, args];
	if (process.getuid && process.getuid() === 0) {
		const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
		const uid = id('-u');
		const gid = id('-g');
		if (!Number.isInteger(uid) || uid <= 0) fail('running as root, PostgreSQL needs the "postgres" user (Debian\'s postgresql package creates it)');
		fs.chmodSync(dir, 0o700);
		fs.chownSync(dir, uid, gid);
		asUser = (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
	}
	const [c, a] = asUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
	const r = await run(c, a, { capture: true });
	fs.appendFileSync(logFile, `\n=== initdb (exit ${r.code}) ===\n${r.out}`);
	if (r.code !== 0) fail(`initdb failed (exit ${r.code}):\n${tail(r.out, 20)}`);
	const [pc, pa] = asUser(path.join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-k', dir,
		'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
	]);
	const child = startService('postgres', pc, pa, { cwd: dir, env: process.env, logFile, onExit });
	child.stopLast = true;
	const psql = path.join(bin, 'psql');
	const query = (sql, db = 'postgres') => spawnSync(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-tAc', sql], { encoding: 'utf8' });
	await waitFor('postgres', child, async () => query('select 1').status === 0);
	const created = query('create database n8n');
	if (created.status !== 0) fail(`create database n8n failed: ${created.stderr}`);
	log(`queue: PostgreSQL ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (cluster in ${dir})`);
	/** Rows of a query on n8n's database, each an array of strings (fields split on '|'). */
	const rows = (sql) => {
		const r = query(sql, 'n8n');
		if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
		return r.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
	};
	return { port, child, dir, rows };
}

/** n8n's queue-mode environment shared by main and workers (names from @n8n/config 2.41.1). */
function queueEnv({ redisPort, pgPort, encryptionKey = crypto.randomBytes(24).toString('hex') }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: encryptionKey,
		// A killed worker's job: its lock runs out after 10 s, the other worker's stalled-job check
		// (every 5 s) then fails it (n8n sets Bull's maxStalledCount to 0: never run twice).
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
}

module.exports = { ensureDebianPackages, startRedis, startPostgres, queueEnv, postgresBinDir };
