/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code: runs in Node and jest, never ships to n8n */
/**
 * `npm run bench`: the package's vendor nodes in n8n's engine against n8n's own authenticated HTTP
 * helper sending the same requests in a plain loop at the same parallelism, against the
 * simulators with a set latency; and a memory run of 100,000 cheap items. Run through
 * test/bench/run.js (esbuild bundle, then node). Documented in docs/performance.md.
 *
 *   npm run bench                      every vendor at parallel 1, 10 and 50 (N = 1,000), and at
 *                                      N = 100 and 10,000 (parallel 10), then the memory run
 *   npm run bench -- --vendors crmCom,adilas --n 1000 --parallel 10 --no-memory   (quick)
 *     --vendors cloudCommercePro,crmCom,evoSnap,cnbsWebAr,cnbsWebArCombined,adilas
 *     --n <N,...> --parallel <P,...>   with either: every N at every P (instead of the default plan)
 *     --latency 20  --baselines n8n,new[,keepalive]  --memory-n 100000  --no-memory  --only-memory
 *     --cpu-prof=<dir>                 (run.js) node's CPU profiler; test/bench/profile-top.js reads it
 *
 * Prints, on stdout, one line per vendor, N and parallelism, then the memory line:
 *   bench <vendor> n=<N> latency=<ms> parallel=<P> node_ms=<..> n8n_client_ms=<..> ratio_n8n_client=<node/n8n client>
 *     ms_per_payment=<node_ms/N> busy_ms_per_item=<node> n8n_client_busy_ms_per_item=<..> extra_cpu_ms_per_item=<node-n8n client>
 *     raw_ms=<..> ratio=<node/raw> [raw_keepalive_ms=<..> ratio_keepalive=<..>] sign_ons=<..> requests_per_payment=<..>
 *   bench flat <vendor> parallel=10 ms_per_payment n=<N>:<..>,... change_vs_n1000=<..%>
 *   bench memory n=<N> heap_growth_mb=<..> held_after_run_mb=<..> held_without_output_mb=<..> items_out=<..>
 * Every figure is measured in the run (sign_ons and requests_per_payment are the simulator's
 * counts). Adding a vendor is one entry in VENDORS.
 *
 * The baselines send the very requests the node sent, at the same parallelism:
 * - n8n_client_ms (the ratio_n8n_client baseline, the floor for any n8n node): the request options
 *   the node handed to n8n (recorded where n8n authenticates them, before the credential is
 *   applied) sent in a plain loop by a bench-only node through n8n's own
 *   `this.helpers.httpRequestWithAuthentication` with the vendor's credential, so that n8n's
 *   credential handling is in the floor too; CRM.COM and EVO with their session token filled
 *   (one sign-on, timed, before the loop).
 * - raw_ms (information): a plain Node HTTP loop opening a new connection per request, as n8n
 *   2.41's helper does (it builds new HTTP agents for every request).
 * - raw_keepalive_ms (information, --baselines ...,keepalive): the same loop with keep-alive.
 * busy_ms_per_item is the main thread's busy time (event loop utilization) per payment, the CPU
 * the run cost it; on a machine shared with other jobs it includes time the thread was ready but
 * not scheduled. extra_cpu_ms_per_item is the node's busy time per payment over n8n's client's.
 *
 * CNBS's combined mode (cnbsWebArCombined) always pays 100 documents in one run, one request
 * (requests_per_payment 0.01); its batch size and the N plan do not apply.
 *
 * The simulator runs in a worker thread of its own, as a vendor runs on a machine of its own:
 * its work (parsing, ledger) does not take CPU time from the node or from the baselines.
 */
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { CredentialStore, HarnessCredentialsHelper, loadPackage, runNode } from '../harness';
import type { RecordedRequest } from '../simulators/framework';

import type { RawSender, VendorBench } from './vendors';
import { VENDORS } from './vendors';

const PACKAGE_DIR = process.env.PACKAGE_DIR ?? path.resolve(__dirname, '..', '..');

// ---- the plain HTTP loop -----------------------------------------------------------------------

/** Headers a client sets per connection, not per request: not replayed. */
const CONNECTION_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'accept-encoding', 'user-agent']);

function replayedHeaders(request: RecordedRequest): Record<string, string> {
	return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !CONNECTION_HEADERS.has(name)));
}

/** A plain Node HTTP client: every recorded header and the body, nothing else. */
function rawSender(baseUrl: string, agent: http.Agent): RawSender {
	const { hostname, port } = new URL(baseUrl);
	return (request) =>
		new Promise((resolve, reject) => {
			const query = new URLSearchParams(request.query).toString();
			const req = http.request(
				{ hostname, port, method: request.method, path: `${request.path}${query ? `?${query}` : ''}`, headers: replayedHeaders(request), agent },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => {
						const body = Buffer.concat(chunks).toString('utf8');
						if ((res.statusCode ?? 0) >= 300) reject(new Error(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`));
						else resolve(body);
					});
					res.on('error', reject);
				},
			);
			req.on('error', reject);
			req.end(request.body);
		});
}

// ---- n8n's own client: the request options the node handed to n8n, sent again by a bench node ----

/**
 * While set, every request option object a node hands to n8n's httpRequestWithAuthentication is
 * kept, as n8n's credentials helper receives it to authenticate it (before the credential is
 * applied). Kept by reference (no copy while the node runs); copied before they are sent again.
 */
let recording: IHttpRequestOptions[] | undefined;
const authenticate = HarnessCredentialsHelper.prototype.authenticate;
HarnessCredentialsHelper.prototype.authenticate = async function (this: HarnessCredentialsHelper, ...args) {
	if (recording) recording.push(args[2] as IHttpRequestOptions);
	return await authenticate.apply(this, args);
};

/** What the loop node sends in its run (set before the run). */
let clientJob: { credentialType: string; requests: IHttpRequestOptions[]; parallel: number } | undefined;

/**
 * A bench-only node: sends `clientJob`'s requests through `this.helpers.httpRequestWithAuthentication`
 * with the vendor's credential, `parallel` at once (a sliding window): what any node sending the
 * same requests through n8n must at least spend.
 */
class N8nClientLoop implements INodeType {
	description: INodeTypeDescription;

	constructor(name: string, credentialType: string) {
		this.description = {
			displayName: 'Bench n8n Client Loop',
			name,
			group: ['transform'],
			version: 1,
			description: "Sends recorded requests through n8n's helper",
			defaults: { name: 'Client Loop' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			properties: [],
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const job = clientJob!;
		// Like the HTTP Request node: one request per input item, its answer as that item's output.
		const output: INodeExecutionData[] = [];
		let next = 0;
		const worker = async () => {
			while (next < job.requests.length) {
				const index = next++;
				const answer = (await this.helpers.httpRequestWithAuthentication.call(this, job.credentialType, job.requests[index])) as unknown;
				output[index] = { json: typeof answer === 'object' && answer !== null ? (answer as IDataObject) : { data: answer as string }, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(job.parallel, job.requests.length) }, worker));
		return [output];
	}
}

/** A request option object as the simulator would record it (for the vendor's isPayment). */
function asRecorded(options: IHttpRequestOptions): RecordedRequest {
	const url = /^https?:/i.test(options.url) ? options.url : `${options.baseURL ?? 'http://localhost'}${options.url}`;
	const body = options.body;
	return {
		method: String(options.method ?? 'GET').toUpperCase(),
		path: new URL(url).pathname,
		query: {},
		headers: Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)])),
		body: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body),
		json: typeof body === 'object' ? (body as IDataObject) : undefined,
		at: 0,
	} as RecordedRequest;
}

/** Sends the requests with `parallel` in flight at once (a sliding window), in order. */
async function sendAll(send: RawSender, requests: RecordedRequest[], parallel: number): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < requests.length) await send(requests[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(parallel, requests.length) }, worker));
}

// ---- the simulator, in a worker thread ------------------------------------------------------------

interface SimStats {
	payments: number;
	signOns: number;
	requests: number;
	recorded?: RecordedRequest[];
}

type SimCommand =
	| { op: 'start' }
	| { op: 'latency'; ms: number }
	| { op: 'load'; n: number }
	| { op: 'stats'; withRequests?: boolean }
	| { op: 'stop' };

/** The main thread's handle on a simulator running in a worker. */
class RemoteSimulator {
	private readonly worker: Worker;
	private nextId = 0;
	private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	baseUrl = '';

	constructor(vendor: VendorBench) {
		this.worker = new Worker(__filename, { workerData: { vendor: vendor.name }, env: process.env });
		this.worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
			const entry = this.waiting.get(id);
			this.waiting.delete(id);
			if (error !== undefined) entry?.reject(new Error(error));
			else entry?.resolve(value);
		});
	}

	async call<T>(command: SimCommand): Promise<T> {
		const id = this.nextId++;
		return await new Promise<T>((resolve, reject) => {
			this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.worker.postMessage({ id, command });
		});
	}

	async start(): Promise<void> {
		this.baseUrl = await this.call<string>({ op: 'start' });
	}

	async stop(): Promise<void> {
		await this.call({ op: 'stop' });
		await this.worker.terminate();
	}
}

/** The worker side: one simulator, driven by the main thread's commands. */
function serveSimulator(): void {
	const vendor = VENDORS.find((entry) => entry.name === (workerData as { vendor: string }).vendor)!;
	const sim = vendor.createSimulator();
	parentPort!.on('message', async ({ id, command }: { id: number; command: SimCommand }) => {
		try {
			let value: unknown;
			switch (command.op) {
				case 'start':
					value = await sim.start();
					break;
				case 'latency':
					sim.latencyMs = command.ms;
					break;
				case 'load':
					vendor.load(sim, command.n);
					break;
				case 'stats':
					value = {
						payments: vendor.payments(sim),
						signOns: vendor.signOns(sim),
						requests: sim.requests.length,
						...(command.withRequests ? { recorded: sim.requests } : {}),
					} satisfies SimStats;
					break;
				case 'stop':
					await sim.stop();
					break;
			}
			parentPort!.postMessage({ id, value });
		} catch (error) {
			parentPort!.postMessage({ id, error: (error as Error).message });
		}
	});
}

// ---- runs --------------------------------------------------------------------------------------

/** Main-thread busy time (ms) between two readings of the event loop's utilization. */
function busyMs(start: ReturnType<typeof performance.eventLoopUtilization>): number {
	return performance.eventLoopUtilization(start).active;
}

async function runThroughNode(vendor: VendorBench, sim: RemoteSimulator, n: number, parallel: number) {
	await sim.call({ op: 'load', n });
	const credentials = new CredentialStore({ [vendor.credentialType]: vendor.credentialData(sim.baseUrl) });
	const items = vendor.items(n);
	const startedAt = Date.now();
	const handed: IHttpRequestOptions[] = [];
	recording = handed;
	const elu = performance.eventLoopUtilization();
	const started = performance.now();
	const result = await runNode({
		nodeType: vendor.nodeType,
		packageDir: PACKAGE_DIR,
		credentials,
		items,
		parameters: { ...vendor.parameters, options: { batching: { batch: { batchSize: parallel, batchInterval: 0 } } } },
	});
	const ms = performance.now() - started;
	const busy = busyMs(elu);
	recording = undefined;
	if (result.error) throw new Error(`${vendor.name}: the node failed: ${result.error.message}`);
	const stats = await sim.call<SimStats>({ op: 'stats', withRequests: true });
	if (process.env.BENCH_DEBUG && stats.recorded?.length) {
		const times = stats.recorded.map((request) => request.at);
		console.error(
			`debug ${vendor.name} parallel=${parallel}: first request after ${times[0] - startedAt} ms, last request ${times[times.length - 1] - startedAt} ms, run ${Math.round(ms)} ms`,
		);
	}
	const failed = result.items.filter((item) => item.json.error !== undefined && item.json.error !== null);
	if (result.items.length !== n || stats.payments !== n || failed.length > 0) {
		throw new Error(
			`${vendor.name}: ${result.items.length} items out (${failed.length} not paid: ${JSON.stringify(failed[0]?.json ?? {}).slice(0, 300)}) and ${stats.payments} payments for ${n} items`,
		);
	}
	const payments = handed.filter((options) => vendor.isPayment(asRecorded(options))).map((options) => structuredClone(options));
	return { ms, busy, signOns: stats.signOns, requests: stats.requests, recorded: stats.recorded ?? [], payments };
}

/**
 * The plain Node loop: `new` opens a new connection for every request, as n8n 2.41's HTTP helper
 * does; `keepalive` reuses connections, which no n8n node can do through n8n's helper.
 */
type RawMode = 'new' | 'keepalive';

async function runRaw(vendor: VendorBench, sim: RemoteSimulator, n: number, parallel: number, recorded: RecordedRequest[], mode: RawMode) {
	await sim.call({ op: 'load', n });
	const agent = new http.Agent({ keepAlive: mode === 'keepalive', maxSockets: Infinity });
	const send = rawSender(sim.baseUrl, agent);
	const payments = recorded.filter(vendor.isPayment);
	const elu = performance.eventLoopUtilization();
	const started = performance.now();
	const adapt = vendor.rawSession ? await vendor.rawSession(send) : (request: RecordedRequest) => request;
	await sendAll(send, payments.map(adapt), parallel);
	const ms = performance.now() - started;
	const busy = busyMs(elu);
	agent.destroy();
	const stats = await sim.call<SimStats>({ op: 'stats' });
	if (stats.payments !== n) throw new Error(`${vendor.name}: the raw loop (${mode}) made ${stats.payments} payments for ${n} items`);
	return { ms, busy };
}

/**
 * The node's payment requests (as it handed them to n8n) through n8n's authenticated helper in a
 * plain loop, in n8n's engine like the node: see N8nClientLoop.
 */
async function runN8nClient(vendor: VendorBench, sim: RemoteSimulator, n: number, parallel: number, payments: IHttpRequestOptions[]) {
	await sim.call({ op: 'load', n });
	const pkg = await loadPackage(PACKAGE_DIR);
	const nodeType = `bench.n8nClient.${vendor.credentialType}`;
	pkg.nodeTypes.add(nodeType, new N8nClientLoop(nodeType, vendor.credentialType));
	const requests = payments.map((options) => structuredClone(options));
	const agent = new http.Agent({ keepAlive: false });
	const elu = performance.eventLoopUtilization();
	const started = performance.now();
	const data = vendor.credentialData(sim.baseUrl);
	// The session token filled, as a credential that signed on before holds it (the sign-on is timed).
	if (vendor.signOn) data.sessionToken = await vendor.signOn(rawSender(sim.baseUrl, agent));
	clientJob = { credentialType: vendor.credentialType, requests, parallel };
	// The same input items as the node's run: the engine's work on items in and out is in both.
	const result = await runNode({
		nodeType,
		packageDir: PACKAGE_DIR,
		credentials: new CredentialStore({ [vendor.credentialType]: data }),
		credentialType: vendor.credentialType,
		items: vendor.items(n),
		parameters: {},
	});
	const ms = performance.now() - started;
	const busy = busyMs(elu);
	clientJob = undefined;
	agent.destroy();
	if (result.error) throw new Error(`${vendor.name}: n8n's client loop failed: ${result.error.message}`);
	const stats = await sim.call<SimStats>({ op: 'stats' });
	if (stats.payments !== n) throw new Error(`${vendor.name}: n8n's client loop made ${stats.payments} payments for ${n} items`);
	return { ms, busy };
}

/** One run of each: the node, n8n's client, the plain loop(s); prints the bench line. */
async function benchOne(vendor: VendorBench, sim: RemoteSimulator, n: number, latency: number, parallel: number, baselines: RawMode[]) {
	const mark = (what: string) => process.env.BENCH_MARKS && console.error(`mark ${what} ${process.hrtime.bigint() / 1000n}`);
	mark('node');
	const node = await runThroughNode(vendor, sim, n, parallel);
	mark('client');
	if (process.argv.includes('--node-only')) {
		// For a CPU profile of the node's path alone: no baseline is run.
		console.log(`bench ${vendor.name} n=${n} latency=${latency} parallel=${parallel} node_ms=${Math.round(node.ms)} busy_ms_per_item=${(node.busy / n).toFixed(2)}`);
		return node.ms / n;
	}
	const client = await runN8nClient(vendor, sim, n, parallel, node.payments);
	mark('end');
	const perItem = (ms: number) => ms / n;
	const fixed = (value: number) => value.toFixed(2);
	let raw = '';
	for (const mode of baselines) {
		const other = await runRaw(vendor, sim, n, parallel, node.recorded, mode);
		raw +=
			mode === 'new'
				? ` raw_ms=${Math.round(other.ms)} ratio=${fixed(node.ms / other.ms)} raw_busy_ms_per_item=${fixed(perItem(other.busy))}`
				: ` raw_keepalive_ms=${Math.round(other.ms)} ratio_keepalive=${fixed(node.ms / other.ms)}`;
	}
	console.log(
		`bench ${vendor.name} n=${n} latency=${latency} parallel=${parallel} node_ms=${Math.round(node.ms)} n8n_client_ms=${Math.round(client.ms)} ratio_n8n_client=${fixed(node.ms / client.ms)}` +
			` ms_per_payment=${(node.ms / n).toFixed(3)} busy_ms_per_item=${fixed(perItem(node.busy))} n8n_client_busy_ms_per_item=${fixed(perItem(client.busy))}` +
			` extra_cpu_ms_per_item=${fixed(perItem(node.busy - client.busy))}${raw} sign_ons=${node.signOns} requests_per_payment=${(node.requests / n).toFixed(2)}`,
	);
	return node.ms / n;
}

/** The runs of one vendor: `plan` is a list of [N, parallel]. */
async function benchVendor(vendor: VendorBench, plan: Array<[number, number]>, latency: number, baselines: RawMode[]): Promise<void> {
	const sim = new RemoteSimulator(vendor);
	await sim.start();
	if (vendor.fixedN !== undefined) plan = (vendor.fixedParallel ?? [1]).map((parallel) => [vendor.fixedN!, parallel]);
	try {
		// Warm-up (loads the package, JIT): not measured.
		const warm = await runThroughNode(vendor, sim, Math.min(100, plan[0][0]), 10);
		await runN8nClient(vendor, sim, Math.min(100, plan[0][0]), 10, warm.payments);
		for (const mode of baselines) await runRaw(vendor, sim, Math.min(100, plan[0][0]), 10, warm.recorded, mode);
		await sim.call({ op: 'latency', ms: latency });
		const flat: Array<[number, number]> = [];
		for (const [n, parallel] of plan) {
			const msPerPayment = await benchOne(vendor, sim, n, latency, parallel, baselines);
			if (parallel === 10) flat.push([n, msPerPayment]);
		}
		const base = flat.find(([n]) => n === 1000);
		if (flat.length > 1 && base) {
			const worst = Math.max(...flat.map(([, ms]) => Math.abs(ms / base[1] - 1)));
			console.log(
				`bench flat ${vendor.name} parallel=10 ms_per_payment ${flat.map(([n, ms]) => `n=${n}:${ms.toFixed(3)}`).join(',')} change_vs_n1000=${(worst * 100).toFixed(1)}%`,
			);
		}
	} finally {
		await sim.stop();
	}
}

/** 100,000 dry runs of Cloud Commerce Pro's Create Payment: nothing is sent, every item is output. */
async function benchMemory(n: number): Promise<void> {
	const vendor = VENDORS[0];
	const sim = new RemoteSimulator(vendor);
	await sim.start();
	try {
		const credentials = new CredentialStore({ [vendor.credentialType]: vendor.credentialData(sim.baseUrl) });
		const items = vendor.items(n);
		const parameters = { ...vendor.parameters, options: { dryRun: true, batching: { batch: { batchSize: 10 } } } };
		// A first small run loads the package and n8n's engine, so that what they keep for the
		// process is not counted as the run's.
		await runNode({ nodeType: vendor.nodeType, packageDir: PACKAGE_DIR, credentials, items: vendor.items(10), parameters });
		const gc = (globalThis as { gc?: () => void }).gc;
		gc?.();
		const before = process.memoryUsage().heapUsed;
		// The highest heap seen during the run (garbage not yet collected included), sampled.
		let peak = before;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().heapUsed);
		}, 20);
		const started = performance.now();
		let result: Awaited<ReturnType<typeof runNode>> | undefined = await runNode({
			nodeType: vendor.nodeType,
			packageDir: PACKAGE_DIR,
			credentials,
			items,
			parameters,
		});
		const runMs = performance.now() - started;
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().heapUsed);
		gc?.();
		const after = process.memoryUsage().heapUsed;
		if (result.error) throw new Error(`memory run failed: ${result.error.message}`);
		const lost = result.items.filter((item, index) => item.pairedItem === undefined || (item.pairedItem as { item: number }).item !== index);
		const { requests } = await sim.call<SimStats>({ op: 'stats' });
		if (lost.length > 0 || requests > 0) throw new Error(`memory run: ${lost.length} items out of place, ${requests} requests sent`);
		// heap_growth_mb is the peak during the run over the heap before it: the stricter figure.
		const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
		// held_after_run_mb: what is still reachable after the run (the result, with its output items);
		// held_without_output_mb: the same once the result is let go: what the run left behind itself.
		const itemsOut = result.items.length;
		result = undefined;
		gc?.();
		const released = process.memoryUsage().heapUsed;
		console.log(
			`bench memory n=${n} heap_growth_mb=${mb(peak - before)} held_after_run_mb=${mb(after - before)} held_without_output_mb=${mb(released - before)} items_out=${itemsOut} ms_per_dry_run_item=${(runMs / n).toFixed(3)}`,
		);
	} finally {
		await sim.stop();
	}
}

function argument(name: string, fallback: string): string {
	const args = process.argv.slice(2);
	const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
	if (at < 0) return fallback;
	return args[at].includes('=') ? args[at].slice(args[at].indexOf('=') + 1) : (args[at + 1] ?? fallback);
}

const numbers = (text: string) => text.split(',').filter(Boolean).map(Number);

async function main(): Promise<void> {
	const latency = Number(argument('latency', '20'));
	const only = argument('vendors', VENDORS.map((vendor) => vendor.name).join(',')).split(',');
	const flags = process.argv.slice(2);
	const given = flags.some((arg) => /^--(n|parallel)(=|$)/.test(arg));
	// The issue's plan: parallel 1, 10, 50 at N = 1,000, and N = 100 and 10,000 at parallel 10.
	const plan: Array<[number, number]> = given
		? numbers(argument('n', '1000')).flatMap((n) => numbers(argument('parallel', '10')).map((parallel): [number, number] => [n, parallel]))
		: [
				[1000, 1],
				[1000, 10],
				[1000, 50],
				[100, 10],
				[10000, 10],
			];
	if (!flags.includes('--only-memory')) {
		const baselines = argument('baselines', 'n8n,new')
			.split(',')
			.filter((mode): mode is RawMode => mode === 'new' || mode === 'keepalive');
		for (const vendor of VENDORS.filter((entry) => only.includes(entry.name))) await benchVendor(vendor, plan, latency, baselines);
	}
	if (!flags.includes('--no-memory')) await benchMemory(Number(argument('memory-n', '100000')));
}

if (isMainThread) {
	main().catch((error: Error) => {
		console.error(error.stack ?? error.message);
		process.exitCode = 1;
	});
} else {
	serveSimulator();
}
