import { listDocuments, listParameters, run, simulatorForSuite } from '../fixtures';

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
