/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
import * as net from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import type { Fault, VendorSimulator } from '../simulators/framework';
import { expectNoSecretsShown, runPay } from './recorder';
import type { Invoice, NodeKind, VendorEntry } from './vendors';
import { mentions, payRequestsFor, VENDORS } from './vendors';

/**
 * The fault matrix: the paying operation of each vendor node and of Pay Invoice, at batch size
 * 1 (3 invoices) and 10 (10 invoices), with one fault hitting the payment of the invoice in the
 * middle of the run, Continue On Fail on. Each case checks what every item reports, how many
 * payment requests the simulator received, and the ledger: the faulted invoice paid at most once
 * (exactly once where the vendor processed it), every other invoice paid exactly once.
 */

/** The node's Timeout option for the timeout cases (its smallest value). */
const TIMEOUT_MS = 1000;

/** What the item of the faulted invoice reports. */
type Report =
	| { status: 'paid' }
	/** Failed; `unknown`: the item says the payment may have reached the vendor and was not sent again. */
	| { status: 'failed'; error: RegExp; unknown: boolean };

interface FaultCase {
	name: string;
	/** Only for these vendors (default all). */
	vendors?: string[];
	/** Queues the fault for the payment of `target` (or changes the run); returns item overrides. */
	arm(sim: VendorSimulator, vendor: VendorEntry, target: Invoice, kind: NodeKind): { item?: IDataObject; report?: Report; sent?: boolean } | void;
	report: Report;
	/** The faulted invoice's payments in the ledger afterwards. */
	paid: 0 | 1;
	/** Payment requests for the faulted invoice the simulator received ('1+' = at least 2, renewed token). */
	requests: number | 'renewed';
}

const paymentOf = (vendor: VendorEntry, target: Invoice) => (request: Parameters<VendorEntry['isPayment']>[0]) =>
	vendor.isPayment(request) && mentions(request, target.ref);

const failOn = (fault: Fault) => (sim: VendorSimulator, vendor: VendorEntry, target: Invoice) => {
	sim.fail(fault, { when: paymentOf(vendor, target) });
};

const UNKNOWN = true;

const FAULTS: FaultCase[] = [
	{
		name: 'timeout before the vendor processed',
		arm: failOn({ kind: 'hang', beforeProcessing: true }),
		report: { status: 'failed', error: /No answer before the timeout/, unknown: UNKNOWN },
		paid: 0,
		requests: 1,
	},
	{
		name: 'timeout after the vendor processed (answer lost)',
		arm: failOn({ kind: 'hang' }),
		report: { status: 'failed', error: /No answer before the timeout/, unknown: UNKNOWN },
		paid: 1,
		requests: 1,
	},
	{
		name: 'reset before processing',
		arm: failOn({ kind: 'reset' }),
		report: { status: 'failed', error: /The connection was closed before an answer arrived/, unknown: UNKNOWN },
		paid: 0,
		requests: 1,
	},
	{
		name: 'reset after processing',
		arm: failOn({ kind: 'reset', afterProcessing: true }),
		report: { status: 'failed', error: /The connection was closed before an answer arrived/, unknown: UNKNOWN },
		paid: 1,
		requests: 1,
	},
	{
		name: 'HTTP 500',
		arm: failOn({ kind: 'status', status: 500 }),
		report: { status: 'failed', error: /HTTP 500|SOAP Fault: The server was unable to process the request due to an internal error\..*\[a:InternalServiceFault\]/, unknown: UNKNOWN },
		paid: 0,
		requests: 1,
	},
	{
		name: 'HTTP 503 with Retry-After',
		arm: failOn({ kind: 'status', status: 503, retryAfter: 1 }),
		report: { status: 'paid' },
		paid: 1,
		requests: 2,
	},
	{
		name: 'HTTP 429 with Retry-After',
		arm: failOn({ kind: 'status', status: 429, retryAfter: 1 }),
		report: { status: 'paid' },
		paid: 1,
		requests: 2,
	},
	{
		name: 'an HTML error page',
		arm: failOn({ kind: 'html', status: 502 }),
		report: { status: 'failed', error: /HTTP 502, an HTML page instead of an API answer: 502 Bad Gateway/, unknown: UNKNOWN },
		paid: 0,
		requests: 1,
	},
	{
		name: 'a malformed body',
		arm: failOn({ kind: 'malformed' }),
		report: { status: 'failed', error: /The answer was not (valid XML|JSON|a CRM\.COM API answer|a CNBS API answer)|answer to .* was not a result/, unknown: UNKNOWN },
		paid: 0,
		requests: 1,
	},
	{
		name: 'an expired token',
		vendors: ['crmCom', 'evoSnap'],
		arm(sim, vendor, target) {
			let expired = false;
			// The token expires as the faulted invoice's payment arrives: the vendor refuses it unprocessed.
			sim.fail({ kind: 'delay', ms: 0 }, {
				when: (request) => {
					if (!expired && paymentOf(vendor, target)(request)) {
						expired = true;
						vendor.expireTokens!(sim);
					}
					return false;
				},
			});
		},
		report: { status: 'paid' },
		paid: 1,
		requests: 'renewed',
	},
	{
		name: 'a vendor-level refusal',
		arm(sim, vendor, target, kind) {
			const refusal = vendor.refuse(sim, target, kind);
			return { item: refusal.item, report: { status: 'failed', error: refusal.message, unknown: false }, sent: refusal.sent };
		},
		report: { status: 'failed', error: /./, unknown: false },
		paid: 0,
		requests: 1,
	},
];

const BATCHES = [
	{ batchSize: 1, invoices: 3 },
	{ batchSize: 10, invoices: 10 },
];
const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];

const MAY_HAVE_REACHED = /may have reached the vendor\. It was not sent again: check the vendor before paying again/;

interface MatrixRow {
	label: string;
	vendor: VendorEntry;
	kind: NodeKind;
	batchSize: number;
	invoices: number;
	fault: FaultCase;
}

const ROWS: MatrixRow[] = [];
for (const vendor of VENDORS) {
	for (const kind of KINDS) {
		for (const batch of BATCHES) {
			for (const fault of FAULTS) {
				if (fault.vendors && !fault.vendors.includes(vendor.key)) continue;
				ROWS.push({ label: `${vendor.name} ${kind} batch ${batch.batchSize}: ${fault.name}`, vendor, kind, fault, ...batch });
			}
		}
	}
}

async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function failedText(json: IDataObject): string {
	return `${String(json.error)}\n${String(json.errorDescription ?? '')}`;
}

describe('the fault matrix', () => {
	afterAll(() => expectNoSecretsShown(1));

	test(`covers ${ROWS.length} cases (5 vendors x 2 nodes x 2 batch sizes x 10 faults, + an expired token for 2 vendors x 2 x 2), + 20 with the connection refused`, () => {
		expect(ROWS).toHaveLength(5 * 2 * 2 * 10 + 2 * 2 * 2);
	});

	test.concurrent.each(ROWS)('$label', async ({ vendor, kind, batchSize, invoices: n, fault }) => {
		const sim = vendor.create();
		await sim.start();
		try {
			const invoices = vendor.load(sim, n);
			const middle = Math.floor(n / 2);
			const target = invoices[middle];
			const armed = fault.arm(sim, vendor, target, kind) ?? {};
			const report = armed.report ?? fault.report;
			const items = invoices.map((invoice, index) => (index === middle && armed.item ? armed.item : invoice.item));

			const result = await runPay(vendor, kind, sim, {
				items,
				batchSize,
				options: { timeout: TIMEOUT_MS },
				label: `matrix ${vendor.key} ${kind} ${batchSize} ${fault.name}`,
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));

			// What every item reports.
			result.items.forEach((item, index) => {
				const json = item.json;
				if (index !== middle || report.status === 'paid') {
					expect({ index, status: json.status, error: json.error }).toEqual({ index, status: 'paid', error: null });
					return;
				}
				expect(json.status === undefined || json.status === 'failed').toBe(true);
				expect(String(json.error)).toMatch(report.error);
				if (report.unknown) expect(failedText(json)).toMatch(MAY_HAVE_REACHED);
				else expect(failedText(json)).not.toMatch(/may have reached/);
			});

			// The payment requests the simulator received: one per other invoice, and for the faulted one
			// once (never sent again), twice after a 429/503 (not processed), renewed once after an expired token.
			invoices.forEach((invoice, index) => {
				if (index === middle) return;
				const requests = payRequestsFor(vendor, sim, invoice.ref).length;
				// After the token expired, a payment already on its way with the old token is refused
				// unprocessed by the vendor too, and sent again once with the renewed token.
				const expected = fault.requests === 'renewed' && requests === 2 ? 2 : 1;
				expect({ invoice: invoice.ref, requests }).toEqual({ invoice: invoice.ref, requests: expected });
			});
			const targetRequests = payRequestsFor(vendor, sim, target.ref).length;
			if (armed.sent === false) expect(targetRequests).toBe(0);
			else if (armed.item) expect(targetRequests).toBeLessThanOrEqual(1);
			else if (fault.requests === 'renewed') expect(targetRequests).toBe(2);
			else expect(targetRequests).toBe(fault.requests);
			if (fault.requests === 'renewed') expect(vendor.signOns!(sim)).toBe(2);

			// The ledger: every other invoice paid exactly once, the faulted one at most once.
			const paid = vendor.paidRefs(sim);
			invoices.forEach((invoice, index) => {
				const times = paid.filter((ref) => ref === invoice.ref).length;
				expect({ invoice: invoice.ref, times }).toEqual({ invoice: invoice.ref, times: index === middle ? fault.paid : 1 });
			});
			expect(paid).toHaveLength(n - 1 + fault.paid);
			expect(sim.handlerErrors).toEqual([]);
		} finally {
			await sim.stop();
		}
	});

	describe.each(VENDORS)('connection refused ($name)', (vendor) => {
		test.concurrent.each(KINDS.flatMap((kind) => BATCHES.map((batch) => ({ kind, ...batch }))))(
			'$kind at batch size $batchSize: every item fails as not reachable, nothing paid',
			async ({ kind, batchSize, invoices: n }) => {
				const sim = vendor.create();
				await sim.start();
				const invoices = vendor.load(sim, batchSize === 1 ? 2 : n);
				await sim.stop();
				// The credential points at a port nobody listens on, for the whole run.
				const port = await closedPort();
				const result = await runPay(vendor, kind, sim, {
					items: invoices.map((invoice) => invoice.item),
					batchSize,
					credentialData: vendor.credentialData(`http://127.0.0.1:${port}`),
					label: `refused ${vendor.key} ${kind} ${batchSize}`,
				});
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(invoices.length);
				for (const item of result.items) {
					expect(String(item.json.error)).toMatch(/connection (to 127\.0\.0\.1:\d+ )?was refused/);
					// Nothing can have reached the vendor: no "check before paying again".
					expect(failedText(item.json)).not.toMatch(/may have reached/);
				}
				expect(sim.requests).toHaveLength(0);
				expect(vendor.paidRefs(sim)).toEqual([]);
			},
		);
	});
});
