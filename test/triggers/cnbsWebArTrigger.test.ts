import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PollHarness } from '../harness/run-poll';
import { CREDENTIAL, simulatorForSuite, storeFor } from '../cnbsWebAr/fixtures';
import { CnbsWebArSimulator } from '../simulators/cnbsWebAr';
import { DEMO_CNBS_CARD, DEMO_CNBS_COMPANY_CODE, DEMO_CNBS_PAYER } from '../simulators/cnbsWebArDemo';
import { NOT_THE_CLOCK } from './clock';

/**
 * CNBS WebAR Trigger in n8n's engine (n8n-core's PollContext, static data stored as JSON between
 * polls) against the simulator over HTTP: payments posted, documents cleared and created.
 */

const sim = simulatorForSuite();

afterEach(() => jest.useRealTimers());
const DAY = 24 * 60 * 60 * 1000;

function trigger(event: string, options: IDataObject = {}, more: INodeParameters = {}): PollHarness {
	return new PollHarness({
		nodeType: 'cnbsWebArTrigger',
		credentialType: CREDENTIAL,
		credentials: storeFor(sim),
		parameters: {
			event,
			payer_number: DEMO_CNBS_PAYER,
			company_code: DEMO_CNBS_COMPANY_CODE,
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			options: options as INodeParameters,
			...more,
		},
	});
}

let serial = 0;
/** `count` open documents of the demo payer posted today. */
function documents(count: number, amount = '25.40'): string[] {
	const numbers: string[] = [];
	for (let i = 0; i < count; i++) {
		serial++;
		const number = String(1600000000 + serial);
		sim.addDocument({
			document_number_finance: number,
			fiscal_year: 2026,
			payer_number: DEMO_CNBS_PAYER,
			company_code: DEMO_CNBS_COMPANY_CODE,
			total_amount: amount,
			posting_date: CnbsWebArSimulator.today(),
		});
		numbers.push(number);
	}
	return numbers;
}

const numbers = (events: IDataObject[]) => events.map((event) => String(event.document_number_finance));
const listCalls = (path: string) => sim.requestsTo((request) => request.method === 'GET' && request.path === path);

describe('CNBS WebAR Trigger', () => {
	test('Payment Received: a posted payment once, with its figures as decimal strings and the card token masked', async () => {
		const open = documents(3);
		const poller = trigger('paymentReceived');
		expect((await poller.poll('trigger', 'activate')).events).toEqual([]);
		sim.postPayment(open[0]);
		sim.postPayment(open[1], '10.00');
		const second = await poller.poll();
		expect(second.events).toHaveLength(2);
		const [first] = second.events;
		expect(first.event).toBe('paymentReceived');
		expect(first.paid_amount).toBe('-25.40');
		expect(first.payer_number).toBe(DEMO_CNBS_PAYER);
		expect(first.fiscal_year_of_the_relevant_invoice).toBe(Number(CnbsWebArSimulator.today().slice(-4)));
		expect(second.events[1].paid_amount).toBe('-10.00');
		expect((await poller.poll()).events).toEqual([]);

		// The query: payer, company code, document type 02 and the window's first posting date.
		const query = listCalls('/cnbs/v1/invoices/payments').at(-1)!.query;
		expect(query).toMatchObject({ payer_number: DEMO_CNBS_PAYER, company_code: DEMO_CNBS_COMPANY_CODE, document_type: '02' });
		expect(query.date_from).toMatch(/^\d{2}-\d{2}-\d{4}$/);
	});

	test('a card token in the payment list is masked in the event', async () => {
		const [number] = documents(1, '12.00');
		const poller = trigger('paymentReceived');
		await poller.poll('trigger', 'activate');
		const payment = sim.postPayment(number);
		payment.payment_method = 'CC';
		payment.payment_card_token = DEMO_CNBS_CARD.payment_card_token;
		const { events } = await poller.poll();
		expect(JSON.stringify(events)).not.toContain(DEMO_CNBS_CARD.payment_card_token);
		expect(String(events[0].payment_card_token)).toMatch(/000H$/);
	});

	test('Invoice Cleared: a document that was open and is now complete, once; a partial payment is not a clearing', async () => {
		const open = documents(4);
		const poller = trigger('invoiceCleared');
		await poller.poll('trigger', 'activate');
		sim.postPayment(open[0]);
		sim.postPayment(open[2], '5.00');
		const second = await poller.poll();
		expect(numbers(second.events)).toEqual([open[0]]);
		expect(second.events[0]).toMatchObject({ event: 'invoiceCleared', open_amount: '0.00', total_amount: '25.40', paid_amount: '25.40' });
		sim.postPayment(open[2]);
		expect(numbers((await poller.poll()).events)).toEqual([open[2]]);
		expect((await poller.poll()).events).toEqual([]);
	});

	test('Invoice Created: new open documents once each; the first poll only takes note unless Include Existing', async () => {
		const existing = documents(2);
		const quiet = trigger('invoiceCreated');
		expect((await quiet.poll('trigger', 'activate')).events).toEqual([]);
		const added = documents(2);
		expect(numbers((await quiet.poll()).events).sort()).toEqual([...added].sort());
		expect((await quiet.poll()).events).toEqual([]);

		const all = trigger('invoiceCreated', { includeExisting: true });
		// The demo's 2017 documents are outside the window.
		expect(numbers((await all.poll('trigger', 'activate')).events).sort()).toEqual([...existing, ...added].sort());
	});

	test('the invoice filters of Get Many are sent', async () => {
		documents(1);
		const poller = trigger('invoiceCreated', {}, { filters: { sales_organization: '3000', division: '00' } });
		await poller.poll('trigger', 'activate');
		expect(listCalls('/cnbs/v1/invoices').at(-1)!.query).toMatchObject({
			sales_organization: '3000',
			division: '00',
			document_search_status: '01',
			document_type: '01',
		});
	});

	test('a poll that fails part-way (the second list) emits nothing and loses nothing', async () => {
		const open = documents(3);
		const poller = trigger('invoiceCleared');
		await poller.poll('trigger', 'activate');
		const stored = JSON.stringify(poller.staticData);
		sim.postPayment(open[1]);
		sim.fail({ kind: 'status', status: 500 }, { when: (request) => request.query.document_search_status === '02' });
		await expect(poller.poll()).rejects.toThrow();
		expect(JSON.stringify(poller.staticData)).toBe(stored);
		expect(numbers((await poller.poll()).events)).toEqual([open[1]]);
		expect((await poller.poll()).events).toEqual([]);
	});

	test('a CNBS error message (type E) fails the poll with CNBS\'s words', async () => {
		const poller = trigger('paymentReceived');
		sim.forcedMessage = { type: 'E', text: 'Payer 3000 is locked', number: 77 };
		await expect(poller.poll('trigger', 'activate')).rejects.toThrow(/Payer 3000 is locked/);
		expect(poller.staticData).toEqual({});
	});

	test('manual mode returns the latest few events and changes nothing', async () => {
		const open = documents(5);
		for (const number of open) sim.postPayment(number);
		const poller = trigger('paymentReceived');
		const test = await poller.poll('manual', 'manual');
		expect(test.events).toHaveLength(3);
		expect(poller.nodeStaticData).toEqual({});
	});

	test('1,000 polls, a day each: every payment once, a failed poll every 97th, static data bounded by the window', async () => {
		let clock = Date.now();
		jest.useFakeTimers({ now: clock, doNotFake: NOT_THE_CLOCK });
		const poller = trigger('paymentReceived', { lookBackDays: 7 });
		await poller.poll('trigger', 'activate');
		const posted = new Set<string>();
		const emitted = new Map<string, number>();
		let maxEntries = 0;
		let maxBytes = 0;
		for (let round = 1; round <= 1000; round++) {
			clock += DAY;
			jest.setSystemTime(clock);
			const [a, b] = documents(2);
			posted.add(sim.postPayment(a).document_number_finance);
			if (round % 2) posted.add(sim.postPayment(b).document_number_finance);
			if (round % 97 === 0) {
				sim.fail({ kind: 'status', status: 503 }, { when: (request) => request.path === '/cnbs/v1/invoices/payments' });
				await expect(poller.poll()).rejects.toThrow();
			}
			for (const event of (await poller.poll()).events) {
				const number = String(event.document_number_finance);
				emitted.set(number, (emitted.get(number) ?? 0) + 1);
			}
			const entries = Object.keys(poller.nodeStaticData.seen as IDataObject).length;
			maxEntries = Math.max(maxEntries, entries);
			maxBytes = Math.max(maxBytes, poller.staticDataBytes);
		}
		jest.useRealTimers();
		expect([...emitted.keys()].sort()).toEqual([...posted].sort());
		expect([...emitted.values()].every((count) => count === 1)).toBe(true);
		// 1.5 payments a day, a 7-day window (8 posting days with today): at most 16 entries, not 1,500.
		expect(maxEntries).toBeLessThanOrEqual(16);
		expect(maxBytes).toBeLessThan(16 * 100);
	}, 300000);
});
