/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_EVO_INVOICES } from '../../simulators/evoSnapDemo';
import { cmsRequests, everything, processParameters, run, shown, simulatorForSuite, storeFor } from '../fixtures';

const sim = simulatorForSuite();

const CARD = '4111111111193231';
const TOKEN = '4658760022341387';
const TOKEN_AUTH = 'CgyU4V8BYHn8+Ne1zl5UMAACAAA=';

const getMany = (parameters: INodeParameters = {}): INodeParameters => ({ resource: 'invoice', operation: 'getMany', ...parameters });
const create = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'create',
	Amount: '12.50',
	...overrides,
});

/** [what is wrong, parameters, the field the error names, the message]. */
const BAD_INPUT: Array<[string, INodeParameters, string, string | RegExp]> = [
	['a missing Amount (blank)', create({ Amount: '  ' }), 'Amount', 'Amount is required (got only whitespace)'],
	['a missing Amount (an expression that gives nothing)', create({ Amount: '={{ $json.total }}' }), 'Amount', 'Amount is required'],
	['a zero Amount', create({ Amount: '0.00' }), 'Amount', 'Amount must be greater than zero'],
	['a negative Amount', create({ Amount: '-5.00' }), 'Amount', 'Amount must be positive, got -5.00'],
	['an over-precise Amount', create({ Amount: '12.505' }), 'Amount', 'Amount has more than 2 decimal places: 12.505'],
	['a float artefact as Amount', create({ Amount: '={{ 0.1 + 0.2 }}' }), 'Amount', 'Amount has more than 2 decimal places: 0.30000000000000004'],
	['an Amount that is not a number', create({ Amount: '12,50' }), 'Amount', 'Amount must be a decimal amount such as 12.00, got "12,50"'],
	[
		'an expiration like 1320 (Create)',
		create({ PaymentData: { PaymentAccountNumber: CARD, PaymentAccountExpiration: '1320' } }),
		'Payment Account Expiration',
		'Payment Account Expiration must be a card expiry as MMYY, such as 1230 (got text of 4 characters)',
	],
	[
		'an expiration like 1320 (Process)',
		processParameters({ PaymentData: { PaymentAccountNumber: CARD, PaymentAccountExpiration: '1320' } }),
		'Payment Account Expiration',
		'Payment Account Expiration must be a card expiry as MMYY, such as 1230 (got text of 4 characters)',
	],
	[
		'a token expiration like 0023',
		create({ TokenInformation: { Token: '4658760022341387', TokenExpirationDate: '0023' } }),
		'Token Expiration Date',
		'Token Expiration Date must be a card expiry as MMYY, such as 1230 (got text of 4 characters)',
	],
	[
		'card data and a token both given (Create)',
		create({ PaymentData: { PaymentAccountNumber: CARD }, TokenInformation: { Token: '4658760022341387' } }),
		'TokenInformation',
		'TokenInformation and card data (PaymentData) are both set: pay with card data or with a token, not both',
	],
	[
		'card data and a token both given (Process)',
		processParameters({ TokenInformation: { Token: '4658760022341387' } }),
		'TokenInformation',
		'TokenInformation and card data (PaymentData) are both set: pay with card data or with a token, not both',
	],
	[
		'an unknown TaxExempt value',
		create({ Order: { TaxExempt: 'Sometimes' } }),
		'Tax Exempt',
		'Tax Exempt must be one of "NotSet", "Exempt", "NotExemptTaxInfoNotProvided", "NotExemptTaxInfoProvided", got "Sometimes"',
	],
	[
		'a card number that is not one',
		create({ PaymentData: { PaymentAccountNumber: '4111-abc' } }),
		'Payment Account Number',
		'Payment Account Number must be a card number of 12 to 19 digits (got text of 8 characters)',
	],
	['an over-precise tax rate', create({ Order: { TaxRate: '0.0000001' } }), 'Tax Rate (Tax.Rate)', 'Tax Rate (Tax.Rate) has more than 6 decimal places: 0.0000001'],
	[
		'order items given both ways',
		create({ OrderItems: { item: [{ Amount: '1.00' }] }, Order: { OrderItemsJson: '[{"Amount": 1}]' } }),
		'Order Items (JSON)',
		'Order Items (JSON) and Order Items (Order.OrderItems) are both set: give the list one way',
	],
	['order items that are not JSON', create({ Order: { OrderItemsJson: '[{Amount: 1}' } }), 'Order Items (JSON)', "Order Items (JSON) is not valid JSON: Expected property name or '}' in JSON at position 2"],
	[
		'an order item with an unknown key',
		create({ Order: { OrderItemsJson: '[{"Price": 1}]' } }),
		'Order Items (JSON)[0]',
		/^Order Items \(JSON\)\[0\] has unknown key Price: use Amount, /,
	],
	[
		'an order item in JSON whose description is an object',
		create({ Order: { OrderItemsJson: '[{"Description": {"a": 1}}]' } }),
		'Order Items (JSON)[0].Description',
		'Order Items (JSON)[0].Description must be text, got an object',
	],
	[
		'an itemized tax in JSON with a float artefact',
		create({ Order: { ItemizedTaxesJson: '[{"Rate": 0.21749999999999997}]' } }),
		'Itemized Taxes (JSON)[0].Rate',
		'Itemized Taxes (JSON)[0].Rate has more than 6 decimal places: 0.21749999999999997',
	],
	['a bad OrderTimeStamp', create({ Order: { OrderTimeStamp: 'yesterday' } }), 'Order Time Stamp', /^Order Time Stamp must be a date and time/],
	['a missing invoice reference id', processParameters({ InvoiceReferenceId: ' ' }), 'Invoice Reference ID', 'Invoice Reference ID is required (got only whitespace)'],
	[
		'an invoice reference id with URL syntax',
		{ resource: 'invoice', operation: 'get', InvoiceReferenceId: '../query' },
		'Invoice Reference ID',
		'Invoice Reference ID must be letters and digits such as 6177CCEE97C84FF7B1CFF11EAA347DBE, got "../query"',
	],
	[
		'a date range with one end',
		{ resource: 'invoice', operation: 'getMany', filters: { StartDateTime: '2017-03-27T00:00:00' } },
		'EndDateTime',
		'CreatedDateRange needs both StartDateTime and EndDateTime',
	],
	[
		'a merchant profile in neither the credential nor the node',
		{ resource: 'invoice', operation: 'updateState', InvoiceReferenceId: DEMO_EVO_INVOICES.pending, InvoiceState: 'Cancelled' },
		'MerchantProfileId',
		'MerchantProfileId is required: set it in the credential or in the node',
	],
];

describe('bad input fails the item before anything is sent', () => {
	test.each(BAD_INPUT)('%s', async (what, parameters, field, message) => {
		const overrides: ICredentialDataDecryptedObject = what.startsWith('a merchant profile') ? { merchantProfileId: '' } : {};
		const result = await run(parameters, undefined, { credentials: storeFor(sim, overrides) });
		expect(result.items).toHaveLength(0);
		expect(result.error?.name).toBe('NodeOperationError');
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toBe(`Check the "${field}" field: nothing was sent to the vendor.`);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		// Not even a sign-on.
		expect(sim.requests).toHaveLength(0);
		expect(shown(result)).not.toContain(CARD);
	});

	test('with Continue On Fail, a bad item fails alone and the good ones are created', async () => {
		const result = await run(create({ Amount: '={{ $json.total }}' }), [{ total: '1.00' }, { total: '-1' }, { total: '2.005' }, { total: 3 }], { continueOnFail: true });
		expect(result.items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'created',
			'Amount must be positive, got -1',
			'Amount has more than 2 decimal places: 2.005',
			'created',
		]);
		expect(sim.invoices.slice(3).map((invoice) => invoice.invoice.Amount)).toEqual([1, 3]);
	});

	test('card numbers are not refused on the Luhn check (the seed\'s own numbers fail it)', async () => {
		const result = await run(create({ PaymentData: { PaymentAccountNumber: CARD, PaymentAccountExpiration: '0520' } }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('created');
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
});

