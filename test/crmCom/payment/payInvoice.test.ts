import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BATCH_MODES, withBatching } from '../../harness/batching';
import { CrmComSimulator } from '../../simulators/crmCom';
import {
	bodiesSentTo,
	paymentsPerInvoice,
	payParameters,
	rl,
	run,
	storeFor,
	simulatorForSuite,
} from '../fixtures';
import {
	SEED_EXAMPLE_1_REQUEST,
	SEED_EXAMPLE_2_REQUEST,
	SEED_EXAMPLE_3_REQUEST,
	seedBodyWithoutToken,
} from '../seed';

const sim: CrmComSimulator = simulatorForSuite();

/** The node parameters that express each seed example. */
const SEED_PARAMETERS = {
	1: payParameters({
		accounts_receivable_identifier: rl('number', '192'),
		type_identifier: rl('name', 'Invoices Balance Payment'),
		payment_method_identifier: rl('name', 'Direct Debit'),
		invoice_identifier: rl('reference_number', '328'),
		additionalFields: {
			category_identifier: rl('name', 'Invoice Payments'),
			received_on: '2014-07-14T09:12:54',
			received_by_user_identifier: rl('username', 'JackH'),
			received_by_unit_identifier: rl('name', 'Admin Unit'),
		},
	}),
	2: payParameters({
		accounts_receivable_identifier: rl('name', 'Dina Mika'),
		type_identifier: rl('name', 'Payment 1'),
		payment_method_identifier: rl('name', 'Direct Debit'),
		invoice_identifier: rl('reference_number', '2023'),
		additionalFields: {
			fields_set: 'number,reference_number,id,issued_on,payment_amount',
			category_identifier: rl('name', 'Payment Category 1'),
			received_on: '2014-07-14T09:12:54',
			received_by_user_identifier: rl('username', 'MPAdministrator'),
			received_by_unit_identifier: rl('name', 'Admin Unit'),
		},
	}),
	3: payParameters({
		accounts_receivable_identifier: rl('number', ''),
		wallet_identifier: rl('number', 'W0000007376'),
		type_identifier: rl('name', 'Cash Payment'),
		payment_method_identifier: rl('name', 'Cash Payment'),
		invoice_identifier: rl('id', '54F3A49F23024C51AFF21B7C728F3549'),
	}),
};

describe('the seed examples', () => {
	const cases = [
		[1, SEED_EXAMPLE_1_REQUEST],
		[2, SEED_EXAMPLE_2_REQUEST],
		[3, SEED_EXAMPLE_3_REQUEST],
	] as const;

	test.each(cases)('example %i: the dry run shows the seed body, the token masked, and sends nothing', async (n, seed) => {
		const parameters = { ...SEED_PARAMETERS[n], options: { dryRun: true } };
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		const output = result.items[0].json;
		expect(output.status).toBe('dry run');
		const request = output.request as IDataObject;
		expect(request.method).toBe('POST');
		expect(request.url).toBe(`${sim.baseUrl}/crmapi/rest/v2/payments/pay_invoice`);
		const body = request.body as IDataObject;
		expect(body.token).toBe('***');
		const withoutToken = { ...body };
		delete withoutToken.token;
		expect(withoutToken).toEqual(seedBodyWithoutToken(seed));
		expect(Object.keys(body)[0]).toBe('token');
		expect(sim.requests).toHaveLength(0);
	});

	test.each(cases)('example %i: the body CRM.COM receives is the seed body with a real token', async (n, seed) => {
		const store = storeFor(sim);
		const result = await run(SEED_PARAMETERS[n], undefined, { credentials: store });
		expect(result.error).toBeUndefined();
		const [sent] = sim.requestsTo('payments/pay_invoice');
		expect(sent.headers['content-type']).toMatch(/^application\/json/);
		const received = sent.json as IDataObject;
		expect(received.token).toBe(store.get('crmComApi')?.sessionToken);
		expect(bodiesSentTo(sim, 'payments/pay_invoice')).toEqual([seedBodyWithoutToken(seed)]);
		expect(result.items[0].json.status).toBe('paid');
	});

	test('example 1 pays INV001 in full and outputs the payment as CRM.COM returns it', async () => {
		const result = await run(SEED_PARAMETERS[1]);
		const output = result.items[0].json;
		// Every key of the operation is there (test/shared/outputShape.test.ts); these carry the payment.
		expect(output).toMatchObject({
			status: 'paid',
			payment_amount: '225.00',
			issued_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
			posted_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
			life_cycle_state: 'POSTED',
			number: '100',
			id: expect.stringMatching(/^[0-9A-F]{32}$/),
			reference_number: '115',
			currency_rate_period: null,
			invoice_identifier: { reference_number: '328' },
		});
		expect(sim.invoice({ number: 'INV001' })?.outstanding_amount).toBe('0.00');
		expect(sim.payments).toHaveLength(1);
		expect(sim.payments[0].payment_amount).toBe('225.00');
	});

	test('example 2 returns only the fields of fields_set', async () => {
		const result = await run(SEED_PARAMETERS[2]);
		const given = Object.entries(result.items[0].json).filter(([, value]) => value !== null).map(([key]) => key);
		expect(given.sort()).toEqual(['status', 'number', 'reference_number', 'id', 'issued_on', 'payment_amount', 'invoice_identifier'].sort());
		expect(result.items[0].json.payment_amount).toBe('12.50');
	});
});

describe('every parameter of the seed', () => {
	test('all optional parameters are sent in CRM.COM form: dates, floats as numbers, nested identifiers', async () => {
		const udfs: IDataObject = {};
		for (let n = 1; n <= 8; n++) udfs[`udf_string_${n}`] = `text ${n}`;
		for (let n = 1; n <= 4; n++) udfs[`udf_float_${n}`] = n === 1 ? '12.5' : n === 2 ? 3 : n === 3 ? '-0.25' : '7';
		for (let n = 1; n <= 4; n++) udfs[`udf_date_${n}`] = `2014-07-1${n}T09:12:54`;
		const parameters = payParameters({
			invoice_identifier: rl('back_office_code', 'BO-INV002'),
			accounts_receivable_identifier: rl('id', 'A6F1C2D3E4B5A6978812345678ABCDEF'),
			type_identifier: rl('alternative_code', 'IBP'),
			payment_method_identifier: rl('id', 'PM01'),
			back_office_code: 'PAY-0001',
			additionalFields: {
				...udfs,
				category_identifier: rl('code', 'INVPAY'),
				received_on: '2014-07-14T09:12:54.000+03:00',
				received_by_user_identifier: rl('id', 'U1'),
				received_by_unit_identifier: rl('alternative_code', 'ADM'),
				card_identifier: rl('last_digits', '4242'),
				accounts_receivable_payment_preference_identifier: rl('payment_preference_identifier.name', 'Direct Debit Preference'),
				notes: 'Paid from n8n',
				fields_set: 'id,number,payment_amount',
			},
		});
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		const [body] = bodiesSentTo(sim, 'payments/pay_invoice');
		expect(body).toEqual({
			accounts_receivable_identifier: { id: 'A6F1C2D3E4B5A6978812345678ABCDEF' },
			type_identifier: { alternative_code: 'IBP' },
			category_identifier: { code: 'INVPAY' },
			payment_method_identifier: { id: 'PM01' },
			invoice_identifier: { back_office_code: 'BO-INV002' },
			received_on: '2014-07-14T09:12:54',
			received_by_user_identifier: { id: 'U1' },
			received_by_unit_identifier: { alternative_code: 'ADM' },
			card_identifier: { last_digits: '4242' },
			accounts_receivable_payment_preference_identifier: {
				payment_preference_identifier: { name: 'Direct Debit Preference' },
			},
			notes: 'Paid from n8n',
			back_office_code: 'PAY-0001',
			udf_string_1: 'text 1',
			udf_string_2: 'text 2',
			udf_string_3: 'text 3',
			udf_string_4: 'text 4',
			udf_string_5: 'text 5',
			udf_string_6: 'text 6',
			udf_string_7: 'text 7',
			udf_string_8: 'text 8',
			udf_float_1: 12.5,
			udf_float_2: 3,
			udf_float_3: -0.25,
			udf_float_4: 7,
			udf_date_1: '2014-07-11T09:12:54',
			udf_date_2: '2014-07-12T09:12:54',
			udf_date_3: '2014-07-13T09:12:54',
			udf_date_4: '2014-07-14T09:12:54',
			fields_set: 'id,number,payment_amount',
		});
		expect(result.items[0].json).toMatchObject({
			status: 'paid',
			id: expect.any(String),
			number: '100',
			payment_amount: '12.50',
			invoice_identifier: { back_office_code: 'BO-INV002' },
			back_office_code: 'PAY-0001',
		});
	});

	test('identifiers given in JSON mode (automations, AI agents) are sent as given', async () => {
		const parameters = payParameters({
			invoice_identifier: rl('json', '={{ JSON.stringify({ number: $json.invoice }) }}'),
			accounts_receivable_identifier: rl('json', '{"name":"Dina Mika"}'),
			additionalFields: {
				accounts_receivable_payment_preference_identifier: rl(
					'json',
					'{"payment_preference_identifier":{"alternative_code":"DD"}}',
				),
			},
		});
		const result = await run(parameters, [{ invoice: 'INV002' }]);
		expect(result.error).toBeUndefined();
		const [body] = bodiesSentTo(sim, 'payments/pay_invoice');
		expect(body.invoice_identifier).toEqual({ number: 'INV002' });
		expect(body.accounts_receivable_identifier).toEqual({ name: 'Dina Mika' });
		expect(body.accounts_receivable_payment_preference_identifier).toEqual({
			payment_preference_identifier: { alternative_code: 'DD' },
		});
	});

	test('optional identifiers left empty are not sent', async () => {
		const parameters = payParameters({
			wallet_identifier: rl('number', ''),
			additionalFields: { category_identifier: rl('name', ''), card_identifier: rl('json', ''), notes: '' },
		});
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		expect(Object.keys(bodiesSentTo(sim, 'payments/pay_invoice')[0]).sort()).toEqual(
			['accounts_receivable_identifier', 'invoice_identifier', 'payment_method_identifier', 'type_identifier'].sort(),
		);
	});
});

// Every test here runs one item at a time and with 10 items in flight at once.
describe.each(BATCH_MODES)('paying safely (%s)', (_mode, batching) => {
	const pay = (overrides: Parameters<typeof payParameters>[0] = {}) => withBatching(payParameters(overrides), batching);

	test('check first: a paid invoice is skipped and nothing is paid; an open one is read, then paid', async () => {
		const parameters = pay({
			invoice_identifier: rl('number', '={{ $json.invoice }}'),
			options: { checkFirst: true },
		});
		const result = await run(parameters, [{ invoice: 'INV003' }, { invoice: 'INV001' }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['skipped: already paid', 'paid']);
		expect(result.items[0].json).toMatchObject({
			invoice_identifier: { number: 'INV003' },
			invoice: { number: 'INV003', outstanding_amount: 0 },
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const shows = sim.requestsTo('invoices/show');
		expect(shows.map((request) => request.query.invoice_identifier)).toEqual(['number=INV003', 'number=INV001']);
		expect(sim.requestsTo('payments/pay_invoice')).toHaveLength(1);
		expect(sim.payments).toHaveLength(1);
		expect(sim.invoice({ number: 'INV001' })?.outstanding_amount).toBe('0.00');
	});

	test('a back_office_code CRM.COM already has, on an invoice with nothing outstanding, is already paid', async () => {
		const parameters = pay({
			invoice_identifier: rl('number', '={{ $json.invoice }}'),
			back_office_code: '={{ $json.paymentId }}',
		});
		const items = [
			{ invoice: 'INV001', paymentId: 'PAY-1' },
			{ invoice: 'INV002', paymentId: 'PAY-2' },
		];
		const store = storeFor(sim);
		const first = await run(parameters, items, { credentials: store });
		expect(first.items.map((item) => item.json.status)).toEqual(['paid', 'paid']);

		// The same workflow run again (e.g. after a crash): CRM.COM refuses the codes, and the
		// invoices' balances (read after the refusal) say they are paid.
		const again = await run(parameters, items, { credentials: store });
		expect(again.error).toBeUndefined();
		expect(again.items.map((item) => item.json)).toMatchObject(
			['PAY-1', 'PAY-2'].map((code, index) => ({
				status: 'skipped: already paid',
				reason: `The invoice's outstanding amount is 0 (and CRM.COM refused the back office code: back_office_code ${code} already exists)`,
				invoice_identifier: { number: items[index].invoice },
				back_office_code: code,
				invoice: expect.objectContaining({ number: items[index].invoice, outstanding_amount: 0 }),
			})),
		);
		expect(sim.payments).toHaveLength(2);
		expect([...paymentsPerInvoice(sim).values()]).toEqual([1, 1]);
	});

	test('a back_office_code used by a payment of another invoice fails the item, in CRM.COM\'s words: the invoice stays unpaid', async () => {
		sim.addPayment({ invoice: { number: 'INV001' }, back_office_code: 'BANK-7781' });
		const result = await run(pay({ invoice_identifier: rl('number', 'INV002'), back_office_code: 'BANK-7781' }), undefined, { continueOnFail: true });
		expect(result.items).toHaveLength(1);
		const failed = result.items[0].json;
		expect(failed.status).toBe('failed');
		expect(failed.error).toBe(
			'CRM.COM payments/pay_invoice failed: back_office_code BANK-7781 already exists (the back office code BANK-7781 was used before, by a payment CRM.COM already has) [DUPLICATE_BACK_OFFICE_CODE]',
		);
		expect(failed.errorDescription).toMatch(/NOT paid: its outstanding amount is 12\.5\b/);
		expect(sim.invoice({ number: 'INV002' })?.outstanding_amount).toBe('12.50');
		expect(sim.payments.filter((payment) => payment.back_office_code === 'BANK-7781')).toHaveLength(1);
		// The refused payment, then the balance read that decides.
		expect(sim.requests.map((request) => request.path.replace(/.*\/v2\//, ''))).toEqual(
			expect.arrayContaining(['payments/pay_invoice', 'invoices/show']),
		);
	});

	test('a refusal of an invoice already paid, without a back office code, is a failure with CRM.COM\'s words', async () => {
		const result = await run(pay({ invoice_identifier: rl('number', 'INV003') }));
		expect(result.error?.message).toBe(
			'CRM.COM payments/pay_invoice failed: Invoice INV003 has no outstanding amount [INVOICE_ALREADY_PAID]',
		);
	});

	test('dry run with check first still sends nothing, not even a sign-in', async () => {
		const result = await run(pay({ options: { dryRun: true, checkFirst: true } }));
		expect(result.items[0].json.status).toBe('dry run');
		expect(sim.requests).toHaveLength(0);
		expect(sim.signIns).toBe(0);
	});

	test('a payment whose answer is lost is not sent again and is reported as possibly made', async () => {
		sim.fail({ kind: 'reset', afterProcessing: true }, { when: (request) => request.path.endsWith('pay_invoice') });
		const result = await run(pay());
		expect(result.error?.message).toMatch(/^CRM\.COM payments\/pay_invoice failed: /);
		expect(result.error?.description).toMatch(/may have reached the vendor/);
		expect(sim.requestsTo('payments/pay_invoice')).toHaveLength(1);
		expect(sim.payments).toHaveLength(1);
	});

	test('a malformed answer to a payment is a failure whose outcome is unknown', async () => {
		sim.fail({ kind: 'malformed' }, { when: (request) => request.path.endsWith('pay_invoice') });
		const result = await run(pay());
		expect(result.error?.message).toMatch(/not a CRM\.COM API answer/);
		expect(result.error?.description).toMatch(/may have reached the vendor/);
		expect(sim.requestsTo('payments/pay_invoice')).toHaveLength(1);
	});

	test('the same invoice twice in one run with check first is paid once: the second item runs after the first and skips it', async () => {
		const parameters = pay({ invoice_identifier: rl('number', '={{ $json.invoice }}'), options: { checkFirst: true } });
		const result = await run(parameters, [{ invoice: 'INV001' }, { invoice: 'INV002' }, { invoice: 'INV001' }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['paid', 'paid', 'skipped: already paid']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect([...paymentsPerInvoice(sim).values()]).toEqual([1, 1]);
		expect(sim.payments).toHaveLength(2);
		expect(sim.signIns).toBe(1);
	});
});

describe('CRM.COM error answers', () => {
	test('NOT_FOUND fails the item with CRM.COM\'s message and code', async () => {
		const result = await run(payParameters({ invoice_identifier: rl('number', 'INV999') }));
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe('CRM.COM payments/pay_invoice failed: Invoice not found: number=INV999 [NOT_FOUND]');
		expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(0);
		expect(sim.payments).toHaveLength(0);
	});

	test('with Continue On Fail the failing item carries its error and the others are paid, each paired', async () => {
		const parameters = payParameters({ invoice_identifier: rl('number', '={{ $json.invoice }}') });
		const result = await run(parameters, [{ invoice: 'INV001' }, { invoice: 'INV999' }, { invoice: 'INV002' }], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.status).toBe('paid');
		expect(result.items[0].json.invoice_identifier).toEqual({ number: 'INV001' });
		expect(result.items[1].json.error).toBe(
			'CRM.COM payments/pay_invoice failed: Invoice not found: number=INV999 [NOT_FOUND]',
		);
		expect(result.items[2].json.status).toBe('paid');
		expect(result.items[2].json.invoice_identifier).toEqual({ number: 'INV002' });
		expect(sim.payments).toHaveLength(2);
	});

	test('an invoice in another state, and a wrong accounts receivable, fail with CRM.COM\'s words', async () => {
		sim.addInvoice({
			number: 'INV010',
			reference_number: '900',
			total_amount: '10.00',
			outstanding_amount: '10.00',
			life_cycle_state: 'DRAFT',
		});
		const parameters = payParameters({ invoice_identifier: rl('number', '={{ $json.invoice }}') });
		const result = await run({ ...parameters, accounts_receivable_identifier: rl('number', '={{ $json.ar }}') }, [
					{ invoice: 'INV010', ar: '192' },
					{ invoice: 'INV001', ar: '999' },
				], { continueOnFail: true });
		expect(result.items.map((item) => item.json.error)).toEqual([
			'CRM.COM payments/pay_invoice failed: Invoice INV010 is DRAFT; only POSTED invoices can be paid [INVALID_INVOICE_STATE]',
			'CRM.COM payments/pay_invoice failed: accounts_receivable_identifier: invoice INV001 does not belong to accounts receivable number=999 [INVALID_PARAMETER]',
		]);
	});

	test('an HTML error page is reported as such, with its HTTP status', async () => {
		sim.fail({ kind: 'html', status: 502 }, { when: (request) => request.path.endsWith('pay_invoice') });
		const result = await run(payParameters());
		expect(result.error?.message).toBe(
			'CRM.COM payments/pay_invoice failed: HTTP 502, an HTML page instead of an API answer: 502 Bad Gateway',
		);
	});

	test('a JSON error answer with an HTTP error status keeps CRM.COM\'s message and code', async () => {
		sim.fail(
			{
				kind: 'status',
				status: 500,
				contentType: 'application/json',
				body: JSON.stringify({ status: { code: 'GENERAL_ERROR', message: 'Database unavailable', description: '' }, data: null }),
			},
			{ when: (request) => request.path.endsWith('pay_invoice') },
		);
		const result = await run(payParameters());
		expect(result.error?.message).toBe('CRM.COM payments/pay_invoice failed: Database unavailable [GENERAL_ERROR]');
		expect(sim.requestsTo('payments/pay_invoice')).toHaveLength(1);
	});
});

// Bad input (was input.test.ts).
/** [what is wrong, parameters, the field the error names, the message]. */
const BAD_INPUT: Array<[string, INodeParameters, string, string | RegExp]> = [
	[
		'a missing invoice (an expression that gives nothing)',
		payParameters({ invoice_identifier: rl('number', '={{ $json.invoice }}') }),
		'Invoice',
		"Invoice: invoice_identifier is required: give the invoice's id, number, reference_number or back_office_code",
	],
	[
		'a missing payment method',
		payParameters({ payment_method_identifier: rl('name', '  ') }),
		'Payment Method',
		/^Payment Method: payment_method_identifier is required/,
	],
	[
		'a missing type (JSON mode, an expression that gives nothing)',
		payParameters({ type_identifier: rl('json', '={{ $json.type }}') }),
		'Financial Transaction Type',
		/^Financial Transaction Type: type_identifier is required/,
	],
	[
		'an invoice with two keys (JSON mode)',
		payParameters({ invoice_identifier: rl('json', '{"number":"INV001","id":"54F3A49F23024C51AFF21B7C728F3549"}') }),
		'Invoice',
		'Invoice: invoice_identifier has 2 keys (number, id): give exactly one of id, number, reference_number, back_office_code',
	],
	[
		'an invoice with no key (JSON mode)',
		payParameters({ invoice_identifier: rl('json', '{}') }),
		'Invoice',
		'Invoice: invoice_identifier has none of its keys: give exactly one of id, number, reference_number, back_office_code',
	],
	[
		'an invoice with an unknown key (JSON mode)',
		payParameters({ invoice_identifier: rl('json', '{"invoice_number":"INV001"}') }),
		'Invoice',
		'Invoice: invoice_identifier has unknown key invoice_number: use exactly one of id, number, reference_number, back_office_code',
	],
	[
		'invalid JSON',
		payParameters({ type_identifier: rl('json', '{name: Cash}') }),
		'Financial Transaction Type',
		/^Financial Transaction Type: type_identifier \(JSON mode\) is not valid JSON: .*Example: \{"name":"Invoices Balance Payment"\}$/,
	],
	[
		'a nested identifier with two keys (JSON mode)',
		payParameters({
			additionalFields: {
				accounts_receivable_payment_preference_identifier: rl(
					'json',
					'{"payment_preference_identifier":{"id":"1","name":"DD"}}',
				),
			},
		}),
		'Accounts Receivable Payment Preference',
		'Accounts Receivable Payment Preference: accounts_receivable_payment_preference_identifier.payment_preference_identifier has 2 keys (id, name): give exactly one of id, name, alternative_code',
	],
	[
		'neither accounts receivable nor wallet',
		payParameters({ accounts_receivable_identifier: rl('number', '') }),
		'Accounts Receivable',
		'Accounts Receivable: accounts_receivable_identifier or wallet_identifier is required: set exactly one of them',
	],
	[
		'both accounts receivable and wallet',
		payParameters({ wallet_identifier: rl('number', 'W0000007376') }),
		'Accounts Receivable',
		'Accounts Receivable: accounts_receivable_identifier and wallet_identifier are both set: CRM.COM allows only one of them',
	],
	[
		'a malformed received_on',
		payParameters({ additionalFields: { received_on: '2014-13-45T09:12:54' } }),
		'Received On',
		/^Received On is not a valid date: "2014-13-45T09:12:54"/,
	],
	[
		'a malformed UDF date',
		payParameters({ additionalFields: { udf_date_3: 'next tuesday' } }),
		'UDF Date 3',
		/^UDF Date 3 must be a date such as 2021-10-22 or 2021-10-22T12:01:44, got "next tuesday"/,
	],
	[
		'a malformed UDF float',
		payParameters({ additionalFields: { udf_float_2: '12,5' } }),
		'UDF Float 2',
		'UDF Float 2 must be a number such as 12.5, got "12,5"',
	],
	[
		'a UDF float that is not a number',
		payParameters({ additionalFields: { udf_float_4: 'abc' } }),
		'UDF Float 4',
		'UDF Float 4 must be a number such as 12.5, got "abc"',
	],
	[
		'a malformed fields_set',
		payParameters({ additionalFields: { fields_set: 'id;number' } }),
		'Fields Set',
		'Fields Set must be field names separated by commas, without spaces, such as number,total_amount, got "id;number"',
	],
];

describe('bad input fails the item before anything is sent', () => {
	test.each(BAD_INPUT)('%s', async (_, parameters, field, message) => {
		const result = await run(parameters);
		expect(result.items).toHaveLength(0);
		expect(result.error?.name).toBe('NodeOperationError');
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(result.error?.message.startsWith(field)).toBe(true);
		expect(result.error?.description).toBe(`Check the "${field}" field: nothing was sent to the vendor.`);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		// Not even a sign-in.
		expect(sim.requests).toHaveLength(0);
	});

	test('a mandatory identifier left empty in the editor: n8n itself refuses to run the node', async () => {
		await expect(run(payParameters({ invoice_identifier: rl('number', '') }))).rejects.toThrow(
			'Parameter "Invoice" is required',
		);
		expect(sim.requests).toHaveLength(0);
	});

	test('with Continue On Fail only the bad item fails; the good ones are paid', async () => {
		const parameters = payParameters({ invoice_identifier: rl('json', '={{ $json.invoice }}') });
		const result = await run(parameters, [
				{ invoice: '{"number":"INV001"}' },
				{ invoice: '{"number":"INV002","reference_number":"2023"}' },
				{ invoice: '{"reference_number":"2023"}' },
			], { continueOnFail: true });
		expect(result.items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'paid',
			'Invoice: invoice_identifier has 2 keys (number, reference_number): give exactly one of id, number, reference_number, back_office_code',
			'paid',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.payments).toHaveLength(2);
	});

	test('an identifier given as an object by an expression is read as JSON', async () => {
		const parameters = payParameters({ invoice_identifier: rl('json', '={{ $json.invoice }}') });
		const result = await run(parameters, [{ invoice: { number: 'INV001' } }, { invoice: { number: 'INV002', id: 'X' } }], { continueOnFail: true });
		expect(result.items[0].json.status).toBe('paid');
		expect(result.items[1].json.error).toMatch(/^Invoice: invoice_identifier has 2 keys \(number, id\)/);
	});
});

