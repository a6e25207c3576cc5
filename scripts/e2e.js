#!/usr/bin/env node
// `npm run e2e`: the package proven in a real n8n 2.41.1, end to end.
//
//  1. build; Node 24 + n8n from the shared cache folder (installed there the first time)
//  2. regular mode (SQLite): the five simulators on free ports, the package as a community
//     package, the credentials and EVERY example workflow imported; n8n's own REST endpoint runs
//     each credential test (and its refused-secret and unreachable-URL variants); each example
//     runs with `n8n execute` and is checked against test/e2e/examples.js: its output items AND
//     the vendor's ledger (what was paid, how often, sign-ons), then again where a rerun must pay
//     nothing; the AI agent example talks to a scripted stand-in for OpenAI's API on 127.0.0.1
//     (test/e2e/agent.js: the tools and schemas n8n offers, refused and malformed calls, one payment)
//     then n8n's own retries per paying node (test/e2e/retries.js): Retry On Fail on a node whose
//     vendor refuses one item, and the failed execution retried twice through n8n's REST API as
//     the editor's Retry buttons do: every invoice paid once
//  3. queue mode: Redis + a throwaway PostgreSQL, n8n main + two workers; per vendor node
//     (test/e2e/queuePayments.js) 1,000 invoices seeded and paid by 10 webhook calls of 100 fired
//     at once (production executions on both workers); every invoice paid exactly once, sign-ons
//     bounded, none in a second run; then a worker is killed in the middle of a run: nothing paid
//     twice, and what it held is reported by n8n, then paid once when sent again
//
// One line per check, then "N passed, M failed"; exit 1 on any failure. Every process started
// (simulators, n8n, workers, redis, postgres) is stopped on exit, error or Ctrl-C.
//
//   npm run e2e                     everything
//   npm run e2e -- --skip-build     use the dist/ that is there
//   npm run e2e -- --no-queue       regular mode only
//   npm run e2e -- --keep           keep the run folder (logs, n8n user folders) even on success
//
// Environment: N8N_E2E_CACHE (cache folder, default ~/.cache/n8n-nodes-invoice-payments),
// E2E_QUEUE_INVOICES (invoices per vendor node, default 1000), E2E_QUEUE_CALLS (webhook calls
// per run, default 10), E2E_N8N_TIMEOUT (seconds to wait for n8n, default 180).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const u = require('./lib/util');
const inst = require('./lib/install');
const simulators = require('./lib/simulators');
const n8n = require('./lib/n8n');
const queue = require('./lib/queue');
const { checkLoaded } = require('./lib/check');
const EXAMPLES = require('../test/e2e/examples');
const QUEUE_NODES = require('../test/e2e/queuePayments');
const RETRY_NODES = require('../test/e2e/retries');
const AGENT = require('../test/e2e/agent');
const TRIGGERS = require('../test/e2e/triggers');
const { startModelStandIn } = require('./lib/modelStandIn');

const { log, fail, secs, intEnv, request, sleep } = u;
const { PKG_NAME } = n8n;
u.setLogPrefix('e2e');

const argv = process.argv.slice(2);
const OPTS = {
	skipBuild: argv.includes('--skip-build'),
	queue: !argv.includes('--no-queue'),
	keep: argv.includes('--keep'),
};
const QUEUE_INVOICES = intEnv('E2E_QUEUE_INVOICES', 1000);
const QUEUE_CALLS = intEnv('E2E_QUEUE_CALLS', 10);
const READY_TIMEOUT_MS = intEnv('E2E_N8N_TIMEOUT', 180) * 1000;
const OWNER = { email: 'e2e@example.com', password: 'E2e-Pass-12345!', firstName: 'End', lastName: 'ToEnd' };

// ---------------------------------------------------------------------------------------------
// checks and figures

const results = [];
const figures = [];

function check(name, ok, detail = '') {
	results.push({ name, ok: !!ok, detail });
	process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}\n`);
	return !!ok;
}

function figure(text) {
	figures.push(text);
	log(`figure: ${text}`);
}

function section(title) {
	process.stdout.write(`\n---- ${title} ----\n`);
}

const { timings, timed } = u.stepTimer();

/** Matches an item's fields against a matcher ({ field: string | number | RegExp }). */
function itemMismatch(item, matcher) {
	for (const [k, want] of Object.entries(matcher)) {
		const got = item ? item[k] : undefined;
		const ok = want instanceof RegExp ? got !== undefined && want.test(String(got)) : got === want;
		if (!ok) return `${k} is ${JSON.stringify(got)}, expected ${want instanceof RegExp ? want : JSON.stringify(want)}`;
	}
	return null;
}

/** Payments added between two ledger reads (the ledger only grows). */
function ledgerDelta(before, after) {
	const b = before.ledger;
	const a = after.ledger;
	return {
		payments: a.payments.slice(b.payments.length),
		signOns: a.signOns === null ? null : a.signOns - b.signOns,
		failedSignOns: a.failedSignOns === null ? null : a.failedSignOns - b.failedSignOns,
		handlerErrors: after.handlerErrors.slice(before.handlerErrors.length),
	};
}

function countBy(list, key) {
	const m = new Map();
	for (const x of list) m.set(x[key], (m.get(x[key]) || 0) + 1);
	return m;
}

/** Compares the payments of a run with the expected { key: amount } ('*' = one payment, any key). */
function paidMismatch(payments, expected) {
	const want = Object.entries(expected);
	if (payments.length !== want.length) return `${payments.length} payments (${payments.map((p) => `${p.invoice} ${p.amount}`).join(', ') || 'none'}), expected ${want.length}`;
	const left = [...payments];
	for (const [key, amount] of want) {
		const i = left.findIndex((p) => (key === '*' || p.invoice === key) && p.amount === amount);
		if (i < 0) return `no payment of ${amount} for ${key} (got ${payments.map((p) => `${p.invoice} ${p.amount}`).join(', ')})`;
		left.splice(i, 1);
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// part 1: regular mode, every example

async function regularMode(ctx, sims) {
	section('regular mode: package, credentials, examples');
	const userFolder = path.join(ctx.runDir, 'regular');
	const logFile = path.join(ctx.runDir, 'n8n-regular.log');
	const packageDir = n8n.installPackageIntoN8n(userFolder);
	const port = await u.freePort();
	const env = n8n.n8nEnv(ctx.install, userFolder, { N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_RUNNERS_BROKER_PORT: String(await u.freePort()) });
	// The agent example's model: a scripted stand-in on 127.0.0.1, behind an OpenAI credential.
	const cnbs = simulators.admin(sims.vendors.find((v) => v.key === 'cnbsWebAr').url);
	const agentRun = { cnbsRequestsBeforeTurn2: null };
	const model = await startModelStandIn(AGENT.SCRIPT, {
		beforeReply: async (turn) => {
			if (turn === 1) agentRun.cnbsRequestsBeforeTurn2 = (await cnbs.requests(0)).total;
		},
	});
	u.onShutdown(() => model.close());
	ctx.agent = { model, run: agentRun };
	const openAi = { id: 'openAiStandIn', name: 'OpenAI', type: 'openAiApi', data: { apiKey: 'sk-e2e-stand-in', url: model.url } };
	const creds = await n8n.importCredentials(ctx.install, env, ctx.runDir, logFile, [...sims.vendors.map((v) => v.credential), openAi]);
	const problems = [];
	const files = n8n.readExamples(problems);
	const workflows = await n8n.importWorkflows(ctx.install, env, ctx.runDir, logFile, files, problems);
	check(`examples: ${files.length} files in examples/ imported into n8n`, !problems.length && workflows.length === files.reduce((n, f) => n + f.workflows.length, 0), problems.join('; ') || workflows.map((w) => w.id).join(', '));
	const retryEntries = await importRetryWorkflows(ctx, sims, env, logFile);
	await publishTriggerWorkflows(ctx, env, logFile, 'regular');

	const base = `http://127.0.0.1:${port}`;
	const child = n8n.startN8nProcess(ctx.install, 'n8n', ['start'], env, logFile, (code) => log(`n8n exited (${code}); log: ${logFile}`));
	const readyMs = await n8n.waitForReadiness(child, `${base}/healthz/readiness`, READY_TIMEOUT_MS, logFile);
	log(`n8n ${inst.N8N_VERSION} ready on ${base} after ${secs(readyMs)}`);
	const session = await n8n.ownerSession(base, OWNER, userFolder);
	const report = await checkLoaded({ base, session, install: ctx.install, packageDir, creds: creds.filter((c) => c !== openAi), vendors: sims.vendors, logText: child.logText });
	const expected = ((n8n.PKG.n8n && n8n.PKG.n8n.nodes) || []).length;
	const loaded = check(
		`package ${PKG_NAME} loaded by n8n as a community package`,
		report.nodes.length === expected,
		report.nodes.length === expected ? `${report.nodes.length} node types: ${report.nodes.map((n) => n.name.replace(`${PKG_NAME}.`, '')).join(', ')}` : report.problems[0],
	);
	for (const c of report.credentials || []) check(`credential "${c.name}" stored in n8n`, c.stored);
	for (const t of report.credentialTests) check(`credential test (n8n REST) "${t.name}"`, t.ok, t.message);

	for (const wf of workflows) {
		const exp = EXAMPLES.find((e) => e.workflow === wf.id);
		if (!check(`example "${wf.id}" has expectations in test/e2e/examples.js`, !!exp, exp ? '' : 'add an entry for it') || !exp) continue;
		// A trigger example runs active, below (test/e2e/triggers.js), not with `n8n execute`.
		if (exp.trigger) continue;
		if (!loaded) {
			check(`example "${wf.id}" runs`, false, 'skipped: the package did not load');
			continue;
		}
		await runExample(ctx, sims, env, logFile, wf, exp, false);
		if (exp.rerun || (exp.checks && exp.checks.every((c) => c.rerun))) await runExample(ctx, sims, env, logFile, wf, exp, true);
	}
	for (const e of EXAMPLES) {
		if (!workflows.some((w) => w.id === e.workflow)) check(`example "${e.workflow}" (test/e2e/examples.js) is in examples/`, false, 'not found');
	}
	if (loaded) {
		section("regular mode: n8n's own retries (Retry On Fail, then the failed execution retried twice)");
		for (const entry of retryEntries) await retryRun({ base, session }, entry);
		section('regular mode: polling triggers (active example workflows, n8n polls every minute)');
		await triggerRuns({ base, session, install: ctx.install }, sims, 'regular');
	}
	await u.stopChild(child);
}

// ---------------------------------------------------------------------------------------------
// n8n's own retries: Retry On Fail, and a failed execution retried through n8n's REST API

/** A Webhook -> Code -> paying node workflow with Retry On Fail (3 tries), failing on the refused item. */
function retryWorkflow(entry) {
	const wf = queueWorkflow(entry);
	const id = `e2eRetry${entry.type[0].toUpperCase()}${entry.type.slice(1)}${entry.operationName.replace(/\W/g, '')}`.slice(0, 21);
	const webhookPath = `e2e-retry-${entry.type.toLowerCase()}-${entry.operationName.replace(/\W/g, '').toLowerCase()}`;
	const [webhook, code, pay] = wf.nodes;
	delete pay.onError;
	Object.assign(pay, { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 });
	webhook.parameters = { ...webhook.parameters, path: webhookPath };
	return { ...wf, id, name: `e2e retries: ${entryName(entry)} ${entry.operationName}`, nodes: [webhook, code, pay], webhookPath };
}

/** Imports and publishes the retry workflows (before n8n starts, so that their webhooks are registered). */
async function importRetryWorkflows(ctx, sims, env, logFile) {
	const entries = RETRY_NODES.map((e) => {
		const vendorInfo = sims.vendors.find((v) => v.key === e.vendor);
		if (!vendorInfo) fail(`test/e2e/retries.js names vendor ${e.vendor}, which serve.ts does not start`);
		return Object.assign({}, e, { vendorInfo, credential: vendorInfo.credential });
	});
	const wfs = entries.map(retryWorkflow);
	const file = path.join(ctx.runDir, 'retry-workflows.json');
	fs.writeFileSync(file, JSON.stringify(wfs.map(({ webhookPath, ...w }) => w)));
	const problems = [];
	const imp = await n8n.n8nCli(ctx.install, ['import:workflow', `--input=${file}`], env, logFile, 'n8n import:workflow (retries)', { allowFail: true });
	if (!imp.ok) problems.push(u.tail(imp.out, 5));
	for (const wf of wfs) {
		const pub = await n8n.n8nCli(ctx.install, ['publish:workflow', `--id=${wf.id}`], env, logFile, `n8n publish:workflow --id=${wf.id}`, { allowFail: true });
		if (!pub.ok) problems.push(`publish ${wf.id}: ${u.tail(pub.out, 3)}`);
	}
	check(`retries: ${wfs.length} webhook workflows with Retry On Fail imported and published`, !problems.length, problems.join(' | ') || wfs.map((w) => w.id).join(', '));
	return entries.map((entry, i) => Object.assign(entry, { wf: wfs[i] }));
}

/** The workflow's newest execution as n8n's execution list shows it. */
async function newestExecution(q, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await request('GET', `${q.base}/rest/executions?filter=${filter}&limit=5`, { headers: q.session.headers });
	const results = (r.json && r.json.data && r.json.data.results) || [];
	return results.sort((a, b) => Number(b.id) - Number(a.id))[0];
}

/** Whether each seeded invoice has exactly one payment in the ledger's new payments. */
function paidOnceEach(delta, invoices) {
	const per = countBy(delta.payments, 'invoice');
	const wrong = invoices.filter((i) => per.get(i.key) !== 1).map((i) => `${i.key} paid ${per.get(i.key) || 0} times`);
	return { ok: !wrong.length && delta.payments.length === invoices.length, detail: wrong.join(', ') || invoices.map((i) => `${i.key} paid once`).join(', ') };
}

async function retryRun(q, entry) {
	const admin = simulators.admin(entry.vendorInfo.url);
	const invoices = await seed(admin, 2);
	const name = `retries: ${entryName(entry)} ${entry.operationName}`;
	const before = await admin.ledger();
	const call = await request('POST', `${q.base}/webhook/${entry.wf.webhookPath}`, { body: { invoices: [...invoices, entry.refused] }, timeout: 120000 });
	const first = await newestExecution(q, entry.wf.id);
	let paid = paidOnceEach(ledgerDelta(before, await admin.ledger()), invoices);
	check(`${name}: Retry On Fail (3 tries) pays each invoice once`, paid.ok && first && first.status === 'error', `${paid.detail}; webhook answered ${call.status}; execution ${first ? `${first.id} ${first.status}` : 'not found'}`);
	let failed = first;
	for (const loadWorkflow of [false, true]) {
		const what = `retried execution (${loadWorkflow ? 'with the saved workflow' : 'with the original workflow'})`;
		if (!failed || failed.status !== 'error') {
			check(`${name}: ${what} pays nothing again`, false, 'no failed execution to retry');
			continue;
		}
		const r = await request('POST', `${q.base}/rest/executions/${failed.id}/retry`, { headers: q.session.headers, body: { loadWorkflow }, timeout: 120000 });
		const retried = r.json && r.json.data;
		paid = paidOnceEach(ledgerDelta(before, await admin.ledger()), invoices);
		const mode = retried ? `execution ${retried.id} mode ${retried.mode}, retry of ${retried.retryOf}, ${retried.status}` : `HTTP ${r.status} ${r.text.slice(0, 200)}`;
		// The failed execution's record of its payments came with its data: the paid items kept their
		// outcome and only the refused one was tried again (it fails on the vendor's refusal, not on
		// "cannot tell whether the failed execution already paid this item").
		const error = String((retried && retried.data && retried.data.resultData && retried.data.resultData.error && retried.data.resultData.error.message) || '');
		const recordUsed = error !== '' && !/cannot tell whether/.test(error);
		check(`${name}: ${what} pays nothing again`, paid.ok && recordUsed && !!retried && retried.mode === 'retry' && String(retried.retryOf) === String(failed.id), `${paid.detail}; ${mode}: ${error.slice(0, 120)}`);
		failed = retried && (await newestExecution(q, entry.wf.id));
	}
}

async function runExample(ctx, sims, env, logFile, wf, exp, rerun) {
	// An example that pays through several vendors (Pay Invoice) lists one check per node.
	const checks = (exp.checks || [exp]).map((c) => {
		const vendor = sims.vendors.find((v) => v.key === c.vendor);
		return { ...c, vendor, admin: simulators.admin(vendor.url) };
	});
	const label = `example "${wf.id}"${rerun ? ' run again' : ''}`;
	// Each example starts from the demo ledgers it was written for (test/e2e/examples.js).
	if (!rerun) await Promise.all(checks.map((c) => c.admin.reset({ demo: true })));
	const before = await Promise.all(checks.map((c) => c.admin.ledger()));
	if (exp.agent) {
		ctx.agent.model.reset();
		ctx.agent.run.cnbsRequestsBeforeTurn2 = null;
	}
	const t0 = Date.now();
	const r = await n8n.executeWorkflow(ctx.install, env, logFile, wf.id);
	const after = await Promise.all(checks.map((c) => c.admin.ledger()));
	if (exp.agent) {
		const cnbsIndex = checks.findIndex((c) => c.vendor.key === 'cnbsWebAr');
		const cnbsPayments = ledgerDelta(before[cnbsIndex], after[cnbsIndex]).payments;
		for (const c of AGENT.agentChecks({ requests: ctx.agent.model.requests, cnbsRequestsBeforeTurn2: ctx.agent.run.cnbsRequestsBeforeTurn2, cnbsPayments })) check(c.name, c.ok, c.detail);
	}
	const runError = r.run && r.run.data && r.run.data.resultData && r.run.data.resultData.error;
	// The run's own record decides; `n8n execute` has been seen to die by a signal while shutting
	// down AFTER printing a finished, successful run: that is noted, not counted as the example failing.
	const succeeded = !!(r.run && r.run.status === 'success' && r.run.finished && !runError);
	const note = r.ok ? '' : ` (n8n execute then exited ${r.signal ? `by ${r.signal}` : `with ${r.code}`} while shutting down)`;
	check(
		`${label}: n8n execute succeeded (${secs(Date.now() - t0)})`,
		succeeded,
		succeeded ? note.trim() : runError ? runError.message : u.tail(r.out, 6).trim().split('\n').join(' | '),
	);
	checks.forEach((c, index) => {
		const items = n8n.nodeOutput(r.run, c.node);
		if (!rerun) {
			const problems = [];
			if (items.length !== c.items.length) problems.push(`${items.length} items, expected ${c.items.length}`);
			c.items.forEach((m, i) => {
				const p = itemMismatch(items[i], m);
				if (p) problems.push(`item ${i}: ${p}`);
			});
			check(`${label}: output of "${c.node}"`, !problems.length, problems.length ? problems.join('; ') : items.map((j) => j.status || j.error).join('; '));
		}
		const delta = ledgerDelta(before[index], after[index]);
		const paid = rerun ? c.rerun.paid : c.paid;
		const pm = paidMismatch(delta.payments, paid);
		check(`${label}: ${c.vendor.displayName} ledger`, !pm, pm || (delta.payments.length ? delta.payments.map((p) => `paid ${p.amount} on ${p.invoice} once`).join(', ') : 'nothing paid'));
		const maxSignOns = rerun ? c.rerun.signOns : c.signOns;
		if (maxSignOns !== undefined && delta.signOns !== null) check(`${label}: ${c.vendor.displayName} sign-ons <= ${maxSignOns}`, delta.signOns <= maxSignOns, `${delta.signOns} sign-on(s)`);
		if (delta.handlerErrors.length) check(`${label}: simulator without internal errors`, false, delta.handlerErrors.join('; '));
	});
}

// ---------------------------------------------------------------------------------------------
// part 2: queue mode

function queueWorkflow(entry) {
	const id = `e2eQueue${entry.type[0].toUpperCase()}${entry.type.slice(1)}`.slice(0, 21);
	const webhookPath = `e2e-pay-${entry.type.toLowerCase()}`;
	return {
		id,
		name: `e2e queue: pay with ${entry.type}`,
		active: true,
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: crypto.randomUUID(),
				name: 'Invoices',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: 'return $input.first().json.body.invoices.map((invoice) => ({ json: invoice }));' },
			},
			{
				id: crypto.randomUUID(),
				name: 'Pay',
				type: `${PKG_NAME}.${entry.type}`,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: entry.parameters,
				credentials: { [entry.credential.type]: { id: entry.credential.id, name: entry.credential.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		webhookPath,
	};
}

function chunks(list, n) {
	const size = Math.ceil(list.length / n);
	const out = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/**
 * Executions of a workflow as n8n stores them (what its Executions list shows), read from n8n's
 * PostgreSQL database: [{ id, status, mode, startedAt, stoppedAt }] (times in ms).
 */
async function executionsOf(q, workflowId) {
	const ms = (col) => `coalesce(round(extract(epoch from "${col}") * 1000)::bigint::text, '')`;
	const sql = `select id, status, mode, ${ms('startedAt')}, ${ms('stoppedAt')}, ${ms('createdAt')} from execution_entity where "workflowId" = '${workflowId}' order by id`;
	return q.pg.rows(sql).map(([id, status, mode, startedAt, stoppedAt, createdAt]) => ({
		id,
		status,
		mode,
		startedAt: startedAt ? Number(startedAt) : null,
		stoppedAt: stoppedAt ? Number(stoppedAt) : null,
		createdAt: Number(createdAt),
	}));
}

/** Fires the webhook calls at once; resolves with [{ status, items, error, ms }]. */
async function fireCalls(q, wf, batches, timeout) {
	return Promise.all(
		batches.map(async (invoices) => {
			const t0 = Date.now();
			try {
				const r = await request('POST', `${q.base}/webhook/${wf.webhookPath}`, { body: { invoices }, timeout });
				return { status: r.status, items: Array.isArray(r.json) ? r.json : null, text: r.text.slice(0, 200), ms: Date.now() - t0 };
			} catch (e) {
				return { status: 0, items: null, error: e.message, ms: Date.now() - t0 };
			}
		}),
	);
}

/** "CRM.COM", or "Pay Invoice (CRM.COM)" for the generic node over a vendor. */
function entryName(entry) {
	return entry.label ? `${entry.label} (${entry.vendorInfo.displayName})` : entry.vendorInfo.displayName;
}

let seedCounter = 0;
async function seed(admin, count) {
	const start = 1 + seedCounter;
	seedCounter += count + 1000;
	return admin.seed({ start, count, amount: '10.00' });
}

/** One run: seed, fire the calls, check ledger and outputs. Returns figures for the caller. */
async function queueRun(q, entry, wf, label, { expectSignOns }) {
	const admin = simulators.admin(entry.vendorInfo.url);
	const invoices = await seed(admin, QUEUE_INVOICES);
	const keys = new Set(invoices.map((i) => i.key));
	const before = await admin.ledger();
	const workerStarts = q.workers.map((w) => (w.logText.match(/started execution/gi) || []).length);
	const t0 = Date.now();
	const calls = await fireCalls(q, wf, chunks(invoices, QUEUE_CALLS), 600000);
	const ms = Date.now() - t0;
	const after = await admin.ledger();
	const delta = ledgerDelta(before, after);
	const name = `${label} ${entryName(entry)}`;
	const okCalls = calls.filter((c) => c.status === 200 && c.items);
	check(`${name}: ${calls.length} webhook calls answered 200`, okCalls.length === calls.length, calls.filter((c) => c.status !== 200).map((c) => `${c.status} ${c.error || c.text}`).slice(0, 3).join('; '));
	const items = okCalls.flatMap((c) => c.items);
	const failedItems = items.filter((j) => j.error || !/^paid/.test(String(j.status)));
	check(`${name}: ${QUEUE_INVOICES} items report "paid"`, items.length === QUEUE_INVOICES && !failedItems.length, `${items.length} items, ${failedItems.length} not paid${failedItems.length ? `: ${String(failedItems[0].error || failedItems[0].status).slice(0, 160)}` : ''}`);
	const ours = delta.payments.filter((p) => keys.has(p.invoice));
	const per = countBy(ours, 'invoice');
	const twice = [...per.values()].filter((n) => n > 1).length;
	const lost = [...keys].filter((k) => !per.has(k)).length;
	check(`${name}: ledger: ${QUEUE_INVOICES} invoices paid exactly once`, twice === 0 && lost === 0 && ours.length === QUEUE_INVOICES && delta.payments.length === ours.length, `${ours.length} payments, ${twice} paid twice, ${lost} lost, ${delta.payments.length - ours.length} other`);
	const workerRuns = q.workers.map((w, i) => (w.logText.match(/started execution/gi) || []).length - workerStarts[i]);
	check(`${name}: both workers ran executions`, workerRuns.every((n) => n > 0), `worker executions: ${workerRuns.join(' + ')}`);
	let signOnText = 'no session (a secret on every call)';
	if (delta.signOns !== null) {
		// When was the first token stored? Every request but the sign-on carries the token, so the
		// first such request of this run comes after n8n stored one (preAuthentication stores it
		// before the request is sent).
		const log1 = await admin.requests(before.requests);
		const used = log1.requests.find((r) => !(entry.signOnPath && entry.signOnPath.test(r.path)));
		const storedBy = used ? used.at : Infinity;
		const execs = await executionsOf(q, wf.id);
		const started = execs.filter((e) => e.createdAt >= t0 - 1000);
		const startedBefore = started.filter((e) => e.startedAt !== null && e.startedAt <= storedBy).length;
		const bound = expectSignOns === 0 ? 0 : startedBefore;
		check(
			`${name}: sign-ons <= ${expectSignOns === 0 ? '0 (the tokens stored by run 1 are valid)' : `${bound} (executions that started before the first token was stored)`}`,
			delta.signOns <= bound,
			`${delta.signOns} sign-on(s), ${delta.failedSignOns} refused; ${started.length} executions`,
		);
		signOnText = `${delta.signOns} sign-on(s)`;
	}
	figure(`${name}: ${QUEUE_INVOICES} payments in ${secs(ms)} (${(QUEUE_INVOICES / (ms / 1000)).toFixed(0)}/s), ${calls.length} calls of ${Math.ceil(QUEUE_INVOICES / QUEUE_CALLS)}, worker executions ${workerRuns.join(' + ')}, ${signOnText}, paid twice ${twice}, lost ${lost}`);
	return { ms };
}

async function killRun(q, entry, wf) {
	section(`queue mode: a worker killed in the middle of a run (${entry.vendorInfo.displayName})`);
	const admin = simulators.admin(entry.vendorInfo.url);
	const invoices = await seed(admin, QUEUE_INVOICES);
	const keys = new Set(invoices.map((i) => i.key));
	const batches = chunks(invoices, QUEUE_CALLS);
	// Slow the vendor down (each answer 40 ms late, after the payment is booked) so the kill lands mid-run.
	await admin.faults({ fault: { kind: 'delay', ms: 40 }, times: 1000000 });
	const before = await admin.ledger();
	const victim = q.workers[0];
	const pending = fireCalls(q, wf, batches, 120000);
	const t0 = Date.now();
	let paidAtKill = 0;
	for (;;) {
		const l = await admin.ledger();
		paidAtKill = l.ledger.payments.slice(before.ledger.payments.length).filter((p) => keys.has(p.invoice)).length;
		if (paidAtKill >= QUEUE_INVOICES * 0.3 || Date.now() - t0 > 120000) break;
		await sleep(50);
	}
	victim.stopRequested = true; // expected: no "exited unexpectedly" note
	u.killGroup(victim, 'SIGKILL');
	const killedAt = Date.now();
	log(`killed worker 1 (pid ${victim.pid}, SIGKILL) after ${secs(killedAt - t0)}, with ${paidAtKill} of ${QUEUE_INVOICES} invoices paid`);
	const calls = await pending;
	const callsDone = Date.now();
	await admin.faults({ clear: true });
	const after = await admin.ledger();
	const delta = ledgerDelta(before, after);
	const ours = delta.payments.filter((p) => keys.has(p.invoice));
	const per = countBy(ours, 'invoice');
	const twice = [...per.values()].filter((n) => n > 1).length;
	const answered = calls.map((c, i) => ({ ...c, batch: batches[i] })).filter((c) => c.status === 200 && c.items);
	const notAnswered = calls.map((c, i) => ({ ...c, batch: batches[i] })).filter((c) => !(c.status === 200 && c.items));
	const reportedPaid = new Set(answered.flatMap((c) => c.items.filter((j) => /^paid/.test(String(j.status))).map((_, k) => c.batch[k].key)));
	const heldKeys = notAnswered.flatMap((c) => c.batch.map((i) => i.key));
	const heldPaid = heldKeys.filter((k) => per.has(k)).length;
	// n8n's view: wait for the stalled jobs to be failed and the executions to be marked.
	let execs = [];
	for (let i = 0; i < 30; i++) {
		execs = (await executionsOf(q, wf.id)).filter((e) => e.createdAt >= t0 - 2000);
		if (execs.length >= calls.length && execs.every((e) => e.status !== 'running' && e.status !== 'new')) break;
		await sleep(1000);
	}
	const statuses = countBy(execs, 'status');
	const statusText = [...statuses].map(([s, n]) => `${n} ${s}`).join(', ');
	figure(
		`worker kill: ${QUEUE_CALLS} calls; ${answered.length} answered 200 (${reportedPaid.size} items "paid"), ${notAnswered.length} not answered (${[...new Set(notAnswered.map((c) => `${c.status || ''} ${c.error || c.text}`.trim()))].join('; ')}, the last ${secs(callsDone - killedAt)} after the kill); n8n executions: ${statusText}; ledger: ${ours.length} of ${QUEUE_INVOICES} paid, ${twice} twice; the unanswered calls held ${heldKeys.length} invoices, ${heldPaid} of them paid before the kill`,
	);
	check('worker kill: no invoice paid twice', twice === 0, `${ours.length} payments for ${per.size} invoices`);
	check(
		'worker kill: every invoice of an answered call is paid once and reported "paid"',
		answered.every((c) => c.batch.every((i, k) => per.get(i.key) === 1 && /^paid/.test(String(c.items[k] && c.items[k].status)))),
		`${answered.length} calls, ${answered.reduce((n, c) => n + c.batch.length, 0)} invoices`,
	);
	check(
		'worker kill: the killed worker\'s executions are reported by n8n, not shown as successful',
		notAnswered.length > 0 && execs.filter((e) => e.status !== 'success').length >= notAnswered.length,
		`${notAnswered.length} calls without an answer; n8n shows ${statusText}`,
	);
	// What n8n keeps of a failed execution: main saved it with the webhook's data when it queued
	// it, so the invoices the killed worker held are listed in n8n's failed executions.
	const failedIds = execs.filter((e) => e.status !== 'success').map((e) => e.id);
	const failedData = failedIds.length ? q.pg.rows(`select data from execution_data where "executionId" in (${failedIds.map(Number).join(',')})`).map((r) => r.join('|')).join('\n') : '';
	const listed = heldKeys.filter((k) => failedData.includes(k)).length;
	const messages = [...new Set((failedData.match(/"[^"{}]*(?:crash|stall|worker|lost|fail|error)[^"{}]*"/gi) || []).map((m) => m.slice(1, -1)).filter((m) => m.length > 12))].slice(0, 3);
	figure(`worker kill: n8n's ${failedIds.length} failed executions hold ${listed} of the ${heldKeys.length} invoices of the unanswered calls in their stored data (${failedData.length} characters; messages: ${messages.join(' / ') || 'none'})`);
	// The operator's recovery: send the unanswered calls' invoices again. Check Invoice First skips
	// what the killed worker paid (or the vendor refuses it), the rest is paid: each exactly once.
	const again = await fireCalls(q, wf, notAnswered.map((c) => c.batch), 300000);
	const final = await admin.ledger();
	const all = ledgerDelta(before, final).payments.filter((p) => keys.has(p.invoice));
	const perAll = countBy(all, 'invoice');
	const twiceAll = [...perAll.values()].filter((n) => n > 1).length;
	const lostAll = [...keys].filter((k) => !perAll.has(k)).length;
	check(
		'worker kill: after sending the unanswered calls again, every invoice is paid exactly once',
		twiceAll === 0 && lostAll === 0,
		`${again.filter((c) => c.status === 200).length}/${again.length} calls answered; ${all.length} payments, ${twiceAll} twice, ${lostAll} unpaid`,
	);
}

async function queueMode(ctx, sims) {
	section('queue mode: Redis, PostgreSQL, n8n main + 2 workers');
	await timed('queue: Debian packages', () => queue.ensureDebianPackages());
	const die = (what) => (code, signal) => log(`${what} exited unexpectedly (${code}${signal ? `, ${signal}` : ''})`);
	const redis = await queue.startRedis(path.join(ctx.runDir, 'redis'), path.join(ctx.runDir, 'redis.log'), die('redis'));
	const pg = await queue.startPostgres(path.join(ctx.runDir, 'postgres.log'), die('postgres'));
	const userFolder = path.join(ctx.runDir, 'queue');
	n8n.installPackageIntoN8n(userFolder);
	const port = await u.freePort();
	const base = `http://127.0.0.1:${port}`;
	const common = Object.assign(queue.queueEnv({ redisPort: redis.port, pgPort: pg.port }), {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		WEBHOOK_URL: `${base}/`,
		N8N_RUNNERS_BROKER_PORT: String(await u.freePort()),
	});
	const env = n8n.n8nEnv(ctx.install, userFolder, common);
	const logFile = path.join(ctx.runDir, 'n8n-queue-main.log');
	// Credentials and workflows go into PostgreSQL before main starts (migrations run on the first command).
	await n8n.importCredentials(ctx.install, env, ctx.runDir, logFile, sims.vendors.map((v) => v.credential));
	const entries = QUEUE_NODES.map((e) => {
		const vendorInfo = sims.vendors.find((v) => v.key === e.vendor);
		if (!vendorInfo) fail(`test/e2e/queuePayments.js names vendor ${e.vendor}, which serve.ts does not start`);
		return Object.assign({}, e, { vendorInfo, credential: vendorInfo.credential });
	});
	const wfs = entries.map(queueWorkflow);
	const problems = [];
	const file = path.join(ctx.runDir, 'queue-workflows.json');
	fs.writeFileSync(file, JSON.stringify(wfs.map(({ webhookPath, ...w }) => w)));
	const imp = await n8n.n8nCli(ctx.install, ['import:workflow', `--input=${file}`], env, logFile, 'n8n import:workflow (queue)', { allowFail: true });
	if (!imp.ok) problems.push(u.tail(imp.out, 5));
	// n8n 2.x runs the published version of a workflow in production: publish each (main activates
	// published workflows and registers their webhooks when it starts).
	for (const wf of wfs) {
		const pub = await n8n.n8nCli(ctx.install, ['publish:workflow', `--id=${wf.id}`], env, logFile, `n8n publish:workflow --id=${wf.id}`, { allowFail: true });
		if (!pub.ok) problems.push(`publish ${wf.id}: ${u.tail(pub.out, 3)}`);
	}
	check(`queue: ${wfs.length} webhook workflows imported and published (one per vendor node)`, !problems.length, problems.join(' | ') || wfs.map((w) => w.id).join(', '));
	await publishTriggerWorkflows(ctx, env, logFile, 'queue', true);

	const main = n8n.startN8nProcess(ctx.install, 'n8n-main', ['start'], env, logFile, die('n8n main'));
	await n8n.waitForReadiness(main, `${base}/healthz/readiness`, READY_TIMEOUT_MS, logFile);
	const session = await n8n.ownerSession(base, OWNER, userFolder);
	const workers = [];
	for (let i = 1; i <= 2; i++) {
		const wenv = Object.assign({}, env, { N8N_RUNNERS_BROKER_PORT: String(await u.freePort()) });
		workers.push(n8n.startN8nProcess(ctx.install, `n8n-worker-${i}`, ['worker', '--concurrency=10'], wenv, path.join(ctx.runDir, `n8n-queue-worker-${i}.log`), die(`n8n worker ${i}`)));
	}
	for (const w of workers) {
		const t0 = Date.now();
		while (!/n8n worker is now ready/.test(w.logText)) {
			if (w.exited) fail(`${w.serviceName} exited at start:\n${u.tail(w.logText, 30)}`);
			if (Date.now() - t0 > READY_TIMEOUT_MS) fail(`${w.serviceName} not ready after ${secs(READY_TIMEOUT_MS)}`);
			await sleep(250);
		}
	}
	log(`queue: n8n main on ${base} (EXECUTIONS_MODE=queue, PostgreSQL :${pg.port}, Redis :${redis.port}), 2 workers ready (concurrency 10 each)`);
	// Webhooks registered by main for the active workflows?
	const q = { base, session, workers, main, pg };
	for (const [i, entry] of entries.entries()) {
		section(`queue mode: ${QUEUE_INVOICES} payments through ${entryName(entry)}`);
		const wf = wfs[i];
		const t0 = Date.now();
		await queueRun(q, entry, wf, 'queue run 1:', { expectSignOns: undefined });
		if (entry.signOnPath) {
			await queueRun(q, entry, wf, 'queue run 2 (tokens stored):', { expectSignOns: 0 });
		}
		void t0;
	}
	const killEntry = entries.find((e) => e.type === 'crmCom') || entries[0];
	await killRun(q, killEntry, wfs[entries.indexOf(killEntry)]);
	section('queue mode: polling triggers (main polls every minute, workers run the executions)');
	await triggerRuns({ base, session, install: ctx.install }, sims, 'queue');
}

// ---------------------------------------------------------------------------------------------
// polling triggers: the trigger examples active, the simulators changing state between polls

/** Publishes the trigger examples (imports them first in queue mode, whose database is new). */
async function publishTriggerWorkflows(ctx, env, logFile, mode, importFirst = false) {
	const problems = [];
	const files = n8n.readExamples(problems).filter((f) => f.workflows.some((w) => TRIGGERS.some((t) => t.workflow === w.id)));
	if (importFirst) await n8n.importWorkflows(ctx.install, env, ctx.runDir, logFile, files, problems);
	for (const t of TRIGGERS) {
		const pub = await n8n.n8nCli(ctx.install, ['publish:workflow', `--id=${t.workflow}`], env, logFile, `n8n publish:workflow --id=${t.workflow}`, { allowFail: true });
		if (!pub.ok) problems.push(`publish ${t.workflow}: ${u.tail(pub.out, 3)}`);
	}
	check(`${mode}: ${TRIGGERS.length} trigger examples published (active: n8n polls them)`, !problems.length, problems.join(' | ') || TRIGGERS.map((t) => t.workflow).join(', '));
}

/** Every event (the trigger node's output items) of a workflow's executions, read through n8n's REST API. */
async function triggerEvents(q, workflowId, nodeName) {
	const { parse } = require(require.resolve('flatted', { paths: [q.install.n8nModules] }));
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	// n8n's list takes at most 100 per page: a trigger's executions here are fewer.
	const r = await request('GET', `${q.base}/rest/executions?filter=${filter}&limit=100`, { headers: q.session.headers });
	const list = (r.json && r.json.data && r.json.data.results) || [];
	const events = [];
	const statuses = r.status === 200 ? [] : [`execution list: HTTP ${r.status} ${r.text.slice(0, 120)}`];
	for (const execution of list) {
		const one = await request('GET', `${q.base}/rest/executions/${execution.id}`, { headers: q.session.headers, timeout: 60000 });
		const data = one.json && one.json.data;
		statuses.push(`${execution.id} ${data ? data.status : `HTTP ${one.status}`}`);
		if (!data || typeof data.data !== 'string') continue;
		const run = parse(data.data);
		const runs = (run.resultData && run.resultData.runData && run.resultData.runData[nodeName]) || [];
		for (const task of runs) for (const item of (task.data && task.data.main && task.data.main[0]) || []) events.push(item.json);
	}
	return { events, executions: list.length, statuses };
}

async function triggerRuns(q, sims, mode) {
	const POLL_MS = 60000;
	const runs = TRIGGERS.map(async (t) => {
		const vendor = sims.vendors.find((v) => v.key === t.vendor);
		const admin = simulators.admin(vendor.url);
		const label = `${mode}: trigger "${t.workflow}"`;
		// Resolves once the simulator has received a request after this call, and the poll had time to end.
		const waitForPoll = async () => {
			const from = (await admin.requests(0)).total;
			const t0 = Date.now();
			while (Date.now() - t0 < 2 * POLL_MS + 10000) {
				if ((await admin.requests(from)).requests.length) return sleep(3000);
				await sleep(1000);
			}
			throw new Error(`no poll reached the ${vendor.displayName} simulator in ${secs(2 * POLL_MS + 10000)}`);
		};
		try {
			const start = 1 + seedCounter;
			seedCounter += 1000;
			const t0 = Date.now();
			const expected = await t.change(admin, start, waitForPoll);
			/** @type {{ events: any[], executions: number, statuses: string[] }} */
			let seen = { events: [], executions: 0, statuses: [] };
			const arrived = () => expected.every((key) => seen.events.some((json) => t.keyOf(json) === key));
			while (Date.now() - t0 < 3 * POLL_MS + 20000) {
				seen = await triggerEvents(q, t.workflow, t.node);
				if (arrived()) break;
				await sleep(5000);
			}
			const count = (key) => seen.events.filter((json) => t.keyOf(json) === key).length;
			check(`${label}: each of ${expected.length} events arrived (${secs(Date.now() - t0)})`, arrived(), expected.map((key) => `${key} x${count(key)}`).join(', ') + `; executions: ${seen.statuses.join(', ')}`);
			// One more poll: nothing emitted again.
			await waitForPoll();
			seen = await triggerEvents(q, t.workflow, t.node);
			const keys = seen.events.map(t.keyOf);
			const repeated = [...new Set(keys)].filter((key) => keys.filter((k) => k === key).length > 1);
			check(`${label}: every event once, also after another poll`, expected.every((key) => count(key) === 1) && !repeated.length, repeated.length ? `repeated: ${repeated.join(', ')}` : `${keys.length} events in ${seen.executions} executions, none twice`);
		} catch (e) {
			check(`${label}: events arrive once each`, false, e.message);
		}
	});
	await Promise.all(runs);
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const tStart = Date.now();
	if (argv.includes('--help') || argv.includes('-h')) {
		const text = fs.readFileSync(__filename, 'utf8').split('\n');
		const end = text.findIndex((l) => l.startsWith("'use strict'"));
		process.stdout.write(text.slice(1, end).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
		return 0;
	}
	const unknown = argv.filter((a) => !['--skip-build', '--no-queue', '--keep'].includes(a));
	if (unknown.length) fail(`unknown option ${unknown.join(' ')} (see --help)`);
	u.handleSignals();
	const install = inst.installPaths();
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const ctx = { install, runDir };
	u.onShutdown(() => {
		const failed = results.some((r) => !r.ok) || !results.length;
		if (failed || OPTS.keep) log(`run folder kept: ${runDir} (n8n logs, user folders)`);
		else fs.rmSync(runDir, { recursive: true, force: true });
	});
	log(`${PKG_NAME}: cache folder ${install.cache}, run folder ${runDir}`);
	section('setup');
	await inst.ensureInstalled(install, timed);
	await timed('npm run build', () => n8n.buildPackage(OPTS.skipBuild));
	// Every simulator on a free port: e2e never collides with `npm run dev` (8801...) or another e2e.
	const sims = await timed('start simulators', () => simulators.startSimulators({ runDir, ports: { '*': 0 }, onExit: (c) => log(`the simulators exited (${c})`) }));
	log(`simulators: ${simulators.describe(sims)}`);
	await timed('regular mode', () => regularMode(ctx, sims));
	if (OPTS.queue) await timed('queue mode', () => queueMode(ctx, sims));
	timings.push({ label: 'total', ms: Date.now() - tStart });

	section('summary');
	for (const f of figures) log(f);
	for (const t of timings) log(`time: ${t.label.padEnd(34)} ${secs(t.ms)}`);
	const failed = results.filter((r) => !r.ok);
	for (const f of failed) log(`failed: ${f.name}${f.detail ? ` — ${f.detail}` : ''}`);
	process.stdout.write(`${results.length - failed.length} passed, ${failed.length} failed\n`);
	return failed.length ? 1 : 0;
}

main().then(
	(code) => u.shutdown(code),
	(err) => {
		process.stdout.write(`[e2e] FAILED: ${err && err.devFailure ? err.message : (err && err.stack) || err}\n`);
		const failed = results.filter((r) => !r.ok).length;
		process.stdout.write(`${results.length - failed} passed, ${failed + 1} failed\n`);
		u.shutdown(1);
	},
);
