/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code: runs in Node and jest, never ships to n8n */
/**
 * `npm run soak`: 10,000 payments across the five vendors (vendor node and Pay Invoice in turn,
 * batch size 10, Continue On Fail) against the simulators with 5 % of the payment requests
 * faulted (timeouts before and after processing, resets before and after, 500, 503 and 429 with
 * Retry-After, HTML pages, malformed bodies, expired tokens). Every item must be accounted for
 * (paid, skipped, or failed with a reason) and no invoice paid twice; an item reported paid must
 * be in the ledger. Prints the counts, the time and the peak memory; exits 1 on a double payment,
 * a lost item or a paid item missing from the ledger. Run through test/soak/run.js.
 *
 *   npm run soak -- --n 10000 --fault-rate 0.05 --run-size 500 --batch 10 --seed 14
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault, RecordedRequest, VendorSimulator } from '../simulators/framework';
import { runPay } from '../faults/recorder';
import type { NodeKind, VendorEntry } from '../faults/vendors';
import { VENDORS } from '../faults/vendors';

function argument(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const TOTAL = argument('n', 10000);
const FAULT_RATE = argument('fault-rate', 0.05);
const RUN_SIZE = argument('run-size', 500);
const BATCH = argument('batch', 10);
const SEED = argument('seed', 14);
const PACKAGE_DIR = process.env.PACKAGE_DIR;
/** The node's Timeout option (its smallest value): a hung payment fails after it. */
const TIMEOUT_MS = 1000;

/** A small seeded generator (mulberry32), so that a soak run can be repeated exactly. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FAULTS: Array<{ name: string; fault?: Fault; expire?: true }> = [
	{ name: 'timeout before processing', fault: { kind: 'hang', beforeProcessing: true } },
	{ name: 'timeout after processing', fault: { kind: 'hang' } },
	{ name: 'reset before processing', fault: { kind: 'reset' } },
	{ name: 'reset after processing', fault: { kind: 'reset', afterProcessing: true } },
	{ name: '500', fault: { kind: 'status', status: 500 } },
	{ name: '503 Retry-After', fault: { kind: 'status', status: 503, retryAfter: 0 } },
	{ name: '429 Retry-After', fault: { kind: 'status', status: 429, retryAfter: 0 } },
	{ name: 'HTML page', fault: { kind: 'html', status: 502 } },
	{ name: 'malformed body', fault: { kind: 'malformed' } },
	{ name: 'expired token', expire: true },
];

/** Queues the faults: each payment request draws once whether it is faulted, and with which. */
function injectFaults(sim: VendorSimulator, vendor: VendorEntry, rng: () => number, injected: Map<string, number>): void {
	const kinds = FAULTS.filter((entry) => !entry.expire || vendor.expireTokens);
	const drawn = new WeakMap<RecordedRequest, string | undefined>();
	const draw = (request: RecordedRequest): string | undefined => {
		if (!drawn.has(request)) {
			let choice: string | undefined;
			if (vendor.isPayment(request) && rng() < FAULT_RATE) {
				const entry = kinds[Math.floor(rng() * kinds.length)];
				choice = entry.name;
				injected.set(choice, (injected.get(choice) ?? 0) + 1);
				// The token expires as this payment arrives: the vendor refuses it unprocessed.
				if (entry.expire) vendor.expireTokens!(sim);
			}
			drawn.set(request, choice);
		}
		return drawn.get(request);
	};
	for (const entry of kinds) {
		if (entry.fault) sim.fail(entry.fault, { times: Number.MAX_SAFE_INTEGER, when: (request) => draw(request) === entry.name });
	}
}

interface Tally {
	items: number;
	paid: number;
	skipped: number;
	failed: number;
	failedUnknown: number;
	lost: number;
	doublePaid: number;
	paidNotInLedger: number;
	ledgerPayments: number;
	reasons: Map<string, number>;
}

async function soakVendor(vendor: VendorEntry, count: number, rng: () => number, tally: Tally, injected: Map<string, number>): Promise<void> {
	const sim = vendor.create();
	await sim.start();
	try {
		injectFaults(sim, vendor, rng, injected);
		const invoices = vendor.load(sim, count);
		for (let start = 0, run = 0; start < invoices.length; start += RUN_SIZE, run++) {
			const slice = invoices.slice(start, start + RUN_SIZE);
			const kind: NodeKind = run % 2 === 0 ? 'vendorNode' : 'payInvoice';
			const result = await runPay(vendor, kind, sim, {
				items: slice.map((invoice) => invoice.item),
				batchSize: BATCH,
				options: { timeout: TIMEOUT_MS },
				label: `soak ${vendor.key}`,
				packageDir: PACKAGE_DIR,
			});
			if (result.error) throw new Error(`${vendor.name} ${kind}: the node failed as a whole: ${result.error.message}`);
			const outputs = new Map<number, IDataObject>();
			for (const item of result.items) {
				const paired = item.pairedItem as { item: number } | undefined;
				if (paired && !outputs.has(paired.item)) outputs.set(paired.item, item.json);
			}
			const ledger = new Map<string, number>();
			for (const ref of vendor.paidRefs(sim)) ledger.set(ref, (ledger.get(ref) ?? 0) + 1);
			slice.forEach((invoice, index) => {
				tally.items++;
				const json = outputs.get(index);
				const status = String(json?.status ?? '');
				if (!json) tally.lost++;
				else if (json.error !== undefined && json.error !== null && String(json.error).trim() !== '') {
					tally.failed++;
					if (/may have reached the vendor/.test(String(json.errorDescription ?? ''))) tally.failedUnknown++;
					const reason = String(json.error).replace(/\d{2,}|"[^"]*"/g, '#').slice(0, 90);
					tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + 1);
				} else if (status === 'paid') {
					tally.paid++;
					if ((ledger.get(invoice.ref) ?? 0) !== 1) tally.paidNotInLedger++;
				} else if (status.startsWith('skipped')) tally.skipped++;
				else tally.lost++;
			});
		}
		const ledger = new Map<string, number>();
		for (const ref of vendor.paidRefs(sim)) ledger.set(ref, (ledger.get(ref) ?? 0) + 1);
		for (const times of ledger.values()) if (times > 1) tally.doublePaid++;
		tally.ledgerPayments += vendor.paidRefs(sim).length;
		if (sim.handlerErrors.length) throw new Error(`${vendor.name} simulator errors: ${sim.handlerErrors[0].message}`);
	} finally {
		await sim.stop();
	}
}

async function main(): Promise<void> {
	const rng = random(SEED);
	const tally: Tally = {
		items: 0,
		paid: 0,
		skipped: 0,
		failed: 0,
		failedUnknown: 0,
		lost: 0,
		doublePaid: 0,
		paidNotInLedger: 0,
		ledgerPayments: 0,
		reasons: new Map(),
	};
	const injected = new Map<string, number>();
	let peakRss = 0;
	let peakHeap = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	};
	const sampler = setInterval(sample, 50);
	const started = Date.now();
	const perVendor = Math.floor(TOTAL / VENDORS.length);
	try {
		for (const [index, vendor] of VENDORS.entries()) {
			const count = index === VENDORS.length - 1 ? TOTAL - perVendor * (VENDORS.length - 1) : perVendor;
			const before = { ...tally };
			const vendorStart = Date.now();
			await soakVendor(vendor, count, rng, tally, injected);
			console.log(
				`soak ${vendor.key} items=${tally.items - before.items} paid=${tally.paid - before.paid} skipped=${tally.skipped - before.skipped} failed=${tally.failed - before.failed} lost=${tally.lost - before.lost} double_paid=${tally.doublePaid - before.doublePaid} ms=${Date.now() - vendorStart}`,
			);
		}
	} finally {
		clearInterval(sampler);
		sample();
	}
	const seconds = (Date.now() - started) / 1000;
	const injectedTotal = [...injected.values()].reduce((a, b) => a + b, 0);
	console.log(`soak faults_injected=${injectedTotal} ${[...injected].map(([name, n]) => `"${name}"=${n}`).join(' ')}`);
	console.log(`soak failure reasons (grouped):`);
	for (const [reason, n] of [...tally.reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${n} x ${reason}`);
	console.log(
		`soak total items=${tally.items} paid=${tally.paid} skipped=${tally.skipped} failed=${tally.failed} (outcome unknown, check before paying again: ${tally.failedUnknown}) lost=${tally.lost} double_paid=${tally.doublePaid} paid_not_in_ledger=${tally.paidNotInLedger} ledger_payments=${tally.ledgerPayments} seconds=${seconds.toFixed(1)} peak_rss_mb=${(peakRss / 1048576).toFixed(0)} peak_heap_mb=${(peakHeap / 1048576).toFixed(0)}`,
	);
	const accounted = tally.paid + tally.skipped + tally.failed === TOTAL && tally.items === TOTAL;
	if (!accounted || tally.lost > 0 || tally.doublePaid > 0 || tally.paidNotInLedger > 0) {
		console.error('soak FAILED: an item is lost, or an invoice was paid twice, or a paid item is not in the ledger');
		process.exitCode = 1;
	} else {
		console.log('soak OK: every item accounted for, 0 paid twice');
	}
}

main().catch((error: Error) => {
	console.error(`soak FAILED: ${error.stack ?? error.message}`);
	process.exitCode = 1;
});
