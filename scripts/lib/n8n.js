// A real n8n from the cache: the package copied in as a community package, its environment, the
// CLI (import:credentials, import:workflow, execute), `n8n start` / `n8n worker` processes,
// readiness and the owner's session.
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { ROOT, log, fail, readJson, tail, cleanEnv, run, startService, request, sleep, secs, freePort, npmCommand } = require('./util');

const PKG = readJson(path.join(ROOT, 'package.json'));
const PKG_NAME = PKG.name;

/** `npm run build` (unless skipped), then the files package.json's n8n section lists must exist. */
async function buildPackage(skip) {
	if (skip) {
		log('build: skipped (--skip-build), using the dist/ that is there');
	} else {
		log('build: npm run build');
		const npm = npmCommand();
		const r = await run(npm.cmd, [...npm.args, 'run', 'build'], { cwd: ROOT, env: cleanEnv() });
		if (r.code !== 0) fail(`npm run build failed (exit ${r.code}); fix the build, or rerun with --skip-build to use the current dist/`);
	}
	const missing = [...((PKG.n8n && PKG.n8n.nodes) || []), ...((PKG.n8n && PKG.n8n.credentials) || [])].filter((f) => !fs.existsSync(path.join(ROOT, f)));
	if (missing.length) fail(`the build did not produce what package.json's n8n section lists: ${missing.join(', ')}`);
}

/** Copies the built package into `<userFolder>/.n8n/nodes/node_modules/<name>`, as n8n's installer does. */
function installPackageIntoN8n(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
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

const OFFLINE_DEFAULTS = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
};

/** n8n's environment: offline settings (unless set by the user), then `fixed`. */
function n8nEnv(install, userFolder, fixed) {
	const env = cleanEnv();
	for (const [k, v] of Object.entries(OFFLINE_DEFAULTS)) if (env[k] === undefined) env[k] = v;
	return Object.assign(env, { N8N_USER_FOLDER: userFolder, PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH || ''}` }, fixed);
}

/** One n8n CLI command to completion, its output appended to `logFile`. Each gets its own task broker port. */
async function n8nCli(install, args, env, logFile, what, { allowFail = false } = {}) {
	const brokerPort = await freePort();
	const r = await run(install.node, [install.n8n, ...args], {
		cwd: env.N8N_USER_FOLDER,
		env: Object.assign({}, env, { N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
		capture: true,
	});
	fs.appendFileSync(logFile, `\n=== n8n ${args.join(' ')} (exit ${r.code}) ===\n${r.out}`);
	if (r.code !== 0 && !allowFail) {
		process.stdout.write(tail(r.out, 30));
		fail(`${what} failed (exit ${r.code})`);
	}
	return { ok: r.code === 0, out: r.out, code: r.code, signal: r.signal };
}

/** Imports the credentials (`{ id, name, type, data }`, plain data: n8n encrypts it). */
async function importCredentials(install, env, runDir, logFile, credentials) {
	const file = path.join(runDir, 'credentials.import.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
	try {
		await n8nCli(install, ['import:credentials', `--input=${file}`], env, logFile, 'n8n import:credentials');
	} finally {
		fs.rmSync(file, { force: true }); // n8n keeps them encrypted; no plain copy left behind
	}
	log(`credentials: imported ${credentials.map((c) => `"${c.name}" (${c.type}, id ${c.id})`).join(', ')}`);
	return credentials;
}

/** The example workflows: examples/*.json (one workflow or an array per file). */
function readExamples(problems) {
	const dir = path.join(ROOT, 'examples');
	const files = [];
	if (!fs.existsSync(dir)) return files;
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
		files.push({ f, file: path.join(dir, f), workflows });
	}
	return files;
}

/**
 * Imports workflows (files as readExamples gives them) in one `n8n import:workflow` call; if that
 * fails, file by file, to name the file at fault. A failure is put in `problems`, not thrown.
 */
async function importWorkflows(install, env, runDir, logFile, files, problems) {
	const imported = [];
	const note = (f, workflows) => {
		for (const w of workflows) {
			const manual = Array.isArray(w.nodes) && w.nodes.some((n) => n && n.type === 'n8n-nodes-base.manualTrigger');
			imported.push({ file: f, id: w.id, name: w.name, manual });
		}
	};
	const skippedIn = (out) => out.split('\n').filter((l) => /Skipped workflow/.test(l)).map((l) => l.trim());
	if (files.length) {
		const all = path.join(runDir, 'workflows.import.json');
		fs.writeFileSync(all, JSON.stringify(files.flatMap((x) => x.workflows), null, 2) + '\n');
		const r = await n8nCli(install, ['import:workflow', `--input=${all}`], env, logFile, 'n8n import:workflow', { allowFail: true });
		if (r.ok) {
			for (const x of files) note(x.f, x.workflows);
			for (const l of skippedIn(r.out)) problems.push(`n8n skipped a workflow: ${l}`);
		} else {
			for (const x of files) {
				const one = path.join(runDir, `one.import.json`);
				fs.writeFileSync(one, JSON.stringify(x.workflows));
				const o = await n8nCli(install, ['import:workflow', `--input=${one}`], env, logFile, `n8n import:workflow (${x.f})`, { allowFail: true });
				if (o.ok) note(x.f, x.workflows);
				else problems.push(`${x.f} could not be imported: ${tail(o.out, 4).trim().split('\n').join(' | ')}`);
			}
		}
	}
	return imported;
}

/** `n8n start` (or `n8n worker`, ...) as a registered service. */
function startN8nProcess(install, name, args, env, logFile, onExit) {
	return startService(name, install.node, [install.n8n, ...args], { cwd: env.N8N_USER_FOLDER, env, logFile, onExit });
}

/** Waits until `url` answers 200 (n8n's /healthz/readiness); fails when the child exits or after timeoutMs. */
async function waitForReadiness(child, url, timeoutMs, logFile) {
	const t0 = Date.now();
	let lastNote = t0;
	for (;;) {
		if (child.exited) {
			process.stdout.write(tail(child.logText, 40));
			fail(`${child.serviceName} exited before it was ready (exit ${child.exited.code}); log: ${logFile}`);
		}
		try {
			const r = await request('GET', url, { timeout: 3000 });
			if (r.status === 200) return Date.now() - t0;
		} catch {}
		if (Date.now() - t0 > timeoutMs) {
			process.stdout.write(tail(child.logText, 40));
			fail(`${child.serviceName} was not ready after ${secs(timeoutMs)}; log: ${logFile}`);
		}
		if (Date.now() - lastNote > 15000) {
			lastNote = Date.now();
			log(`${child.serviceName}: waiting for readiness (${secs(Date.now() - t0)})`);
		}
		await sleep(250);
	}
}

function cookieFrom(res) {
	const set = res.headers['set-cookie'] || [];
	return set.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth=')) || null;
}

/** Sets up the owner account (first start) or logs in; returns { created, headers } for REST calls. */
async function ownerSession(base, owner, userFolder) {
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
			body: { email: owner.email, firstName: owner.firstName, lastName: owner.lastName, password: owner.password },
		});
		if (res.status !== 200) fail(`owner setup failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		created = true;
	} else {
		res = await request('POST', `${base}/rest/login`, {
			headers,
			body: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
		});
		if (res.status !== 200) {
			fail(`the owner account already exists and logging in as ${owner.email} failed (HTTP ${res.status}); set N8N_OWNER_EMAIL/N8N_OWNER_PASSWORD, or delete ${userFolder} to start afresh`);
		}
	}
	const cookie = cookieFrom(res);
	if (!cookie) fail('n8n did not return a session cookie');
	return { created, headers: Object.assign({ cookie }, headers) };
}

/** The run's JSON in `n8n execute --rawOutput` output (log lines may come before AND after it), or undefined. */
function parseExecuteOutput(out) {
	const ends = [];
	for (let e = out.indexOf('\n}'); e >= 0; e = out.indexOf('\n}', e + 1)) ends.push(e + 2);
	if (out.startsWith('}')) ends.unshift(1);
	for (let start = out.indexOf('\n{'); start >= 0; start = out.indexOf('\n{', start + 1)) {
		for (let i = ends.length - 1; i >= 0 && ends[i] > start; i--) {
			try {
				return JSON.parse(out.slice(start + 1, ends[i]));
			} catch {}
		}
	}
	return undefined;
}

/** Runs an imported workflow with `n8n execute --id` (own task broker port) while the server runs. */
async function executeWorkflow(install, env, logFile, id) {
	const r = await n8nCli(install, ['execute', `--id=${id}`, '--rawOutput'], env, logFile, `n8n execute --id=${id}`, { allowFail: true });
	return { ok: r.ok, code: r.code, signal: r.signal, out: r.out, run: parseExecuteOutput(r.out) };
}

/** The output items of a node in a run (first run of the node, first output). */
function nodeOutput(run, nodeName) {
	const runData = run && run.data && run.data.resultData && run.data.resultData.runData;
	const task = runData && runData[nodeName] && runData[nodeName][0];
	const main = task && task.data && task.data.main;
	return ((main && main[0]) || []).map((i) => i.json);
}

// A previous run that was killed hard can leave its n8n behind, holding the port. Each run records
// its children's pids; the next run with the same folder stops them if they are still the same programs.
function writePidFile(runDir, name, pid) {
	try {
		fs.writeFileSync(path.join(runDir, `${name}.pid`), String(pid));
	} catch {}
}

async function stopLeftovers(runDir, markers) {
	for (const [name, marker] of Object.entries(markers)) {
		const file = path.join(runDir, `${name}.pid`);
		let pid;
		try {
			pid = Number(fs.readFileSync(file, 'utf8'));
		} catch {
			continue;
		}
		fs.rmSync(file, { force: true });
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

module.exports = {
	PKG,
	buildPackage,
	PKG_NAME,
	installPackageIntoN8n,
	n8nEnv,
	n8nCli,
	importCredentials,
	readExamples,
	importWorkflows,
	startN8nProcess,
	waitForReadiness,
	ownerSession,
	parseExecuteOutput,
	executeWorkflow,
	nodeOutput,
	writePidFile,
	stopLeftovers,
};
