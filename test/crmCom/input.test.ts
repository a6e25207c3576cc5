import type { INodeParameters } from 'n8n-workflow';

import { CrmComSimulator } from '../simulators/crmCom';
import { payParameters, rl, run, simulatorForSuite } from './fixtures';

const sim: CrmComSimulator = simulatorForSuite();

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
		'Fields Set must be field names separated by commas, got "id;number"',
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
