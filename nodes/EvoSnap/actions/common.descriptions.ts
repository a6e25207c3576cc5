import type { INodeProperties } from 'n8n-workflow';

import type { InputKind } from '../../shared/fieldKinds';
import { kinds, withKind } from '../../shared/fieldKinds';
import { dryRunOption, optionsCollection, timeoutOption } from '../../shared/fields';

/** Complete as far as is known: an unknown value is refused. */
export const TAX_EXEMPT = ['NotSet', 'Exempt', 'NotExemptTaxInfoNotProvided', 'NotExemptTaxInfoProvided'];

/** EVO has more card types than are public: any other value is sent as given. */
export const CARD_TYPES = ['NotSet', 'Visa', 'MasterCard', 'AmericanExpress', 'Discover', 'DinersClub', 'JCB', 'Maestro'];

export const TAX_TYPES = [
	'FederalTax',
	'StateLocalSalesTax',
	'StateSalesTax',
	'CityTax',
	'CountyTax',
	'LocalSalesTax',
	'VAT',
	'GoodsServicesTax',
	'OtherTax',
];

export const PAYMENT_TYPES = ['NotSet', 'Credit'];

/** Only NotSet, Pending and Cancelled are seen publicly. */
export const INVOICE_STATES = ['NotSet', 'Pending', 'Cancelled'];

export const TRANSACTION_TYPES = ['AuthorizeAndCapture'];

export const SCOPES = ['MerchantProfileId'];

const options = (values: string[]) => values.map((value) => ({ name: value, value }));

/** The invoice Amount: two decimals. Other money (taxes, items, totals) and rates allow more. */
export const DIGITS = { amount: 2, money: 4, rate: 6, quantity: 4 } as const;

/** Options of Create and Update: a dry run (card data and token masked) and the timeout. */
export function invoiceWriteOptions(show: Record<string, string[]>): INodeProperties {
	return optionsCollection(show, [
		{
			...dryRunOption,
			description:
				'Whether to only return the exact request that would be sent (card data and token masked). Nothing is sent, not even a sign-on.',
		},
		timeoutOption,
	]);
}

export const AUTOMATION_KEYS = ['NoAutomation', 'CreateInvoice', 'EmailInvoice', 'ProcessPayment'];

export const ADDRESS_KEYS = ['Street1', 'Street2', 'City', 'StateProvince', 'PostalCode', 'CountryCode', 'AddressType', 'HouseNumber'];

export const ITEM_KEYS = [
	'Amount',
	'CommodityCode',
	'Description',
	'DiscountAmount',
	'DiscountIncluded',
	'ProductCode',
	'Quantity',
	'Tax',
	'TaxIncluded',
	'UnitOfMeasure',
	'UnitPrice',
];

/** What an order item may hold as JSON: its wire keys, plus the node's flat TaxAmount / TaxRate. */
export const ITEM_INPUT_KEYS = [...ITEM_KEYS, 'TaxAmount', 'TaxRate'];

export const ORDER_KEYS = [
	'BillingData',
	'ShippingData',
	'CustomerCode',
	'CurrencyCode',
	'Description',
	'Enable3D',
	'PromotionCode',
	'ShipmentId',
	'ShipCode',
	'ShippingTotal',
	'ShipMethod',
	'DiscountTotal',
	'DutyAmount',
	'SubTotal',
	'Tax',
	'ItemizedTaxes',
	'TaxExempt',
	'TaxExemptNumber',
	'OrderItems',
	'OrderTimeStamp',
];

export const CARD_KEYS = [
	'PaymentType',
	'CardType',
	'BankAccountType',
	'PaymentAccountNumber',
	'PaymentRoutingNumber',
	'PaymentAccountName',
	'PaymentAccountExpiration',
];

export const TOKEN_KEYS = ['Token', 'TokenExpirationDate', 'TokenCardType', 'TokenIndicator', 'TokenAuthenticationValue'];

export const DEFAULT_ALREADY_PAID_STATES = 'Paid, Processed, Completed';

/**
 * EVO's kinds. Its lists of card brands and transaction types are not public, so those options
 * are open names (letters and digits) rather than codes checked against the list.
 */
export const EVO_KINDS = {
	invoiceReferenceId: kinds.identifier(64, {
		pattern: '^(?!\\.+$)[A-Za-z0-9_.-]+$',
		expected: 'letters and digits such as 6177CCEE97C84FF7B1CFF11EAA347DBE',
	}),
	openName: kinds.identifier(50, { pattern: '^[A-Za-z0-9]+$', expected: 'a name of letters and digits such as Visa' }),
	transactionType: kinds.identifier(50, { pattern: '^[A-Za-z]+$', expected: 'a name such as AuthorizeAndCapture' }),
	/** InvoiceState: the public list is NotSet, Pending, Cancelled; another state EVO knows may be given by expression. */
	invoiceState: kinds.identifier(50, { pattern: '^[A-Za-z]+$', expected: 'a state name such as Cancelled' }),
	/** EVO's reference IDs in a query (CustomerReferenceId, SubscriptionReferenceId): as InvoiceReferenceId, 64 characters. */
	referenceId: kinds.identifier(64),
	/** Short codes and names of an invoice (ship method, product code, state...): EVO publishes no length; 100 is a guess. */
	code: kinds.identifier(100),
	/** Money other than the invoice Amount (taxes, totals, item prices): zero allowed, up to 4 decimals. */
	money: kinds.amount({ digits: DIGITS.money, allowZero: true }),
	rate: kinds.amount({ digits: DIGITS.rate, allowZero: true }),
	quantity: kinds.amount({ digits: DIGITS.quantity, allowZero: true }),
};

export const invoiceReferenceIdField: INodeProperties = withKind(EVO_KINDS.invoiceReferenceId, {
	displayName: 'Invoice Reference ID',
	name: 'InvoiceReferenceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '6177CCEE97C84FF7B1CFF11EAA347DBE',
	description: 'The invoice (InvoiceReferenceId), as Create returned it, e.g. 6177CCEE97C84FF7B1CFF11EAA347DBE (letters and digits)',
});

export const merchantProfileIdField: INodeProperties = withKind(kinds.identifier(100), {
	displayName: 'Merchant Profile ID (MerchantProfileId)',
	name: 'MerchantProfileId',
	type: 'string',
	default: '',
	description: 'Empty: the Merchant Profile ID of the credential',
});

export const scopeField: INodeProperties = {
	displayName: 'Scope',
	name: 'Scope',
	type: 'options',
	options: options(SCOPES),
	default: 'MerchantProfileId',
	description: 'What the invoice is looked up under (Scope)',
};

export const automationInfoField = (description: string): INodeProperties => ({
	displayName: 'Automation Info (AutomationInfo)',
	name: 'AutomationInfo',
	type: 'collection',
	placeholder: 'Add Flag',
	default: {},
	description,
	options: AUTOMATION_KEYS.map((key) => ({
		displayName: key.replace(/([a-z])([A-Z])/g, '$1 $2'),
		name: key,
		type: 'boolean',
		default: false,
		description: `Whether to set ${key}`,
	})),
});

export const cardTypeField = (name: string, displayName: string): INodeProperties =>
	withKind(EVO_KINDS.openName, {
	displayName,
	name,
	type: 'options',
	options: options(CARD_TYPES),
	default: 'Visa',
	description: 'The card brand. Another value EVO knows can be given by expression.',
	});

/** The kind of each address key: streets and city are free text, the rest short codes. */
const ADDRESS_KINDS: Record<string, InputKind> = {
	Street1: kinds.text(),
	Street2: kinds.text(),
	City: kinds.text(),
	StateProvince: EVO_KINDS.code,
	PostalCode: kinds.identifier(20),
	CountryCode: kinds.identifier(3, { pattern: '^[A-Z]{3}$', expected: 'a three-letter country code such as USA' }),
	AddressType: EVO_KINDS.code,
	HouseNumber: kinds.identifier(20),
};

const addressFields: INodeProperties[] = ADDRESS_KEYS.map((key) =>
	withKind(ADDRESS_KINDS[key], {
		displayName: `${key.replace(/([a-z])([A-Z0-9])/g, '$1 $2')} (Address.${key})`,
		name: key,
		type: 'string',
		default: '',
		...(key === 'AddressType' ? { placeholder: 'Billing' } : {}),
		...(key === 'CountryCode' ? { placeholder: 'USA' } : {}),
	}),
);

const contactField = (name: string, displayName: string): INodeProperties => ({
	displayName,
	name,
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: ([
		withKind(kinds.text(), { displayName: 'Company', name: 'Company', type: 'string', default: '' }),
		withKind(kinds.text(), { displayName: 'First Name', name: 'FirstName', type: 'string', default: '' }),
		withKind(kinds.text(), { displayName: 'Last Name', name: 'LastName', type: 'string', default: '' }),
		...addressFields,
	] satisfies INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
});

const decimalHint = (digits: number) => `A decimal with at most ${digits} decimals, sent as a JSON number exactly as written`;

const orderFields: INodeProperties[] = [
	withKind(kinds.identifier(3, { pattern: '^[A-Z]{3}$', expected: 'a three-letter currency code such as USD' }), { displayName: 'Currency Code', name: 'CurrencyCode', type: 'string', default: '', placeholder: 'USD' }),
	withKind(EVO_KINDS.code, { displayName: 'Customer Code', name: 'CustomerCode', type: 'string', default: '' }),
	withKind(kinds.text(), { displayName: 'Description', name: 'Description', type: 'string', default: '' }),
	withKind(EVO_KINDS.money, { displayName: 'Discount Total', name: 'DiscountTotal', type: 'string', default: '', description: decimalHint(DIGITS.money) }),
	withKind(EVO_KINDS.money, { displayName: 'Duty Amount', name: 'DutyAmount', type: 'string', default: '', description: decimalHint(DIGITS.money) }),
	{ displayName: 'Enable 3D', name: 'Enable3D', type: 'boolean', default: false, description: 'Whether to enable 3-D Secure (Enable3D)' },
	{
		displayName: 'Itemized Taxes (JSON)',
		name: 'ItemizedTaxesJson',
		type: 'json',
		default: '',
		placeholder: '[{"Amount": 1.75, "Rate": 0.0725, "Type": "FederalTax"}]',
		description: 'ItemizedTaxes as a JSON array, e.g. from an expression; instead of the Itemized Taxes list',
	},
	{
		displayName: 'Order Items (JSON)',
		name: 'OrderItemsJson',
		type: 'json',
		default: '',
		placeholder: '={{ $json.lines }}',
		description:
			'OrderItems as a JSON array, e.g. an order\'s lines from a webhook: objects with Amount, CommodityCode, Description, DiscountAmount, DiscountIncluded, ProductCode, Quantity, TaxIncluded, UnitOfMeasure, UnitPrice (and Tax). Instead of the Order Items list.',
	},
	withKind(kinds.timestamp(), {
		displayName: 'Order Time Stamp',
		name: 'OrderTimeStamp',
		type: 'string',
		default: '',
		placeholder: '2017-03-27T11:00:53.9271639-06:00',
		description: 'When the order was placed (OrderTimeStamp), sent as written',
	}),
	withKind(EVO_KINDS.code, { displayName: 'Promotion Code', name: 'PromotionCode', type: 'string', default: '' }),
	withKind(EVO_KINDS.code, { displayName: 'Ship Code', name: 'ShipCode', type: 'string', default: '' }),
	withKind(EVO_KINDS.code, { displayName: 'Ship Method', name: 'ShipMethod', type: 'string', default: '' }),
	withKind(EVO_KINDS.code, { displayName: 'Shipment ID', name: 'ShipmentId', type: 'string', default: '' }),
	withKind(EVO_KINDS.money, { displayName: 'Shipping Total', name: 'ShippingTotal', type: 'string', default: '', description: decimalHint(DIGITS.money) }),
	withKind(EVO_KINDS.money, { displayName: 'Sub Total', name: 'SubTotal', type: 'string', default: '', description: decimalHint(DIGITS.money) }),
	withKind(EVO_KINDS.money, { displayName: 'Tax Amount (Tax.Amount)', name: 'TaxAmount', type: 'string', default: '', placeholder: '1.47', description: decimalHint(DIGITS.money) }),
	{
		displayName: 'Tax Exempt',
		name: 'TaxExempt',
		type: 'options',
		options: options(TAX_EXEMPT),
		default: 'NotSet',
	},
	withKind(EVO_KINDS.code, { displayName: 'Tax Exempt Number', name: 'TaxExemptNumber', type: 'string', default: '' }),
	withKind(EVO_KINDS.rate, { displayName: 'Tax Rate (Tax.Rate)', name: 'TaxRate', type: 'string', default: '', placeholder: '0.041', description: decimalHint(DIGITS.rate) }),
];

export const orderItemFields: INodeProperties[] = [
	withKind(EVO_KINDS.money, { displayName: 'Amount', name: 'Amount', type: 'string', default: '', placeholder: '10.00', description: decimalHint(DIGITS.money) }),
	withKind(EVO_KINDS.code, { displayName: 'Commodity Code', name: 'CommodityCode', type: 'string', default: '' }),
	withKind(kinds.text(), { displayName: 'Description', name: 'Description', type: 'string', default: '' }),
	withKind(EVO_KINDS.money, { displayName: 'Discount Amount', name: 'DiscountAmount', type: 'string', default: '', description: decimalHint(DIGITS.money) }),
	{ displayName: 'Discount Included', name: 'DiscountIncluded', type: 'boolean', default: false, description: 'Whether the amount includes the discount' },
	withKind(EVO_KINDS.code, { displayName: 'Product Code', name: 'ProductCode', type: 'string', default: '' }),
	withKind(EVO_KINDS.quantity, { displayName: 'Quantity', name: 'Quantity', type: 'string', default: '', placeholder: '5.00', description: decimalHint(DIGITS.quantity) }),
	withKind(EVO_KINDS.money, { displayName: 'Tax Amount (Tax.Amount)', name: 'TaxAmount', type: 'string', default: '', description: decimalHint(DIGITS.money) }),
	{ displayName: 'Tax Included', name: 'TaxIncluded', type: 'boolean', default: false, description: 'Whether the amount includes tax' },
	withKind(EVO_KINDS.rate, { displayName: 'Tax Rate (Tax.Rate)', name: 'TaxRate', type: 'string', default: '', description: decimalHint(DIGITS.rate) }),
	withKind(EVO_KINDS.code, { displayName: 'Unit of Measure', name: 'UnitOfMeasure', type: 'string', default: '', placeholder: 'Item' }),
	withKind(EVO_KINDS.money, { displayName: 'Unit Price', name: 'UnitPrice', type: 'string', default: '', placeholder: '2.0', description: decimalHint(DIGITS.money) }),
];

export const itemizedTaxFields: INodeProperties[] = [
	withKind(EVO_KINDS.money, { displayName: 'Amount', name: 'Amount', type: 'string', default: '', placeholder: '1.75', description: decimalHint(DIGITS.money) }),
	withKind(EVO_KINDS.rate, { displayName: 'Rate', name: 'Rate', type: 'string', default: '', placeholder: '0.0725', description: decimalHint(DIGITS.rate) }),
	withKind(EVO_KINDS.openName, { displayName: 'Type', name: 'Type', type: 'options', options: options(TAX_TYPES), default: 'FederalTax', description: 'The kind of tax. Another value EVO knows can be given by expression.' }),
];

export const cardFields = (name: string, displayName: string): INodeProperties => ({
	displayName,
	name,
	type: 'collection',
	placeholder: 'Add Card Field',
	default: {},
	description: 'Pay with card data. Card data is never shown in output or errors (last 4 digits at most).',
	options: [
		withKind(kinds.identifier(30, { expected: 'an account type name such as NotSet' }), { displayName: 'Bank Account Type', name: 'BankAccountType', type: 'string', default: '', placeholder: 'NotSet' }),
		cardTypeField('CardType', 'Card Type'),
		withKind(kinds.card('expiry'), {
			displayName: 'Payment Account Expiration',
			name: 'PaymentAccountExpiration',
			type: 'string',
			default: '',
			placeholder: '0520',
			description: 'The card\'s expiration as MMYY',
		}),
		withKind(kinds.text(), { displayName: 'Payment Account Name', name: 'PaymentAccountName', type: 'string', default: '' }),
		withKind(kinds.card('number'), {
			displayName: 'Payment Account Number',
			name: 'PaymentAccountNumber',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The card number (not checked with Luhn: EVO\'s own test numbers fail it)',
		}),
		withKind(kinds.digits(9), { displayName: 'Payment Routing Number', name: 'PaymentRoutingNumber', type: 'string', default: '' }),
		{ displayName: 'Payment Type', name: 'PaymentType', type: 'options', options: options(PAYMENT_TYPES), default: 'Credit' },
	],
});

export const tokenFields = (displayName: string): INodeProperties => ({
	displayName,
	name: 'TokenInformation',
	type: 'collection',
	placeholder: 'Add Token Field',
	default: {},
	description: 'Pay with a card token instead of card data (TokenInformation). Not both.',
	options: [
		withKind(kinds.identifier(200, { expected: 'a card token' }), {
			displayName: 'Token',
			name: 'Token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		}),
		withKind(kinds.identifier(200, { expected: 'a token authentication value' }), {
			displayName: 'Token Authentication Value',
			name: 'TokenAuthenticationValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		}),
		cardTypeField('TokenCardType', 'Token Card Type'),
		withKind(kinds.card('expiry'), {
			displayName: 'Token Expiration Date',
			name: 'TokenExpirationDate',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: '1223',
			description: 'The expiration as MMYY',
		}),
		withKind(kinds.identifier(10, { expected: 'a token indicator such as 103' }), {
			displayName: 'Token Indicator',
			name: 'TokenIndicator',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: '103',
		}),
	],
});

/** Every field of an invoice (Create and Update), shown for `show`. */
export function invoiceFields(show: Record<string, string[]>, extra: INodeProperties[]): INodeProperties[] {
	const fields: INodeProperties[] = [
		withKind(kinds.amount({ digits: DIGITS.amount }), {
			displayName: 'Amount',
			name: 'Amount',
			type: 'string',
			required: true,
			default: '',
			placeholder: '12.50',
			description: 'The invoice amount, a positive decimal with at most 2 decimals, sent as a JSON number exactly as written (12.50)',
		}),
		withKind(EVO_KINDS.code, {
			displayName: 'Merchant Invoice ID',
			name: 'MerchantInvoiceId',
			type: 'string',
			default: '',
			placeholder: '14C4E',
			description: 'Your own invoice number (MerchantInvoiceId)',
		}),
		withKind(EVO_KINDS.referenceId, {
			displayName: 'Customer Reference ID',
			name: 'CustomerReferenceId',
			type: 'string',
			default: '',
			placeholder: 'D1342986EA7646148EF29AB1EDC7A170',
			description: 'The customer the invoice is for (CustomerReferenceId)',
		}),
		automationInfoField('What EVO does with the invoice (AutomationInfo), e.g. No Automation, or Email Invoice'),
		contactField('BillingData', 'Billing Data (Order.BillingData)'),
		contactField('ShippingData', 'Shipping Data (Order.ShippingData)'),
		{
			displayName: 'Order (Order)',
			name: 'Order',
			type: 'collection',
			placeholder: 'Add Order Field',
			default: {},
			options: orderFields,
		},
		{
			displayName: 'Order Items (Order.OrderItems)',
			name: 'OrderItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Order Item',
			default: {},
			description: 'The order\'s lines. From an expression: use Order > Order Items (JSON) instead.',
			options: [{ displayName: 'Item', name: 'item', values: orderItemFields }],
		},
		{
			displayName: 'Itemized Taxes (Order.ItemizedTaxes)',
			name: 'ItemizedTaxes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Itemized Tax',
			default: {},
			options: [{ displayName: 'Tax', name: 'tax', values: itemizedTaxFields }],
		},
		cardFields('PaymentData', 'Payment Data: Card (PaymentData)'),
		tokenFields('Payment Data: Token (PaymentData.TokenInformation)'),
		...extra,
	];
	return fields.map((field) => ({ ...field, displayOptions: { show } }));
}

export const invoiceAdditionalFields: INodeProperties[] = [
	withKind(EVO_KINDS.code, {
		displayName: 'Application Profile ID (ApplicationProfileId)',
		name: 'ApplicationProfileId',
		type: 'string',
		default: '',
		description: 'Empty: the Application Profile ID of the credential',
	}),
	withKind(EVO_KINDS.code, { displayName: 'Employee ID (EmployeeId)', name: 'EmployeeId', type: 'string', default: '' }),
	merchantProfileIdField,
	scopeField,
	withKind(EVO_KINDS.code, {
		displayName: 'Service ID (ServiceId)',
		name: 'ServiceId',
		type: 'string',
		default: '',
		description: 'Empty: the Service ID of the credential',
	}),
];
