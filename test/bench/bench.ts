/**
 * `npm run bench`: the package's vendor nodes in n8n's engine against a plain HTTP loop sending
 * the same requests at the same parallelism, against the simulators with a set latency; and a
 * memory run of 100,000 cheap items. Run through test/bench/run.js (esbuild bundle, then node).
 *
 *   npm run bench -- --n 1000 --latency 20 --parallel 1,10,50 --vendors cloudCommercePro,crmCom
 *                    --memory-n 100000 --no-memory --only-memory
 *
 * Prints, on stdout, one line per vendor and batch size, then the memory line:
 *   bench <vendor> n=<N> latency=<ms> parallel=<P> node_ms=<..> raw_ms=<..> ratio=<node/raw> sign_ons=<..> requests_per_payment=<..>
 *   bench memory n=<N> heap_growth_mb=<..> items_out=<..>
 * Every figure is measured in the run. Adding a vendor is one entry in VENDORS.
 *
 * The simulator runs in a worker thread of its own, as a vendor runs on a machine of its own:
 * its work (parsing, ledger) does not take CPU time from the node or from the raw loop.
 */
import * as http from 'node:http';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness';
import { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import { CrmComSimulator } from '../simulators/crmCom';
import type { RecordedRequest, VendorSimulator } from '../simulators/framework';
import {
	DEMO_CCP_BRAND_ID,
	DEMO_CCP_SECURITY_HASH,
	DEMO_CRM_ACCOUNTS_RECEIVABLE,
	DEMO_CRM_ORGANISATION,
	DEMO_CRM_PASSWORD,
	DEMO_CRM_USERNAME,
	DEMO_CRM_WEB_API_KEY,
} from '../simulators/serve';

const PACKAGE_DIR = process.env.BENCH_PACKAGE_DIR ?? path.resolve(__dirname, '..', '..');

/** One vendor node in the benchmark. */
interface VendorBench {
	/** The name printed after `bench`. */
	name: string;
	nodeType: string;
	credentialType: string;
	createSimulator(): VendorSimulator;
	/** Resets the simulator and loads `n` open invoices, one per payment. */
	load(sim: VendorSimulator, n: number): void;
	/** The credential data pointing at the simulator (no session token: a run signs on itself). */
	credentialData(baseUrl: string): ICredentialDataDecryptedObject;
	/** Node parameters paying the invoice of each item; `items(n)` gives the items. */
	parameters: INodeParameters;
	items(n: number): IDataObject[];
	/** Sign-ons the simulator saw (0 for a vendor without sessions). */
	signOns(sim: VendorSimulator): number;
	/** Payments the simulator's ledger holds. */
	payments(sim: VendorSimulator): number;
	/** Is this recorded request a payment (the raw loop replays those)? */
	isPayment(request: RecordedRequest): boolean;
	/**
	 * What a plain client does once before paying (e.g. sign on) and how it then adapts a
	 * recorded payment request (e.g. its own token). Default: nothing, send as recorded.
	 */
	rawSession?(send: RawSender): Promise<(request: RecordedRequest) => RecordedRequest>;
}

const VENDORS: VendorBench[] = [
	{
		name: 'cloudCommercePro',
		nodeType: 'cloudCommercePro',
		credentialType: 'cloudCommerceProApi',
		createSimulator: () => new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH }),
		load(sim, n) {
			sim.reset();
			for (let i = 0; i < n; i++) {
				(sim as CloudCommerceProSimulator).addInvoice({
					orderId: 100000 + i,
					invoiceId: 200000 + i,
					salesChannelId: 36,
					customerId: 96354316,
					netAmount: '10.00',
					vatAmount: '2.00',
					amount: '12.00',
				});
			}
		},
		credentialData: (baseUrl) => ({
			environment: 'custom',
			customUrl: baseUrl,
			brandId: DEMO_CCP_BRAND_ID,
			securityHash: DEMO_CCP_SECURITY_HASH,
		}),
		parameters: {
			resource: 'payment',
			operation: 'create',
			intInvoiceID: '={{ $json.invoice }}',
			intSalesChannelID: '36',
			strPaymentReference: '=Bench {{ $json.invoice }}',
			dbPaymentAmount: '12.00',
			intCustomerID: '96354316',
			dtPaymentDate: '2021-10-22T12:01:44',
			TransactionTypeID: 'Invoice',
		},
		items: (n) => Array.from({ length: n }, (_, i) => ({ invoice: 200000 + i })),
		signOns: () => 0,
		payments: (sim) => (sim as CloudCommerceProSimulator).payments.length,
		isPayment: (request) => request.path === '/CCPApiPaymentService.svc',
	},
	{
		name: 'crmCom',
		nodeType: 'crmCom',
		credentialType: 'crmComApi',
		createSimulator: () =>
			new CrmComSimulator({
				username: DEMO_CRM_USERNAME,
				password: DEMO_CRM_PASSWORD,
				organisation: DEMO_CRM_ORGANISATION,
				webApiKey: DEMO_CRM_WEB_API_KEY,
			}),
		load(sim, n) {
			sim.reset();
			for (let i = 0; i < n; i++) {
				(sim as CrmComSimulator).addInvoice({
					number: `B${i}`,
					reference_number: String(500000 + i),
					total_amount: '12.00',
					outstanding_amount: '12.00',
					accounts_receivable: DEMO_CRM_ACCOUNTS_RECEIVABLE,
				});
			}
		},
		credentialData: (baseUrl) => ({
			serverUrl: baseUrl,
			authMethod: 'password',
			username: DEMO_CRM_USERNAME,
			password: DEMO_CRM_PASSWORD,
			organisation: DEMO_CRM_ORGANISATION,
		}),
		parameters: {
			resource: 'payment',
			operation: 'payInvoice',
			invoice_identifier: { __rl: true, mode: 'number', value: '={{ $json.invoice }}' },
			accounts_receivable_identifier: { __rl: true, mode: 'number', value: '192' },
			type_identifier: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
			payment_method_identifier: { __rl: true, mode: 'name', value: 'Direct Debit' },
		},
		items: (n) => Array.from({ length: n }, (_, i) => ({ invoice: `B${i}` })),
		signOns: (sim) => (sim as CrmComSimulator).signIns,
		payments: (sim) => (sim as CrmComSimulator).payments.length,
		isPayment: (request) => request.path.endsWith('/payments/pay_invoice'),
		async rawSession(send) {
			// A plain client signs on once and pays with its token.
			const answer = await send({
				method: 'POST',
				path: '/crmapi/rest/v2/authentication/token',
				query: {},
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: DEMO_CRM_USERNAME, password: DEMO_CRM_PASSWORD, organisation: DEMO_CRM_ORGANISATION }),
				at: 0,
			});
			const token = (JSON.parse(answer) as { data: { token: string } }).data.token;
			return (request) => ({ ...request, body: JSON.stringify({ ...(request.json as IDataObject), token }) });
		},
	},
];

// ---- the plain HTTP loop -----------------------------------------------------------------------

type RawSender = (request: RecordedRequest) => Promise<string>;

function rawSender(baseUrl: string, agent: http.Agent): RawSender {
	const { hostname, port } = new URL(baseUrl);
	return (request) =>
		new Promise((resolve, reject) => {
			const query = new URLSearchParams(request.query).toString();
			const headers: Record<string, string> = { 'content-type': request.headers['content-type'] ?? 'application/json' };
			if (request.headers.soapaction) headers.soapaction = request.headers.soapaction;
			const req = http.request(
				{ hostname, port, method: request.method, path: `${request.path}${query ? `?${query}` : ''}`, headers, agent },
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

async function runThroughNode(vendor: VendorBench, sim: RemoteSimulator, n: number, parallel: number) {
	await sim.call({ op: 'load', n });
	const credentials = new CredentialStore({ [vendor.credentialType]: vendor.credentialData(sim.baseUrl) });
	const items = vendor.items(n);
	const startedAt = Date.now();
	const started = performance.now();
	const result = await runNode({
		nodeType: vendor.nodeType,
		packageDir: PACKAGE_DIR,
		credentials,
		items,
		parameters: { ...vendor.parameters, options: { batching: { batch: { batchSize: parallel, batchInterval: 0 } } } },
	});
	const ms = performance.now() - started;
	if (result.error) throw new Error(`${vendor.name}: the node failed: ${result.error.message}`);
	const stats = await sim.call<SimStats>({ op: 'stats', withRequests: true });
	if (process.env.BENCH_DEBUG && stats.recorded?.length) {
		const times = stats.recorded.map((request) => request.at);
		console.error(
			`debug ${vendor.name} parallel=${parallel}: first request after ${times[0] - startedAt} ms, last request ${times[times.length - 1] - startedAt} ms, run ${Math.round(ms)} ms`,
		);
	}
	if (result.items.length !== n || stats.payments !== n) {
		throw new Error(`${vendor.name}: ${result.items.length} items out and ${stats.payments} payments for ${n} items`);
	}
	return { ms, signOns: stats.signOns, requests: stats.requests, recorded: stats.recorded ?? [] };
}

async function runRaw(vendor: VendorBench, sim: RemoteSimulator, n: number, parallel: number, recorded: RecordedRequest[]) {
	await sim.call({ op: 'load', n });
	const agent = new http.Agent({ keepAlive: process.env.BENCH_RAW_NEW_CONNECTIONS !== "1", maxSockets: Infinity });
	const send = rawSender(sim.baseUrl, agent);
	const payments = recorded.filter(vendor.isPayment);
	const started = performance.now();
	const adapt = vendor.rawSession ? await vendor.rawSession(send) : (request: RecordedRequest) => request;
	await sendAll(send, payments.map(adapt), parallel);
	const ms = performance.now() - started;
	agent.destroy();
	const stats = await sim.call<SimStats>({ op: 'stats' });
	if (stats.payments !== n) throw new Error(`${vendor.name}: the raw loop made ${stats.payments} payments for ${n} requests`);
	return { ms };
}

async function benchVendor(vendor: VendorBench, n: number, latency: number, parallels: number[]): Promise<void> {
	const sim = new RemoteSimulator(vendor);
	await sim.start();
	try {
		// Warm-up (loads the package, JIT): not measured.
		const warm = await runThroughNode(vendor, sim, 100, 10);
		await runRaw(vendor, sim, 100, 10, warm.recorded);
		await sim.call({ op: 'latency', ms: latency });
		for (const parallel of parallels) {
			const node = await runThroughNode(vendor, sim, n, parallel);
			const raw = await runRaw(vendor, sim, n, parallel, node.recorded);
			console.log(
				`bench ${vendor.name} n=${n} latency=${latency} parallel=${parallel} node_ms=${Math.round(node.ms)} raw_ms=${Math.round(raw.ms)} ratio=${(node.ms / raw.ms).toFixed(2)} sign_ons=${node.signOns} requests_per_payment=${(node.requests / n).toFixed(2)}`,
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
		const gc = (globalThis as { gc?: () => void }).gc;
		gc?.();
		const before = process.memoryUsage().heapUsed;
		// The highest heap seen during the run (garbage not yet collected included), sampled.
		let peak = before;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().heapUsed);
		}, 20);
		const result = await runNode({
			nodeType: vendor.nodeType,
			packageDir: PACKAGE_DIR,
			credentials,
			items,
			parameters: { ...vendor.parameters, options: { dryRun: true, batching: { batch: { batchSize: 10 } } } },
		});
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
		console.log(`bench memory n=${n} heap_growth_mb=${mb(peak - before)} items_out=${result.items.length}`);
		console.error(`(memory: ${mb(after - before)} MB still held after the run, with its ${result.items.length} output items)`);
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

async function main(): Promise<void> {
	const n = Number(argument('n', '1000'));
	const latency = Number(argument('latency', '20'));
	const parallels = argument('parallel', '1,10,50').split(',').map(Number);
	const only = argument('vendors', VENDORS.map((vendor) => vendor.name).join(',')).split(',');
	const flags = process.argv.slice(2);
	if (!flags.includes('--only-memory')) {
		for (const vendor of VENDORS.filter((entry) => only.includes(entry.name))) await benchVendor(vendor, n, latency, parallels);
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
