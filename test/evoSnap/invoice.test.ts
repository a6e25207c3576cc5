/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_EVO_INVOICES } from '../simulators/evoSnapDemo';
import { cmsRequests, everything, run, simulatorForSuite, storeFor } from './fixtures';

const sim = simulatorForSuite();

const CARD = '4111111111193231';
const TOKEN = '4658760022341387';
const TOKEN_AUTH = 'CgyU4V8BYHn8+Ne1zl5UMAACAAA=';

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

describe('Create, Get, Update, Update State', () => {
	test('Create from fields, then Get echoes it with card data masked (last 4 digits at most)', async () => {
		const store = storeFor(sim);
		const created = await run({
			resource: 'invoice',
			operation: 'create',
			Amount: '12.50',
			MerchantInvoiceId: '14C4E',
			AutomationInfo: { NoAutomation: true },
			BillingData: { Company: 'ACME', Street1: '555 Test Street', City: 'Denver' },
			Order: { CurrencyCode: 'USD', TaxExempt: 'NotExemptTaxInfoProvided' },
			PaymentData: { PaymentType: 'Credit', CardType: 'Visa', PaymentAccountNumber: CARD, PaymentAccountExpiration: '0520' },
		}, undefined, { credentials: store });
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.InvoiceReferenceId as string;
		expect(created.items[0].json).toEqual({
			status: 'created',
			InvoiceReferenceId: id,
			Amount: '12.50',
			MerchantInvoiceId: '14C4E',
			CustomerReferenceId: null,
			CurrencyCode: 'USD',
			MerchantProfileId: 'Dev_Test_28',
		});
		const [request] = cmsRequests(sim, '/Invoices/');
		expect(request.body).toContain('"Amount":12.50,');
		expect((request.json as IDataObject).Invoice).toMatchObject({ Order: { BillingData: { Company: 'ACME', Address: { Street1: '555 Test Street', City: 'Denver' } } } });
		expect(sim.invoice(id)?.InvoiceState).toBe('Pending');

		const got = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: id }, undefined, { credentials: store });
		expect(got.items[0].json).toMatchObject({ InvoiceReferenceId: id, InvoiceState: 'Pending', Amount: 12.5 });
		expect((got.items[0].json.PaymentData as IDataObject).PaymentAccountNumber).toBe('************3231');
		expect(cmsRequests(sim).at(-1)?.query).toEqual({ merchantProfileId: 'Dev_Test_28', scope: 'MerchantProfileId' });

		const many = await run(getMany({ returnAll: true }), undefined, { credentials: store });
		expect(everything(got) + everything(many) + everything(created)).not.toContain(CARD);
		expect(many.items.find((item) => item.json.InvoiceReferenceId === id)?.json.PaymentData).toMatchObject({
			PaymentAccountNumber: '************3231',
		});
	});

	test('Create with a token: Get echoes the token masked and never its authentication value', async () => {
		const store = storeFor(sim);
		const created = await run({
			resource: 'invoice',
			operation: 'create',
			Amount: '12.50',
			TokenInformation: { Token: TOKEN, TokenExpirationDate: '1223', TokenCardType: 'Visa', TokenIndicator: '103', TokenAuthenticationValue: TOKEN_AUTH },
		}, undefined, { credentials: store });
		const id = created.items[0].json.InvoiceReferenceId as string;
		expect((cmsRequests(sim, '/Invoices/')[0].json as IDataObject).Invoice).toMatchObject({
			PaymentData: { TokenInformation: { Token: TOKEN, TokenAuthenticationValue: TOKEN_AUTH } },
		});
		const got = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: id }, undefined, { credentials: store });
		expect((got.items[0].json.PaymentData as IDataObject).TokenInformation).toEqual({
			Token: '************1387',
			TokenExpirationDate: '1223',
			TokenCardType: 'Visa',
			TokenIndicator: '103',
			TokenAuthenticationValue: '***',
		});
		expect(everything(got) + everything(created)).not.toContain(TOKEN);
		expect(everything(got) + everything(created)).not.toContain(TOKEN_AUTH);
	});

	test('order items and itemized taxes from a JSON expression (an order\'s lines from a webhook)', async () => {
		const lines = [
			{ Amount: 10, Description: 'Widget', Quantity: 5, UnitPrice: '2.0', TaxIncluded: true },
			{ Amount: '0.30', Description: 'Sticker', Quantity: '1', DiscountAmount: '0.00', Tax: { Amount: '0.0225', Rate: '0.075' } },
		];
		const result = await run({
				resource: 'invoice',
				operation: 'create',
				Amount: '={{ $json.total }}',
				Order: { OrderItemsJson: '={{ $json.lines }}', ItemizedTaxesJson: '={{ JSON.stringify($json.taxes) }}', CurrencyCode: 'USD' },
			}, [{ total: '10.30', lines, taxes: [{ Amount: '0.0225', Rate: '0.075', Type: 'StateSalesTax' }] }]);
		expect(result.error).toBeUndefined();
		const body = cmsRequests(sim, '/Invoices/')[0].body;
		expect(body).toContain(
			'"OrderItems":[{"Amount":10,"Description":"Widget","Quantity":5,"TaxIncluded":true,"UnitPrice":2.0},{"Amount":0.30,"Description":"Sticker","DiscountAmount":0.00,"Quantity":1,"Tax":{"Amount":0.0225,"Rate":0.075}}]',
		);
		expect(body).toContain('"ItemizedTaxes":[{"Amount":0.0225,"Rate":0.075,"Type":"StateSalesTax"}]');
		expect(body).toContain('"Amount":10.30,');
	});

	test('order items as a fixed collection', async () => {
		await run({
			resource: 'invoice',
			operation: 'create',
			Amount: '2.00',
			OrderItems: { item: [{ Amount: '2.00', Description: 'A', Quantity: '1', UnitPrice: '2.00', DiscountIncluded: false, TaxIncluded: false }] },
			ItemizedTaxes: { tax: [{ Amount: '0.10', Rate: '0.05', Type: 'VAT' }] },
		});
		const invoice = (cmsRequests(sim, '/Invoices/')[0].json as IDataObject).Invoice as IDataObject;
		expect(invoice.Order).toEqual({
			ItemizedTaxes: [{ Amount: 0.1, Rate: 0.05, Type: 'VAT' }],
			OrderItems: [{ Amount: 2, Description: 'A', DiscountIncluded: false, Quantity: 1, TaxIncluded: false, UnitPrice: 2 }],
		});
	});

	test('Update replaces the invoice (every field, empty ones null); Update State cancels it', async () => {
		const store = storeFor(sim);
		const id = DEMO_EVO_INVOICES.pending;
		const updated = await run({
			resource: 'invoice',
			operation: 'update',
			InvoiceReferenceId: id,
			Amount: '13.75',
			MerchantInvoiceId: '14C4E',
			AutomationInfo: { EmailInvoice: true },
			Order: { CurrencyCode: 'USD' },
		}, undefined, { credentials: store });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ status: 'updated', InvoiceReferenceId: id, Amount: '13.75' });
		const [request] = cmsRequests(sim, `/Invoices/${id}`);
		expect(request.method).toBe('PUT');
		expect((request.json as IDataObject).Invoice).toEqual({
			Amount: 13.75,
			MerchantInvoiceId: '14C4E',
			AutomationInfo: { NoAutomation: false, CreateInvoice: false, EmailInvoice: true, ProcessPayment: false },
			Order: expect.objectContaining({ BillingData: null, ShippingData: null, CurrencyCode: 'USD', Enable3D: false, OrderItems: null }),
			CustomerReferenceId: null,
			PaymentData: null,
			EmployeeId: null,
		});
		expect(sim.invoice(id)?.invoice.Amount).toBe(13.75);

		const state = await run({ resource: 'invoice', operation: 'updateState', InvoiceReferenceId: id, InvoiceState: 'Cancelled' }, undefined, { credentials: store });
		expect(state.items[0].json).toEqual({ status: 'updated', InvoiceReferenceId: id, InvoiceState: 'Cancelled' });
		expect(cmsRequests(sim, '/state')[0].json).toEqual({ MerchantProfileId: 'Dev_Test_28', InvoiceState: 'Cancelled' });
		expect(sim.invoice(id)?.InvoiceState).toBe('Cancelled');
	});

	test('an unknown invoice fails with EVO\'s fault; Continue On Fail keeps the other items', async () => {
		const result = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: '={{ $json.id }}' }, [{ id: 'NOPE0000' }, { id: DEMO_EVO_INVOICES.paid }], { continueOnFail: true });
		expect(result.items[0].json.error).toBe('EVO Snap* GetInvoice failed: Invoice NOPE0000 was not found [500]');
		expect(result.items[1].json).toMatchObject({ InvoiceReferenceId: DEMO_EVO_INVOICES.paid, InvoiceState: 'Paid' });
	});

	test('a validation fault names EVO\'s rule; an HTML or empty 500 is reported as such', async () => {
		const store = storeFor(sim);
		const bad = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: DEMO_EVO_INVOICES.paid, additionalFields: { MerchantProfileId: 'Other' } }, undefined, { credentials: store });
		expect(bad.error?.message).toBe('EVO Snap* GetInvoice failed: Validation Errors Occurred; merchantProfileId: Unknown merchant profile: Other [0]');
		sim.fail({ kind: 'status', status: 500 });
		const empty = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: DEMO_EVO_INVOICES.paid }, undefined, { credentials: store });
		expect(empty.error?.message).toBe('EVO Snap* GetInvoice failed: HTTP 500');
		sim.fail({ kind: 'html', status: 502 });
		const html = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: DEMO_EVO_INVOICES.paid }, undefined, { credentials: store });
		expect(html.error?.message).toBe('EVO Snap* GetInvoice failed: HTTP 502, an HTML page instead of an API answer: 502 Bad Gateway');
	});
});
