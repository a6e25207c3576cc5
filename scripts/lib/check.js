// Checks against a running n8n: the package's node and credential types are loaded (and, when not,
// which file of the package throws at load), the credentials are stored, each credential test run
// through n8n's REST endpoint passes, and fails with a refused secret or an unreachable URL.
'use strict';

const path = require('path');
const { spawnSync } = require('child_process');
const { request } = require('./util');
const { PKG, PKG_NAME } = require('./n8n');

/**
 * Loads each file of the package's `n8n` section in Node 24 with n8n's own modules on the path, as
 * n8n does, and returns [{ file, error }] for those that throw (n8n itself only logs the error's
 * message, without the package or the file, and drops the whole package).
 */
function filesThatThrow(install, packageDir) {
	const files = [...((PKG.n8n && PKG.n8n.nodes) || []), ...((PKG.n8n && PKG.n8n.credentials) || [])];
	const script = `
const files = JSON.parse(process.argv[1]);
const out = [];
for (const f of files) {
	try {
		const m = require(require('path').join(process.cwd(), f));
		const classes = Object.values(m).filter((v) => typeof v === 'function');
		if (!classes.length) throw new Error('exports no class');
		for (const C of classes) new C();
	} catch (e) {
		out.push({ file: f, error: String((e && e.message) || e).split('\\n')[0] });
	}
}
process.stdout.write(JSON.stringify(out));`;
	const r = spawnSync(install.node, ['-e', script, JSON.stringify(files)], {
		cwd: packageDir,
		encoding: 'utf8',
		env: Object.assign({}, process.env, { NODE_PATH: install.n8nModules }),
	});
	try {
		return JSON.parse(r.stdout);
	} catch {
		return [{ file: '(all)', error: (r.stderr || '').split('\n').slice(0, 3).join(' | ') }];
	}
}

/** n8n's error lines while loading nodes (it logs a failing community package's error message only). */
function loadErrorsInLog(logText) {
	return String(logText || '')
		.split('\n')
		.filter((l) => /Failed to load package|Error loading package|Class could not be found|Unrecognized|SyntaxError|is not a constructor|Cannot find module/i.test(l))
		.slice(0, 5);
}

/**
 * What n8n shows of the package: { ok, problems, warnings, nodes, totalNodeTypes, credentialTypes,
 * credentials, credentialTests: [{ name, ok, message }] }.
 */
async function checkLoaded({ base, session, install, packageDir, creds, vendors, logText }) {
	const report = { ok: true, problems: /** @type {string[]} */ ([]), warnings: /** @type {string[]} */ ([]) };
	const nodesRes = await request('GET', `${base}/types/nodes.json`, { headers: session.headers, timeout: 60000 });
	if (nodesRes.status !== 200 || !Array.isArray(nodesRes.json)) throw new Error(`GET /types/nodes.json answered HTTP ${nodesRes.status}`);
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
	const expected = ((PKG.n8n && PKG.n8n.nodes) || []).length;
	if (report.nodes.length < expected) {
		// n8n loads a package all or nothing: one node or credential file that throws on load hides
		// the whole package, and n8n still starts. Name the file.
		report.ok = false;
		const bad = filesThatThrow(install, packageDir);
		const where = bad.length ? bad.map((b) => `${b.file} throws at load: ${b.error}`).join('; ') : 'no file throws when loaded alone';
		const logged = loadErrorsInLog(logText);
		report.problems.push(
			`n8n did not load package ${PKG_NAME}: package.json lists ${expected} node files, n8n shows ${report.nodes.length} node types of it. ${where}${logged.length ? ` (n8n logged: ${logged.join(' | ')})` : ''}`,
		);
	}

	const credTypes = await request('GET', `${base}/types/credentials.json`, { headers: session.headers, timeout: 60000 });
	if (credTypes.status === 200 && Array.isArray(credTypes.json)) {
		const names = new Set(credTypes.json.map((c) => c.name));
		report.credentialTypes = creds.map((c) => ({ type: c.type, known: names.has(c.type) }));
		for (const c of report.credentialTypes) {
			if (!c.known) report.warnings.push(`credential type ${c.type} is not known to n8n: its credential is stored but cannot be used or tested`);
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
		if (!(report.credentialTypes || []).some((t) => t.type === c.type && t.known)) {
			report.credentialTests.push({ name: c.name, ok: false, message: `credential type ${c.type} is not loaded` });
			report.ok = false;
			continue;
		}
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

module.exports = { checkLoaded, testCredential, filesThatThrow, path };
