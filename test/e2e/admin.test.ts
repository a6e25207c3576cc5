import { createCrmComDemo } from '../simulators/crmComDemo';
import { DEMO_VENDORS } from '../simulators/serve';
import type { VendorSimulator } from '../simulators/framework';
import { attachE2eAdmin, E2E_LEDGERS, type LedgerView, type SeededItem } from './ledgers';

/** The simulators' admin endpoint (/__sim/) that `npm run e2e` reads the ledgers through. */
describe('simulator admin endpoint', () => {
	let sim: VendorSimulator;
	afterEach(async () => sim?.stop());

	async function call(method: string, what: string, body?: unknown) {
		const res = await fetch(`${sim.baseUrl}/__sim/${what}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
		return { status: res.status, json: (await res.json()) as Record<string, unknown> };
	}

	it('seeds invoices, reports the ledger and sign-ons, and is not recorded as a vendor request', async () => {
		sim = createCrmComDemo();
		attachE2eAdmin('crmCom', sim);
		await sim.start();
		const seeded = (await call('POST', 'seed', { start: 1, count: 3, amount: '7.50' })).json.seeded as SeededItem[];
		expect(seeded).toHaveLength(3);
		expect(new Set(seeded.map((i) => i.key)).size).toBe(3);
		const ledger = await call('GET', 'ledger');
		expect(ledger.status).toBe(200);
		const view = ledger.json.ledger as LedgerView;
		expect(view.payments).toEqual([]);
		expect(view.signOns).toBe(0);
		expect(ledger.json.requests).toBe(0);
		expect(sim.requests).toHaveLength(0);
		// A vendor request is recorded and counted per path.
		await fetch(`${sim.baseUrl}/crmapi/rest/v2/authentication/token`, { method: 'POST', body: '{}' });
		const after = await call('GET', 'ledger');
		expect(after.json.requests).toBe(1);
		expect(Object.keys(after.json.paths as object)).toEqual(['/crmapi/rest/v2/authentication/token']);
		const log = await call('GET', 'requests?from=0');
		expect((log.json.requests as Array<{ path: string }>)[0].path).toBe('/crmapi/rest/v2/authentication/token');
	});

	it('queues and clears faults, resets, and refuses unknown calls', async () => {
		sim = createCrmComDemo();
		await sim.start();
		expect((await call('POST', 'faults', { fault: { kind: 'delay', ms: 1 }, times: 5 })).json.pendingFaults).toBe(5);
		expect((await call('POST', 'faults', { clear: true })).json.pendingFaults).toBe(0);
		expect((await call('POST', 'seed', {})).status).toBe(404); // no e2e view attached
		expect((await call('GET', 'nothing')).status).toBe(404);
		expect((await call('POST', 'reset', {})).status).toBe(200);
	});

	it('has an e2e ledger view for every demo vendor, and seeds each', async () => {
		for (const vendor of DEMO_VENDORS) {
			expect(E2E_LEDGERS[vendor.key]).toBeDefined();
			const s = vendor.create();
			attachE2eAdmin(vendor.key, s);
			const items = s.admin!.seed!({ start: 10, count: 2 }) as SeededItem[];
			expect(items).toHaveLength(2);
			const view = s.admin!.ledger!() as LedgerView;
			expect(Array.isArray(view.payments)).toBe(true);
		}
	});
});
