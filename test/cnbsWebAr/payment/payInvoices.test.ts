import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BATCH_MODES, withBatching } from '../../harness/batching';
import { DEMO_CNBS_CARD, loadCnbsWebArDemoLedger } from '../../simulators/cnbsWebArDemo';
import {
	addDocuments,
	everythingShown,
	listDocuments,
	paymentRequests,
	payParameters,
	run,
	simulatorForSuite,
} from '../fixtures';
import { SEED_ANSWER_TEXT, SEED_PAYMENT_TEXT, SEED_QUERY, SEED_SYSTEM_ID } from '../seed';

const sim = simulatorForSuite();

afterEach(() => {
	sim.latencyMs = 0;
});

const STALE = 'the invoice changed since it was read: nothing was paid';

/** The seed's values, given in the node's fields (no input item needed). */
const SEED_PARAMETERS = payParameters({
	customer_number: '3000',
	company_code: '3000',
	document_number_finance: '1400000229',
	line_item_in_the_relevant_invoice: '1',
	fiscal_year_of_the_relevant_invoice: '2017',
	open_amount: '7000.50',
	currency_key: 'USD',
	amount: 'given',
	amount_to_process: '3500.25',
	additionalFields: { reason_code: '01', comment: '50% payment' },
});

function customizingReads(): number {
	return sim.requestsTo('/cnbs/v1/customizing').length;
}

describe('the seed', () => {
	test('the payment body built from the seed values is the seed JSON payload, sent as the seed cURL sends it', async () => {
		const result = await run(SEED_PARAMETERS);
		expect(result.error).toBeUndefined();
		const [sent] = paymentRequests(sim);
		expect(sent.json).toEqual(JSON.parse(SEED_PAYMENT_TEXT));
		// Amounts as the seed writes them: numbers with their two decimals.
		expect(sent.body).toContain('"open_amount":7000.50,"amount_to_process":3500.25');
		expect(sent.query).toEqual(SEED_QUERY);
		expect(sent.headers.cnbssysid).toBe(SEED_SYSTEM_ID);
		expect(sent.headers['content-type']).toMatch(/^application\/json/);
		expect(sent.headers.accept).toBe('application/json');
	});

	test('the seed answer reads as paid with its authorization number and amount', async () => {
		sim.fail({
			kind: 'status',
			status: 200,
			contentType: 'application/json',
			body: SEED_ANSWER_TEXT,
		}, { when: (req) => req.method === 'POST' });
		const result = await run(SEED_PARAMETERS);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			status: 'paid',
			document_number_finance: '1400000229',
			fiscal_year_of_the_relevant_invoice: 2017,
			authorization_number: 'XI00',
			authorization_reference_code: '95939240',
			authorization_amount: '3500.25',
			amount_to_process: '3500.25',
			currency_key: 'USD',
		});
		expect(result.items[0].json.messages).toEqual([
			{ message_type: 'S', message_identification: '/CNBS/X_API', message_number: 10, message_line_string: 'Request successfully processed' },
		]);
	});
});

describe('Get Many -> Pay Invoices', () => {
	test('100 open documents, All Items in One Request: exactly 1 payment request, each paid once, outputs paired', async () => {
		addDocuments(sim, 100);
		const documents = await listDocuments(sim, { payer_number: '4000' });
		expect(documents).toHaveLength(100);
		sim.requests.length = 0;
		const result = await run(payParameters(), documents);
		expect(result.error).toBeUndefined();
		expect(paymentRequests(sim)).toHaveLength(1);
		expect(((paymentRequests(sim)[0].json as IDataObject).documents as IDataObject[])).toHaveLength(100);
		const perDocument = sim.paymentsPerDocument();
		expect(perDocument.size).toBe(100);
		expect([...perDocument.values()].every((count) => count === 1)).toBe(true);
		for (let n = 0; n < 100; n++) expect(sim.openAmount(String(1500000000 + n))).toBe('0.00');
		expect(result.items).toHaveLength(100);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.status).toBe('paid');
			expect(item.json.document_number_finance).toBe(documents[index].document_number_finance);
			expect(item.json.amount_to_process).toBe(sim.payments.find((p) => p.invoice?.document_number_finance === documents[index].document_number_finance)?.amount);
		});
	});

	test('the same 100 documents, One Request per Item: 100 payment requests', async () => {
		addDocuments(sim, 100);
		const documents = await listDocuments(sim, { payer_number: '4000' });
		const result = await run(payParameters({ requestMode: 'perItem' }), documents);
		expect(result.error).toBeUndefined();
		expect(paymentRequests(sim)).toHaveLength(100);
		expect(paymentRequests(sim).every((req) => ((req.json as IDataObject).documents as unknown[]).length === 1)).toBe(true);
		expect(sim.paymentsPerDocument().size).toBe(100);
		expect(result.items.map((item) => item.pairedItem)).toEqual(documents.map((_, item) => ({ item })));
	});

	test('items of different payers go in one request per payer', async () => {
		const documents = [...(await listDocuments(sim)), ...(await listDocuments(sim, { payer_number: '3100' }))];
		expect(documents).toHaveLength(3);
		const result = await run(payParameters(), documents);
		expect(result.error).toBeUndefined();
		const requests = paymentRequests(sim);
		expect(requests.map((req) => ((req.json as IDataObject).payer_data as IDataObject).customer_number)).toEqual(['3000', '3100']);
		expect(result.items.map((item) => [item.json.status, item.json.customer_number, item.json.documentsInRequest])).toEqual([
			['paid', '3000', 2],
			['paid', '3000', 2],
			['paid', '3100', 1],
		]);
	});

	test('a request where CNBS pays only some documents reports the others as failed items (Continue On Fail)', async () => {
		const documents = await listDocuments(sim);
		sim.declineDocuments.set('1400000230', 'Card declined by the payment processor');
		const result = await run(payParameters(), documents, { continueOnFail: true });
		expect(paymentRequests(sim)).toHaveLength(1);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.status).toBe('paid');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[1].json.error).toContain('Document 1400000230: Card declined by the payment processor');
		expect(result.items[1].json.error).toContain('[/CNBS/X_API 52]');
		expect(sim.openAmount('1400000229')).toBe('0.00');
		expect(sim.openAmount('1400000230')).toBe('250.00');
	});

	test('without Continue On Fail the node stops, and its error says which documents WERE paid', async () => {
		const documents = await listDocuments(sim);
		// The second document is declined: the first one is paid in the same request.
		sim.declineDocuments.set('1400000230', 'Card declined by the payment processor');
		const result = await run(payParameters(), documents);
		expect(result.error?.message).toContain('Card declined by the payment processor');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.description).toContain('These documents WERE paid in this run');
		expect(result.error?.description).toContain('1400000229 (fiscal year 2017, line 1): 7000.5 USD, authorization XI00');
		expect(sim.openAmount('1400000229')).toBe('0.00');
	});

	test('a document missing from payed with no message of its own is still a failure, never a success', async () => {
		const documents = await listDocuments(sim);
		const answer = {
			payed: [{ document_number_finance: '1400000229', fiscal_year_of_the_relevant_invoice: 2017, authorization_number: 'A1', authorization_reference_code: '1', authorization_amount: 7000.5, currency_key: 'USD' }],
			status: { message_type: 'S', message_identification: '/CNBS/X_API', message_number: 10, message_line_string: 'Request successfully processed' },
		};
		sim.fail({ kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify(answer) }, { when: (req) => req.method === 'POST' });
		const result = await run(payParameters(), documents, { continueOnFail: true });
		expect(result.items.map((item) => item.json.status ?? 'failed')).toEqual(['paid', 'failed']);
		expect(result.items[1].json.error).toContain('CNBS did not list document 1400000230 (fiscal year 2017, line 1) as paid: it was not paid');
	});
});

test('a document with nothing open is skipped with nothing sent (Get Many with search status "both")', async () => {
	const documents = await listDocuments(sim, { document_search_status: '03' });
	expect(documents.map((d) => d.open_amount)).toEqual([7000.5, 250, 0]);
	const result = await run(payParameters(), documents);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.status)).toEqual(['paid', 'paid', 'skipped: already paid']);
	expect(((paymentRequests(sim)[0].json as IDataObject).documents as IDataObject[]).map((d) => d.document_number_finance)).toEqual(['1400000229', '1400000230']);
});

test('CNBS\'s own list entries (fiscal-year key with a space) can be paid without Get Many in between', async () => {
	const raw = { document_number_finance: '1400000229', line_item_in_the_relevant_invoice: 1, 'fiscal_year_of_the_relevant invoice': 2017, open_amount: 7000.5, currency_key: 'USD', payer_number: '3000', company_code: '3000' };
	const result = await run(payParameters(), [raw]);
	expect(result.error).toBeUndefined();
	expect(((paymentRequests(sim)[0].json as IDataObject).documents as IDataObject[])[0].fiscal_year_of_the_relevant_invoice).toBe(2017);
});

// Both modes; One Request per Item also with 10 requests in flight at once (Batching).
describe.each([
	['All Items in One Request', {}, {}],
	['One Request per Item, one at a time', { requestMode: 'perItem' }, {}],
	['One Request per Item, at batch size 10', { requestMode: 'perItem' }, BATCH_MODES[1][1]],
] as Array<[string, INodeParameters, IDataObject]>)('never twice (%s)', (_mode, mode, batching) => {
	const pay = (overrides: INodeParameters = {}) => withBatching({ ...payParameters(overrides), ...mode }, batching);

	test('a repeated run of the same documents is refused by CNBS (stale open_amount) and reported as such', async () => {
		const documents = await listDocuments(sim);
		const first = await run(pay(), documents);
		expect(first.error).toBeUndefined();
		expect(sim.payments).toHaveLength(2);
		const again = await run(pay(), documents, { continueOnFail: true });
		expect(sim.payments).toHaveLength(2);
		expect(again.items).toHaveLength(2);
		for (const item of again.items) {
			expect(item.json.error).toBe(`CNBS WebAR POST invoices/payments failed: ${STALE} [/CNBS/X_API 49]`);
			expect(item.json.errorDescription).toMatch(/CNBS: Document 14000002(29|30): the open amount has changed/);
		}
		const stopped = await run(pay(), documents);
		expect(stopped.error?.message).toContain(STALE);
		expect(sim.payments).toHaveLength(2);
	});

	test('with Check First, a repeated run skips the documents and sends no payment at all', async () => {
		const documents = await listDocuments(sim);
		await run(pay(), documents);
		sim.requests.length = 0;
		const again = await run(pay({ options: { checkFirst: true } }), documents);
		expect(again.error).toBeUndefined();
		expect(paymentRequests(sim)).toHaveLength(0);
		// One read of the payer's documents for the whole run.
		expect(sim.requestsTo('/cnbs/v1/invoices')).toHaveLength(1);
		expect(sim.requestsTo('/cnbs/v1/invoices')[0].query).toMatchObject({ payer_number: '3000', company_code: '3000', document_search_status: '03' });
		expect(again.items.map((item) => item.json.status)).toEqual(['skipped: already paid', 'skipped: already paid']);
		expect(sim.payments).toHaveLength(2);
	});

	test('Check First refuses a document that changed since it was read, and pays the others', async () => {
		const documents = await listDocuments(sim);
		sim.setOpenAmount('1400000230', '100.00');
		const result = await run(pay({ options: { checkFirst: true } }), documents, { continueOnFail: true });
		expect(result.items[0].json.status).toBe('paid');
		expect(result.items[1].json.error).toContain(STALE);
		expect(result.items[1].json.errorDescription).toContain('CNBS now lists the open amount as 100.00, not 250.00');
		expect(((paymentRequests(sim)[0].json as IDataObject).documents as IDataObject[]).map((d) => d.document_number_finance)).toEqual(['1400000229']);
	});

	test('Check First refuses a cancelled document', async () => {
		sim.addDocument({ document_number_finance: '1400000299', fiscal_year: 2017, payer_number: '3000', company_code: '3000', total_amount: '50.00', cancelled: true });
		const result = await run(pay({ options: { checkFirst: true } }), [{ document_number_finance: '1400000299', line_item_in_the_relevant_invoice: 1, fiscal_year_of_the_relevant_invoice: 2017, open_amount: 50, currency_key: 'USD', payer_number: '3000', company_code: '3000' }]);
		expect(result.error?.message).toContain('Document 1400000299 (fiscal year 2017, line 1) is cancelled: nothing was paid');
		expect(paymentRequests(sim)).toHaveLength(0);
	});

	test('the same document twice in one run is refused before anything is sent', async () => {
		const [document] = await listDocuments(sim);
		const result = await run(pay(), [document, document]);
		expect(result.error?.message).toContain('is already paid by item 0 of this run');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(paymentRequests(sim)).toHaveLength(0);
	});

	test('a run of 30 documents pays each exactly once, outputs paired in input order', async () => {
		addDocuments(sim, 30);
		const documents = await listDocuments(sim, { payer_number: '4000' });
		sim.latencyMs = 30;
		const result = await run(pay(), documents);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(documents.map(() => 'paid'));
		expect(result.items.map((item) => item.json.document_number_finance)).toEqual(documents.map((d) => d.document_number_finance));
		expect(result.items.map((item) => item.pairedItem)).toEqual(documents.map((_, item) => ({ item })));
		expect([...sim.paymentsPerDocument().values()]).toEqual(documents.map(() => 1));
		expect(sim.maxInFlight).toBe(batching.batching ? 10 : 1);
	});
});

describe('One Request per Item with Batching', () => {
	test('a failed request stops new ones (those in flight finish); the rest are reported as not sent, never paid', async () => {
		addDocuments(sim, 30);
		const documents = await listDocuments(sim, { payer_number: '4000' });
		sim.declineDocuments.set(String(documents[3].document_number_finance), 'Card declined by the payment processor');
		sim.latencyMs = 30;
		const result = await run(withBatching(payParameters({ requestMode: 'perItem' }), BATCH_MODES[1][1]), documents);
		expect(result.error?.message).toContain('Card declined by the payment processor');
		expect(result.error?.context?.itemIndex).toBe(3);
		// At most the 10 in flight when it failed were sent; nothing after them, and nothing twice.
		expect(paymentRequests(sim).length).toBeLessThanOrEqual(13);
		expect(paymentRequests(sim).length).toBeLessThan(30);
		expect([...sim.paymentsPerDocument().values()].every((count) => count === 1)).toBe(true);
	});
});

describe('partial payments and overpayments', () => {
	const document = { document_number_finance: '1400000229', line_item_in_the_relevant_invoice: 1, fiscal_year_of_the_relevant_invoice: 2017, open_amount: 7000.5, currency_key: 'USD', payer_number: '3000', company_code: '3000' };

	test('a partial payment is refused before sending when customizing does not allow it, allowed when it does', async () => {
		sim.customizing = { partialPaymentsAllowed: false, overpaymentAllowed: false };
		const refused = await run(payParameters({ amount: 'given', amount_to_process: '100.00' }), [document]);
		expect(refused.error?.message).toContain('amount_to_process 100.00 is less than the open amount 7000.50');
		expect(refused.error?.description).toContain('Check the "amount_to_process" field: nothing was sent');
		expect(paymentRequests(sim)).toHaveLength(0);

		sim.customizing = { partialPaymentsAllowed: true, overpaymentAllowed: false };
		const allowed = await run(payParameters({ amount: 'given', amount_to_process: '100.00' }), [document]);
		expect(allowed.error).toBeUndefined();
		expect(sim.openAmount('1400000229')).toBe('6900.50');
	});

	test('an overpayment is refused before sending when customizing does not allow it, allowed when it does', async () => {
		const refused = await run(payParameters({ amount: 'given', amount_to_process: '7000.51' }), [document]);
		expect(refused.error?.message).toContain('amount_to_process 7000.51 is more than the open amount 7000.50');
		expect(paymentRequests(sim)).toHaveLength(0);

		sim.customizing = { partialPaymentsAllowed: false, overpaymentAllowed: true };
		const allowed = await run(payParameters({ amount: 'given', amount_to_process: '7000.51' }), [document]);
		expect(allowed.error).toBeUndefined();
		expect(sim.payments[0].amount).toBe('7000.51');
	});

	test('customizing is read once for a 100-item run with partial amounts (and not at all when paying in full)', async () => {
		addDocuments(sim, 100);
		const documents = await listDocuments(sim, { payer_number: '4000' });
		sim.requests.length = 0;
		const result = await run(payParameters({ requestMode: 'perItem', amount: 'given', amount_to_process: '0.01' }), documents);
		expect(result.error).toBeUndefined();
		expect(customizingReads()).toBe(1);
		expect(paymentRequests(sim)).toHaveLength(100);

		sim.requests.length = 0;
		const documentsAgain = await listDocuments(sim, { payer_number: '4000' });
		await run(payParameters(), documentsAgain);
		expect(customizingReads()).toBe(0);
	});
});

describe('bad input fails the item, naming the field; nothing is sent', () => {
	const base = { document_number_finance: '1400000229', line_item_in_the_relevant_invoice: 1, fiscal_year_of_the_relevant_invoice: 2017, open_amount: 7000.5, currency_key: 'USD', payer_number: '3000', company_code: '3000' };
	const cases: Array<[string, IDataObject, INodeParameters, string, string]> = [
		['a non-numeric fiscal year', { fiscal_year_of_the_relevant_invoice: '2O17' }, {}, 'Fiscal Year', 'Fiscal Year must be a fiscal year of 4 digits'],
		['a non-numeric line item', { line_item_in_the_relevant_invoice: 'one' }, {}, 'Line Item', 'Line Item must be a whole number'],
		['amount zero', {}, { amount: 'given', amount_to_process: '0' }, 'Amount to Process', 'Amount to Process must be greater than zero'],
		['a negative amount', {}, { amount: 'given', amount_to_process: '-5.00' }, 'Amount to Process', 'Amount to Process must be positive'],
		['three decimals', {}, { amount: 'given', amount_to_process: '10.005' }, 'Amount to Process', 'Amount to Process has more than 2 decimal places'],
		['a malformed valid_to', {}, { valid_to: '31-05-2027' }, 'Valid To', 'Valid To is not a valid date'],
		['an unknown payment method', {}, { payment_method: 'XX' }, 'Payment Method', 'Payment Method must be one of "CC", "EC", got "XX"'],
		['a missing card token', {}, { payment_card_token: '' }, 'Card Token', 'Card Token is required'],
		['a missing document number', { document_number_finance: '' }, {}, 'Document Number', 'Document Number is required'],
	];

	test.each(cases)('%s', async (_, itemOverrides, parameterOverrides, field, message) => {
		const good = { ...base, document_number_finance: '1400000230', open_amount: 250 };
		const result = await run(payParameters(parameterOverrides), [good, { ...base, ...itemOverrides }], { continueOnFail: true });
		// A parameter of the node (not of the item) fails every item; nothing is ever sent for a bad item.
		const failed = result.items.filter((item) => item.json.error);
		expect(failed.length).toBeGreaterThanOrEqual(1);
		const bad = result.items[1].json;
		expect(bad.error).toContain(message);
		expect(bad.errorDescription).toBe(`Check the "${field}" field: nothing was sent to the vendor.`);
		const sent = paymentRequests(sim).flatMap((req) => ((req.json as IDataObject).documents as IDataObject[]).map((d) => d.document_number_finance));
		expect(sent).not.toContain('1400000229');
		if (Object.keys(parameterOverrides).length === 0) expect(sent).toEqual(['1400000230']);
	});

	test('without Continue On Fail one bad item means nothing at all is sent', async () => {
		const good = { ...base, document_number_finance: '1400000230', open_amount: 250 };
		const result = await run(payParameters(), [good, { ...base, fiscal_year_of_the_relevant_invoice: 'x' }]);
		expect(result.error?.message).toContain('Fiscal Year must be a fiscal year of 4 digits');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(sim.requests).toHaveLength(0);
	});
});

test('valid_to given as a date (from a date field or an expression) is sent MM-DD-YYYY without a day shift', async () => {
	const [document] = await listDocuments(sim);
	for (const value of ['2027-05-31', '2027-05-31T00:00:00.000+14:00', '={{ DateTime.fromISO("2027-05-31T23:59:00", { zone: "America/Los_Angeles" }) }}']) {
		const result = await run(payParameters({ valid_to: value, options: { dryRun: true } }), [document], { timezone: 'Pacific/Kiritimati' });
		expect(result.error).toBeUndefined();
		const body = (result.items[0].json.request as IDataObject).body as IDataObject;
		expect((body.payment_detail as IDataObject).valid_to).toBe('05-31-2027');
	}
});

describe('E, A and X answers are failures with CNBS\'s words; S, W and I are not', () => {
	test.each(['E', 'A', 'X'])('message type %s (status as array) fails every document of the request', async (type) => {
		const documents = await listDocuments(sim);
		sim.forcedMessage = { type, text: 'Payment processor not reachable', number: 77, path: 'POST invoices/payments' };
		const result = await run(payParameters(), documents, { continueOnFail: true });
		for (const item of result.items) {
			expect(item.json.error).toBe('CNBS WebAR POST invoices/payments failed: Payment processor not reachable [/CNBS/X_API 77]');
		}
		expect(sim.payments).toHaveLength(0);
	});

	test('a W message beside payed is a payment, with the message in the output', async () => {
		const documents = await listDocuments(sim);
		const answer = {
			payed: [{ document_number_finance: '1400000229', fiscal_year_of_the_relevant_invoice: 2017, authorization_number: 'A9', authorization_reference_code: '7', authorization_amount: 7000.5, currency_key: 'USD' }],
			status: [{ message_type: 'W', message_identification: '/CNBS/X_API', message_number: 12, message_line_string: 'Settlement is delayed' }],
		};
		sim.fail({ kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify(answer) }, { when: (req) => req.method === 'POST' });
		const result = await run(payParameters(), [documents[0]]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'paid', authorization_number: 'A9' });
		expect(result.items[0].json.messages).toEqual([answer.status[0]]);
	});
});

describe('transport failures after the request was sent', () => {
	test('a timeout is reported as possibly paid and never sent again', async () => {
		const documents = await listDocuments(sim);
		sim.fail({ kind: 'hang' }, { when: (req) => req.method === 'POST' });
		const result = await run(payParameters({ options: { timeout: 1000 } }), documents, { continueOnFail: true });
		expect(paymentRequests(sim)).toHaveLength(1);
		for (const item of result.items) {
			expect(item.json.error).toContain('No answer before the timeout');
			expect(item.json.errorDescription).toContain('It was not sent again');
		}
	});

	test('an HTML error page (HTTP 500) fails the items with its title', async () => {
		const documents = await listDocuments(sim);
		sim.fail({ kind: 'html', status: 500 }, { when: (req) => req.method === 'POST' });
		const result = await run(payParameters(), documents, { continueOnFail: true });
		expect(paymentRequests(sim)).toHaveLength(1);
		expect(result.items[0].json.error).toContain('HTTP 500, an HTML page instead of an API answer: 500 Internal Server Error');
	});
});

describe('dry run and secrets', () => {
	test('Dry Run returns the exact request, card data and system ID masked, and sends nothing', async () => {
		const documents = await listDocuments(sim);
		sim.requests.length = 0;
		const result = await run(payParameters({ card_validation_code: '123', options: { dryRun: true } }), documents);
		expect(result.error).toBeUndefined();
		expect(sim.requests).toHaveLength(0);
		const request = result.items[0].json.request as IDataObject;
		expect(request.method).toBe('POST');
		expect(request.url).toBe(`${sim.baseUrl}/cnbs/v1/invoices/payments?sap-client=800&sap-language=EN&apiid=CNBSMV01R`);
		expect(request.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json', cnbssysid: '***' });
		const body = request.body as IDataObject;
		expect((body.payment_detail as IDataObject).payment_card_token).toBe('***000H');
		expect((body.payment_detail as IDataObject).card_validation_code).toBe('***');
		expect((body.documents as IDataObject[]).map((d) => d.document_number_finance)).toEqual(['1400000229', '1400000230']);
		expect(result.items.map((item) => item.json.status)).toEqual(['dry run', 'dry run']);
		expect(everythingShown(result)).not.toContain(DEMO_CNBS_CARD.payment_card_token);
	});

	test('no card token, CVV, account number or system ID in outputs, errors or descriptions', async () => {
		const documents = await listDocuments(sim);
		const paid = await run(payParameters({ card_validation_code: '4321' }), documents);
		// CNBS echoing the payment data in a refusal is masked too.
		const echo = `Token ${DEMO_CNBS_CARD.payment_card_token} CVV 4321 system gPuM1VyY1dxlTE2MEs2yajJUkX3/4+2Pw1alRw4BOtI= refused`;
		sim.forcedMessage = { type: 'E', text: echo, path: 'POST invoices/payments' };
		const refused = await run(payParameters({ card_validation_code: '4321' }), documents, { continueOnFail: true });
		const stopped = await run(payParameters({ card_validation_code: '4321' }), documents);
		sim.forcedMessage = { type: 'E', text: 'Bank account 021000021 refused', path: 'POST invoices/payments' };
		const check = await run(payParameters({ payment_method: 'EC', electronic_check_account_type: 'C', electronic_check_rdfi_number: '021000021' }), documents, { continueOnFail: true });
		expect(refused.items[0].json.error).toContain('Token *** CVV *** system *** refused');
		// A success message that echoes the token is masked in the output too.
		const [first] = documents;
		sim.reset();
		loadCnbsWebArDemoLedger(sim);
		const answer = {
			payed: [{ document_number_finance: '1400000229', fiscal_year_of_the_relevant_invoice: 2017, authorization_number: 'A1', authorization_reference_code: '1', authorization_amount: 7000.5, currency_key: 'USD' }],
			status: [{ message_type: 'S', message_identification: '/CNBS/X_API', message_number: 10, message_line_string: `Card ${DEMO_CNBS_CARD.payment_card_token} charged` }],
		};
		sim.fail({ kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify(answer) }, { when: (req) => req.method === 'POST' });
		const echoed = await run(payParameters(), [first]);
		expect((echoed.items[0].json.messages as IDataObject[])[0].message_line_string).toBe('Card *** charged');
		expect(everythingShown(echoed)).not.toContain(DEMO_CNBS_CARD.payment_card_token);
		expect(check.items[0].json.error).toContain('Bank account *** refused');
		for (const result of [paid, refused, stopped, check]) {
			const shown = everythingShown(result);
			for (const secret of [DEMO_CNBS_CARD.payment_card_token, '4321', SEED_SYSTEM_ID, '021000021']) expect(shown).not.toContain(secret);
		}
	});
});

