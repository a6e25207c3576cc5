import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PollHarness } from '../harness/run-poll';
import { CREDENTIAL, simulatorForSuite, storeFor } from '../evoSnap/fixtures';
import type { EvoSnapSimulator } from '../simulators/evoSnap';
import { DEMO_EVO_INVOICES } from '../simulators/evoSnapDemo';
import { NOT_THE_CLOCK } from './clock';

/**
 * EVO Snap* Trigger in n8n's engine (n8n-core's PollContext, static data stored as JSON between
 * polls) against the simulator over HTTP: state changes spread over pages and polls.
 */

const sim = simulatorForSuite();

afterEach(() => jest.useRealTimers());
const HOUR = 60 * 60 * 1000;

function trigger(event: string, options: IDataObject = {}, more: INodeParameters = {}): PollHarness {
	return new PollHarness({
		nodeType: 'evoSnapTrigger',
		credentialType: CREDENTIAL,
		credentials: storeFor(sim),
		parameters: { event, pollTimes: { item: [{ mode: 'everyMinute' }] }, options: options as INodeParameters, ...more },
	});
}

let serial = 0;
/** `count` invoices created just now (inside any look-back window). */
function create(target: EvoSnapSimulator, count: number, state = 'Pending'): string[] {
	const ids: string[] = [];
	// One clock reading for the batch: a later serial is always older, however slow the loop.
	const base = Date.now();
	for (let i = 0; i < count; i++) {
		serial++;
		const id = `E2E${String(serial).padStart(29, '0')}`;
		target.addInvoice({ InvoiceReferenceId: id, Amount: `${10 + (serial % 7)}.50`, InvoiceState: state, MerchantInvoiceId: `T${serial}`, CreatedDate: new Date(base - serial).toISOString().slice(0, 23) });
		ids.push(id);
	}
	return ids;
}

const ids = (events: IDataObject[]) => events.map((event) => String(event.InvoiceReferenceId));
const queries = () => sim.requestsTo((request) => request.path.endsWith('/Invoices/query'));

describe('EVO Snap* Trigger', () => {
	test('first poll takes note and emits nothing; later polls emit each payment once, across pages', async () => {
		const invoices = create(sim, 120); // three pages of 50
		const poller = trigger('invoicePaid');
		expect((await poller.poll('trigger', 'activate')).events).toEqual([]);
		expect(Object.keys(poller.nodeStaticData.seen as IDataObject)).toHaveLength(120);

		const paidNow = [invoices[3], invoices[60], invoices[119]]; // pages 1, 2 and 3
		for (const id of paidNow) sim.processOutOfBand(id);
		const before = queries().length;
		const second = await poller.poll();
		expect(queries().length - before).toBe(3); // every page read
		expect(ids(second.events).sort()).toEqual([...paidNow].sort());
		const event = second.events[0];
		expect(event.event).toBe('invoicePaid');
		expect(event.InvoiceState).toBe('Paid');
		// Key figures as decimal strings, the whole record kept.
		expect(typeof event.Amount).toBe('string');
		expect(event.Amount).toMatch(/^\d+\.50$/);
		expect(event.MerchantInvoiceId).toMatch(/^T\d+$/);
		expect((event.Order as IDataObject).CurrencyCode).toBe('USD');

		expect((await poller.poll()).events).toEqual([]);
	});

	test('Include Existing: the first poll emits the paid invoices inside the window; the demo\'s 2017 ones are outside it', async () => {
		const paid = create(sim, 2, 'Paid');
		create(sim, 2);
		const poller = trigger('invoicePaid', { includeExisting: true });
		const first = await poller.poll('trigger', 'activate');
		// In time order, the oldest first.
		expect(ids(first.events)).toEqual([paid[1], paid[0]]);
		expect(ids(first.events)).not.toContain(DEMO_EVO_INVOICES.paid);
		expect((await poller.poll()).events).toEqual([]);
	});

	test('a poll that fails on its second page emits nothing and loses nothing', async () => {
		const invoices = create(sim, 75);
		const poller = trigger('invoiceStateChanged');
		await poller.poll('trigger', 'activate');
		const stored = JSON.stringify(poller.staticData);
		sim.processOutOfBand(invoices[10]);
		sim.invoice(invoices[70])!.InvoiceState = 'Cancelled';
		sim.fail({ kind: 'status', status: 500 }, { when: (request) => request.path.endsWith('/query') && (request.json as IDataObject)?.PagingParameters !== undefined && ((request.json as IDataObject).PagingParameters as IDataObject).Page === 1 });
		await expect(poller.poll()).rejects.toThrow();
		expect(JSON.stringify(poller.staticData)).toBe(stored);

		const retried = await poller.poll();
		const byId = Object.fromEntries(retried.events.map((event) => [event.InvoiceReferenceId, event]));
		expect(Object.keys(byId).sort()).toEqual([invoices[10], invoices[70]].sort());
		expect(byId[invoices[10]]).toMatchObject({ event: 'invoiceStateChanged', oldState: 'Pending', newState: 'Paid' });
		expect(byId[invoices[70]]).toMatchObject({ oldState: 'Pending', newState: 'Cancelled' });
		expect((await poller.poll()).events).toEqual([]);
	});

	test('Invoice Created: new invoices once each, on whatever page they land', async () => {
		create(sim, 49);
		const poller = trigger('invoiceCreated');
		await poller.poll('trigger', 'activate');
		const added = create(sim, 3); // the 50th, 51st and 52nd: across the page boundary
		const second = await poller.poll();
		expect(ids(second.events).sort()).toEqual([...added].sort());
		expect(second.events.every((event) => event.event === 'invoiceCreated')).toBe(true);
		expect((await poller.poll()).events).toEqual([]);
	});

	test('manual mode ("Fetch Test Event") returns the latest few events and changes nothing', async () => {
		const invoices = create(sim, 10);
		const poller = trigger('invoiceCreated');
		const test = await poller.poll('manual', 'manual');
		expect(test.events.length).toBe(3);
		expect(ids(test.events)).toEqual([invoices[0], invoices[1], invoices[2]]); // the newest first
		expect(poller.nodeStaticData.seen).toBeUndefined();

		await poller.poll('trigger', 'activate');
		const stored = JSON.stringify(poller.staticData);
		sim.processOutOfBand(invoices[4]);
		const paidTest = trigger('invoicePaid');
		paidTest.staticData = JSON.parse(stored) as IDataObject;
		expect(ids((await paidTest.poll('manual', 'manual')).events)).toEqual([invoices[4]]);
		expect(JSON.stringify(paidTest.staticData)).toBe(stored);
	});

	test('the filters of Get Many are sent; the window is CreatedDateRange', async () => {
		create(sim, 2);
		const poller = trigger('invoiceCreated', { lookBackDays: 2 }, { filters: { CustomerReferenceId: 'D1342986EA7646148EF29AB1EDC7A170' } });
		await poller.poll('trigger', 'activate');
		const body = queries().at(-1)!.json as IDataObject;
		const parameters = body.QueryInvoiceParameters as IDataObject;
		expect(parameters.CustomerReferenceId).toBe('D1342986EA7646148EF29AB1EDC7A170');
		expect(parameters.InvoiceState).toBe('NotSet');
		const range = parameters.CreatedDateRange as IDataObject;
		const start = Date.parse(`${String(range.StartDateTime)}Z`);
		expect(Math.abs(Date.now() - 2 * 24 * HOUR - start)).toBeLessThan(60 * 1000);
	});

	test('1,000 polls: every event exactly once, a failed poll every 97th, static data bounded by the window', async () => {
		// n8n's clock and the simulator's move an hour per round (only Date is faked: timers run).
		let clock = Date.now();
		jest.useFakeTimers({ now: clock, doNotFake: NOT_THE_CLOCK });
		sim.tokenTtlMs = 10 * 365 * 24 * HOUR;
		const poller = trigger('invoiceStateChanged', { lookBackDays: 1 });
		await poller.poll('trigger', 'activate');
		const expected = new Map<string, number>();
		const emitted = new Map<string, number>();
		let maxEntries = 0;
		let maxBytes = 0;
		let failures = 0;
		for (let round = 1; round <= 1000; round++) {
			// An hour passes: invoices age, two are created, one or two change state.
			clock += HOUR;
			jest.setSystemTime(clock);
			// Invoices seen by an earlier poll, inside the window (a new one's first state is no change).
			const watched = sim.invoices.filter((record) => Date.parse(`${record.CreatedDate}Z`) > Date.now() - 23 * HOUR && record.InvoiceState === 'Pending');
			create(sim, 2);
			if (round % 3 === 0 && watched.length > 1) {
				const target = watched[round % watched.length];
				target.InvoiceState = round % 2 ? 'Cancelled' : 'Paid';
				expected.set(`${target.InvoiceReferenceId}:${target.InvoiceState}`, 1);
			}
			if (round % 97 === 0) {
				sim.fail({ kind: 'status', status: 503 }, { when: (request) => request.path.endsWith('/query') });
				await expect(poller.poll()).rejects.toThrow();
				failures++;
			}
			for (const event of (await poller.poll()).events) {
				const key = `${String(event.InvoiceReferenceId)}:${String(event.newState)}`;
				emitted.set(key, (emitted.get(key) ?? 0) + 1);
			}
			const entries = Object.keys(poller.nodeStaticData.seen as IDataObject).length;
			const inWindow = sim.invoices.filter((record) => Date.parse(`${record.CreatedDate}Z`) >= Date.now() - 24 * HOUR - 60 * 1000).length;
			expect(entries).toBeLessThanOrEqual(inWindow);
			maxEntries = Math.max(maxEntries, entries);
			maxBytes = Math.max(maxBytes, poller.staticDataBytes);
		}
		jest.useRealTimers();
		expect(failures).toBe(10);
		expect(emitted).toEqual(expected);
		expect(expected.size).toBeGreaterThan(300);
		// Two invoices an hour, a one-day window: about 48 entries, never the 2,000 created.
		expect(maxEntries).toBeLessThanOrEqual(50);
		// The README's bound: at most 100 bytes per entry.
		expect(maxBytes).toBeLessThan(50 * 100);
	}, 300000);
});
