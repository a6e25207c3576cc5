import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { cmsRequests, run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

const getMany = (parameters: INodeParameters = {}): INodeParameters => ({ resource: 'invoice', operation: 'getMany', ...parameters });

describe('Get Many (POST Invoices/query)', () => {
	beforeEach(() => {
		sim.reset();
		for (let index = 0; index < 120; index++) sim.addInvoice({ Amount: '1.00', MerchantInvoiceId: `M${index}` });
	});

	test('Return All: 120 invoices, one item each, from 3 pages of at most 50', async () => {
		const result = await run(getMany({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(120);
		expect(result.items.map((item) => item.json.MerchantInvoiceId)).toEqual(Array.from({ length: 120 }, (_, index) => `M${index}`));
		const queries = cmsRequests(sim, '/query').map((request) => request.json as IDataObject);
		expect(queries.map((query) => query.PagingParameters)).toEqual([
			{ Page: 0, PageSize: 50 },
			{ Page: 1, PageSize: 50 },
			{ Page: 2, PageSize: 50 },
		]);
		expect(queries[0].QueryInvoiceParameters).toEqual({
			CreatedDateRange: null,
			InvoiceReferenceId: null,
			InvoiceState: 'NotSet',
			CustomerReferenceId: null,
			SubscriptionReferenceId: null,
			MerchantInvoiceId: null,
		});
		expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit 10: 10 invoices from 1 request', async () => {
		const result = await run(getMany({ returnAll: false, limit: 10 }));
		expect(result.items).toHaveLength(10);
		const queries = cmsRequests(sim, '/query');
		expect(queries).toHaveLength(1);
		expect((queries[0].json as IDataObject).PagingParameters).toEqual({ Page: 0, PageSize: 10 });
	});

	test('Limit 70: two pages, 70 items', async () => {
		const result = await run(getMany({ returnAll: false, limit: 70 }));
		expect(result.items).toHaveLength(70);
		expect(cmsRequests(sim, '/query')).toHaveLength(2);
	});

	test('filters are sent under their names; a date range as StartDateTime/EndDateTime', async () => {
		const id = sim.invoices[5].InvoiceReferenceId;
		const result = await run(getMany({
				returnAll: true,
				filters: {
					InvoiceReferenceId: id,
					InvoiceState: 'Pending',
					StartDateTime: '2017-03-27T00:00:00',
					EndDateTime: '2017-03-28T00:00:00',
				},
			}));
		expect(result.items.map((item) => item.json.InvoiceReferenceId)).toEqual([id]);
		expect((cmsRequests(sim, '/query')[0].json as IDataObject).QueryInvoiceParameters).toEqual({
			CreatedDateRange: { StartDateTime: '2017-03-27T00:00:00', EndDateTime: '2017-03-28T00:00:00' },
			InvoiceReferenceId: id,
			InvoiceState: 'Pending',
			CustomerReferenceId: null,
			SubscriptionReferenceId: null,
			MerchantInvoiceId: null,
		});
	});
});
