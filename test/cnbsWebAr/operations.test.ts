import type { IDataObject } from 'n8n-workflow';

import { DEMO_CNBS_CARD, DEMO_CNBS_SYSTEM_ID } from '../simulators/cnbsWebArDemo';
import {
	everythingShown,
	listDocuments,
	listParameters,
	loadOptionsOf,
	payParameters,
	run,
	simulatorForSuite,
	storeFor,
} from './fixtures';

const sim = simulatorForSuite();

describe('Invoice > Get Many', () => {
	test('every filter is sent under its CNBS name, dates as MM-DD-YYYY without a day shift', async () => {
		const result = await run(listParameters({
				document_search_status: '03',
				filters: {
					soldto_number: '3000',
					sales_organization: '3000',
					distribution_channel: '10',
					division: '00',
					document_type: '01',
					// Midnight at +14:00 is the previous day in UTC: the date must stay the 24th.
					date_from: '2017-03-24T00:00:00.000+14:00',
					date_to: '2017-03-26T23:30:00',
				},
			}), undefined, { timezone: 'Pacific/Kiritimati' });
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo('/cnbs/v1/invoices');
		expect(request.query).toEqual({
			'sap-client': '800',
			'sap-language': 'EN',
			apiid: 'CNBSMV01R',
			soldto_number: '3000',
			sales_organization: '3000',
			distribution_channel: '10',
			division: '00',
			payer_number: '3000',
			company_code: '3000',
			document_type: '01',
			document_search_status: '03',
			date_from: '03-24-2017',
			date_to: '03-26-2017',
		});
		expect(result.items.map((item) => item.json.document_number_finance)).toEqual(['1400000229', '1400000230', '1400000231']);
	});

	test('one item per document; the fiscal-year key with a space is read and output once, under the payment spelling', async () => {
		sim.fiscalYearWithSpace = true;
		const spaced = await listDocuments(sim);
		expect(spaced).toHaveLength(2);
		for (const document of spaced) {
			expect(document.fiscal_year_of_the_relevant_invoice).toBe(2017);
			expect(Object.keys(document)).not.toContain('fiscal_year_of_the_relevant invoice');
			expect(Object.keys(document).filter((key) => key.startsWith('fiscal_year'))).toHaveLength(1);
		}
		sim.fiscalYearWithSpace = false;
		const plain = await listDocuments(sim);
		expect(plain.map((document) => document.fiscal_year_of_the_relevant_invoice)).toEqual([2017, 2017]);
	});

	test('status as an object and as an array both work; an E answer is a failure with CNBS\'s words', async () => {
		sim.statusAsArray.other = true;
		expect(await listDocuments(sim)).toHaveLength(2);
		sim.statusAsArray.other = false;
		expect(await listDocuments(sim)).toHaveLength(2);
		const bad = await run(listParameters({ filters: { date_from: '=03/24/2017x' } }));
		expect(bad.error?.message).toContain('Date From is not a valid date');
		expect(sim.requestsTo('/cnbs/v1/invoices')).toHaveLength(2);
		sim.forcedMessage = { type: 'A', text: 'Customer 3000 is locked', number: 61 };
		const refused = await run(listParameters());
		expect(refused.error?.message).toBe('CNBS WebAR GET invoices failed: Customer 3000 is locked [/CNBS/X_API 61]');
	});

	test('no status at all is not a failure; an I message (nothing found) gives no items', async () => {
		sim.fail({ kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify({ document_list: [{ document_number_finance: '1', 'fiscal_year_of_the_relevant invoice': 2020 }] }) });
		const missing = await run(listParameters());
		expect(missing.error).toBeUndefined();
		expect(missing.items.map((item) => item.json)).toEqual([{ document_number_finance: '1', fiscal_year_of_the_relevant_invoice: 2020, company_code: '3000' }]);
		const none = await run(listParameters({ payer_number: '9999' }));
		expect(none.error).toBeUndefined();
		expect(none.items).toHaveLength(0);
	});
});

describe('Invoice > Get and Download PDF', () => {
	test('Get reads header, items, partners and document status; its defaults read Get Many\'s output', async () => {
		const [document] = await listDocuments(sim);
		const result = await run({ resource: 'invoice', operation: 'get' }, [document]);
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo('/cnbs/v1/invoices/id');
		expect(request.query).toMatchObject({ billing_document_number: '90036748', customer_number: '3000', document_type: '01' });
		const output = result.items[0].json;
		expect((output.header_data as IDataObject).fiscal_year_of_the_relevant_invoice).toBe(2017);
		expect((output.header_data as IDataObject).document_status).toBe('01');
		expect(output.document_status_text).toBe('open');
		expect(output.item_data).toHaveLength(1);
		expect(output.partner_data).toHaveLength(2);
	});

	test('an unknown document is a failure with CNBS\'s words', async () => {
		const result = await run({ resource: 'invoice', operation: 'get', billing_document_number: '123', customer_number: '3000' });
		expect(result.error?.message).toBe('CNBS WebAR GET invoices/id failed: Document 123 not found for customer 3000 [/CNBS/X_API 31]');
	});

	test('Download PDF returns n8n binary data with the file name CNBS gives', async () => {
		const [document] = await listDocuments(sim);
		const result = await run({ resource: 'invoice', operation: 'downloadPdf' }, [document]);
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo('/cnbs/v1/invoices/id/format/pdf');
		expect(request.headers.accept).toBe('application/pdf');
		const binary = result.items[0].binary?.data;
		expect(binary?.fileName).toBe('Invoice_90036748.pdf');
		expect(binary?.mimeType).toBe('application/pdf');
		expect(Buffer.from(binary?.data ?? '', 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(result.items[0].json).toMatchObject({ billing_document_number: '90036748', fileName: 'Invoice_90036748.pdf' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Download PDF of an unknown document fails with CNBS\'s words, not a broken file', async () => {
		const result = await run({ resource: 'invoice', operation: 'downloadPdf', billing_document_number: '1', customer_number: '3000' });
		expect(result.error?.message).toContain('Document 1 not found for customer 3000');
	});
});

describe('Payment > Make Deposit and Get Many; Customizing > Get', () => {
	test('Make Deposit sends payer_data, payment_detail and deposit_detail', async () => {
		const result = await run({
			...payParameters(),
			operation: 'makeDeposit',
			customer_number: '3000',
			company_code: '3000',
			amount_to_process: '150.5',
			currency_key: 'usd',
			reason_code: '02',
			comment: 'Advance',
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo('/cnbs/v1/invoices/deposits');
		expect(request.body).toContain('"amount_to_process":150.50');
		expect((request.json as IDataObject).deposit_detail).toEqual({ amount_to_process: 150.5, currency_key: 'USD', reason_code: '02', comment: 'Advance' });
		expect(((request.json as IDataObject).payment_detail as IDataObject).payment_card_token).toBe(DEMO_CNBS_CARD.payment_card_token);
		expect(result.items[0].json).toMatchObject({ status: 'deposited', amount_to_process: 150.5, currency_key: 'USD' });
		expect(sim.payments).toMatchObject([{ kind: 'deposit', amount: '150.50' }]);
		expect(everythingShown(result)).not.toContain(DEMO_CNBS_CARD.payment_card_token);
	});

	test('Make Deposit dry run sends nothing and masks the card data', async () => {
		const result = await run({ ...payParameters(), operation: 'makeDeposit', customer_number: '3000', company_code: '3000', amount_to_process: '10', options: { dryRun: true } });
		expect(sim.requests).toHaveLength(0);
		const request = result.items[0].json.request as IDataObject;
		expect(((request.body as IDataObject).payment_detail as IDataObject).payment_card_token).toBe('***000H');
		expect(((request.body as IDataObject).deposit_detail as IDataObject).amount_to_process).toBe(10);
	});

	test('Payment > Get Many: one item per payment, the card tokens CNBS echoes are masked', async () => {
		const documents = await listDocuments(sim);
		await run(payParameters(), documents);
		const result = await run({
			resource: 'payment',
			operation: 'getMany',
			payer_number: '3000',
			company_code: '3000',
			filters: { date_from: '2017-01-01', date_to: '2099-12-31' },
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo((req) => req.method === 'GET' && req.path === '/cnbs/v1/invoices/payments');
		expect(request.query).toMatchObject({ payer_number: '3000', company_code: '3000', document_type: '02', date_from: '01-01-2017', date_to: '12-31-2099' });
		expect(request.body).toBe('');
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			expect(item.json.payment_card_token).toBe('***000H');
			expect(typeof item.json.fiscal_year_of_the_relevant_invoice).toBe('number');
		}
		expect(everythingShown(result)).not.toContain(DEMO_CNBS_CARD.payment_card_token);
	});

	test('Customizing > Get returns the customizing as one item', async () => {
		const result = await run({ resource: 'customizing', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.generel_data).toEqual({ partial_payments_allowed: 'X', cvv_use_control: '' });
		expect(result.items[0].json.status).toBeUndefined();
	});

	test('the system ID never appears in an error, even when CNBS echoes it', async () => {
		sim.forcedMessage = { type: 'E', text: `System ${DEMO_CNBS_SYSTEM_ID} is locked` };
		const result = await run({ resource: 'customizing', operation: 'get' });
		expect(result.error?.message).toBe('CNBS WebAR GET customizing failed: System *** is locked [/CNBS/X_API 99]');
		expect(JSON.stringify(result.error)).not.toContain(DEMO_CNBS_SYSTEM_ID);
	});
});

describe('dropdowns read from customizing (n8n\'s LoadOptionsContext)', () => {
	test('company codes, payment reason codes and card types', async () => {
		expect(await loadOptionsOf(sim, 'getCompanyCodes')).toEqual([{ name: '3000 - Company 3000', value: '3000' }]);
		expect(await loadOptionsOf(sim, 'getPaymentReasonCodes')).toEqual([
			{ name: '(None)', value: '' },
			{ name: '01 - Partial payment, company code 3000', value: '01' },
			{ name: '02 - Disputed amount, company code 3000, comment required', value: '02' },
		]);
		expect(await loadOptionsOf(sim, 'getPaymentCardTypes')).toEqual([
			{ name: 'AMEX - American Express', value: 'AMEX' },
			{ name: 'MC - MasterCard', value: 'MC' },
			{ name: 'VISA - Visa', value: 'VISA' },
		]);
		const reads = sim.requestsTo('/cnbs/v1/customizing');
		expect(reads).toHaveLength(3);
		expect(reads[0].headers.cnbssysid).toBe(DEMO_CNBS_SYSTEM_ID);
	});

	test('a refused system ID fails the dropdown with CNBS\'s words, the ID masked', async () => {
		await expect(loadOptionsOf(sim, 'getCompanyCodes', storeFor(sim, { systemIdSecret: 'wrong-id-1234' }))).rejects.toThrow(
			'System ID is not valid for this system',
		);
	});
});
