import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputKind } from '../../shared/fieldKinds';
import { kinds, readValue, withKind } from '../../shared/fieldKinds';
import { DateTime } from 'luxon';

import type { RunOptions as SharedRunOptions } from '../../shared/fields';
import { dryRunOption, optionsCollection, readOptions as readSharedOptions, timeoutOption } from '../../shared/fields';
import { optionalText, requireText, textOnly } from '../../shared/input';
import type { JsonTextValue } from '../../shared/jsonText';
import { JsonDecimal } from '../../shared/jsonText';
import { InvalidInputError, parseAmount } from '../../shared/money';

// ---- enums (the lists in vendors.md; the seed's own values included) ------------------------

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

// ---- precision of decimal fields ------------------------------------------------------------

/** The invoice Amount: two decimals. Other money (taxes, items, totals) and rates allow more. */
export const DIGITS = { amount: 2, money: 4, rate: 6, quantity: 4 } as const;

// ---- readers --------------------------------------------------------------------------------

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The digits of a validated decimal as JSON allows them (no leading zeros, no plus sign). */
function decimalText(value: unknown): string {
	const text = (typeof value === 'number' ? String(value) : String(value).trim()).replace(/^\+/, '');
	return text.replace(/^0+(?=\d)/, '');
}

/**
 * The invoice Amount: required, positive, at most two decimals; sent as a JSON number with the
 * digits written (12.50 stays 12.50, as in EVO's Create sample; 12.5 stays 12.5, as in its Update).
 */
export function invoiceAmount(value: unknown, field = 'Amount'): JsonDecimal {
	parseAmount(value, field, { digits: DIGITS.amount });
	return new JsonDecimal(decimalText(value));
}

/**
 * An optional decimal (zero allowed), sent as a JSON number with exactly the digits written
 * ("0.0725" stays 0.0725; a float such as 0.1 + 0.2 from an expression is refused as over-precise).
 */
export function optionalDecimal(value: unknown, field: string, digits: number): JsonDecimal | undefined {
	if (isEmpty(value)) return undefined;
	parseAmount(value, field, { digits, allowZero: true });
	return new JsonDecimal(decimalText(value));
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InvalidInputError(field, `${field} must be true or false`);
}

/** A value of a closed list: refused when it is not one of `allowed`. */
export function optionalEnum(value: unknown, field: string, allowed: string[]): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	if (!allowed.includes(text)) {
		throw new InvalidInputError(field, `${field} must be one of ${allowed.join(', ')}, got "${text}"`);
	}
	return text;
}

const MMYY = /^(0[1-9]|1[0-2])\d{2}$/;

/** An expiration date as MMYY (0520). The value is not repeated in the message: it is card data. */
export function optionalMmyy(value: unknown, field: string): string | undefined {
	const text = optionalText(typeof value === 'number' ? String(value).padStart(4, '0') : value);
	if (text === undefined) return undefined;
	if (!MMYY.test(text)) {
		throw new InvalidInputError(field, `${field} must be the expiration as MMYY (month 01-12, e.g. 0520)`);
	}
	return text;
}

/**
 * A card number: 12 to 19 digits (spaces and dashes are dropped). Not checked with Luhn: EVO's
 * own sample numbers fail it. The value is never repeated in a message.
 */
export function optionalCardNumber(value: unknown, field: string): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	const digits = text.replace(/[\s-]/g, '');
	if (!/^\d{12,19}$/.test(digits)) {
		throw new InvalidInputError(field, `${field} must be a card number of 12 to 19 digits`);
	}
	return digits;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A timestamp such as 2017-03-27T11:00:53.9271639-06:00, sent as written; a luxon DateTime as ISO. */
export function optionalTimestamp(value: unknown, field: string): string | undefined {
	if (isEmpty(value)) return undefined;
	if (DateTime.isDateTime(value)) return value.toISO() ?? undefined;
	if (value instanceof Date) return value.toISOString();
	const text = String(value).trim();
	if (!ISO_TIMESTAMP.test(text) || !DateTime.fromISO(text.replace(/(\.\d{3})\d+/, '$1')).isValid) {
		throw new InvalidInputError(field, `${field} must be a date and time such as 2017-03-27T11:00:53-06:00, got "${text}"`);
	}
	return text;
}

/** JSON text or an expression's array: the list, or undefined when empty. */
export function optionalJsonList(value: unknown, field: string): IDataObject[] | undefined {
	if (isEmpty(value)) return undefined;
	let parsed: unknown = value;
	let valid = true;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch {
			valid = false;
		}
	}
	if (!valid) throw new InvalidInputError(field, `${field} is not valid JSON: give an array of objects`);
	if (!Array.isArray(parsed) || parsed.some((entry) => entry === null || typeof entry !== 'object' || Array.isArray(entry))) {
		throw new InvalidInputError(field, `${field} must be an array of objects`);
	}
	return parsed as IDataObject[];
}

function refuseUnknownKeys(entry: IDataObject, known: string[], field: string): void {
	const unknown = Object.keys(entry).filter((key) => !known.includes(key));
	if (unknown.length > 0) {
		throw new InvalidInputError(field, `${field} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use ${known.join(', ')}`);
	}
}

// ---- the objects of the wire format, in the seed's key order ---------------------------------

/** `full`: every key, null when not given (EVO's Update and Process samples); `given`: only what is set. */
export type Shape = 'full' | 'given';

type JsonObject = { [key: string]: JsonTextValue | undefined };

/** In `given` shape drops undefined keys (and returns undefined for an empty object); in `full` makes them null. */
function shaped(object: JsonObject, shape: Shape): JsonObject | undefined {
	if (shape === 'full') {
		return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, value === undefined ? null : value]));
	}
	const given = Object.entries(object).filter(([, value]) => value !== undefined);
	return given.length ? Object.fromEntries(given) : undefined;
}

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

/** AutomationInfo: in `full` shape every flag (false unless set, or as `defaults` says). */
export function automationInfo(values: IDataObject, shape: Shape, defaults: IDataObject = {}): JsonObject | undefined {
	const object: JsonObject = {};
	for (const key of AUTOMATION_KEYS) {
		const value = optionalBoolean(values[key], `AutomationInfo.${key}`);
		object[key] = shape === 'full' ? (value ?? (defaults[key] as boolean | undefined) ?? false) : value;
	}
	return shaped(object, shape);
}

export const ADDRESS_KEYS = ['Street1', 'Street2', 'City', 'StateProvince', 'PostalCode', 'CountryCode', 'AddressType', 'HouseNumber'];

/** BillingData / ShippingData: Company, FirstName, LastName and the Address (flat fields in the node). */
export function contactData(values: IDataObject | undefined, shape: Shape): JsonObject | null | undefined {
	const source = values ?? {};
	const address: JsonObject = {};
	for (const key of ADDRESS_KEYS) address[key] = optionalText(source[key]);
	const addressGiven = Object.values(address).some((value) => value !== undefined);
	const object: JsonObject = {
		Company: optionalText(source.Company),
		FirstName: optionalText(source.FirstName),
		LastName: optionalText(source.LastName),
		Address: addressGiven ? shaped(address, shape) : undefined,
	};
	const anyGiven = Object.values(object).some((value) => value !== undefined);
	if (!anyGiven) return shape === 'full' ? null : undefined;
	return shaped(object, shape);
}

function tax(amount: unknown, rate: unknown, field: string): JsonObject | undefined {
	const object = {
		Amount: optionalDecimal(amount, `${field}.Amount`, DIGITS.money),
		Rate: optionalDecimal(rate, `${field}.Rate`, DIGITS.rate),
	};
	return object.Amount === undefined && object.Rate === undefined ? undefined : (shaped(object, 'given') as JsonObject);
}

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
const ITEM_INPUT_KEYS = [...ITEM_KEYS, 'TaxAmount', 'TaxRate'];

export function orderItem(entry: IDataObject, shape: Shape, field: string): JsonObject {
	refuseUnknownKeys(entry, ITEM_INPUT_KEYS, field);
	const nestedTax = entry.Tax !== null && typeof entry.Tax === 'object' ? (entry.Tax as IDataObject) : {};
	const object: JsonObject = {
		Amount: optionalDecimal(entry.Amount, `${field}.Amount`, DIGITS.money),
		CommodityCode: optionalText(entry.CommodityCode),
		Description: optionalText(entry.Description),
		DiscountAmount: optionalDecimal(entry.DiscountAmount, `${field}.DiscountAmount`, DIGITS.money),
		DiscountIncluded: optionalBoolean(entry.DiscountIncluded, `${field}.DiscountIncluded`),
		ProductCode: optionalText(entry.ProductCode),
		Quantity: optionalDecimal(entry.Quantity, `${field}.Quantity`, DIGITS.quantity),
		Tax: tax(entry.TaxAmount ?? nestedTax.Amount, entry.TaxRate ?? nestedTax.Rate, `${field}.Tax`),
		TaxIncluded: optionalBoolean(entry.TaxIncluded, `${field}.TaxIncluded`),
		UnitOfMeasure: optionalText(entry.UnitOfMeasure),
		UnitPrice: optionalDecimal(entry.UnitPrice, `${field}.UnitPrice`, DIGITS.money),
	};
	return shaped(object, shape) ?? {};
}

export function itemizedTax(entry: IDataObject, field: string): JsonObject {
	refuseUnknownKeys(entry, ['Amount', 'Rate', 'Type'], field);
	return (
		shaped(
			{
				Amount: optionalDecimal(entry.Amount, `${field}.Amount`, DIGITS.money),
				Rate: optionalDecimal(entry.Rate, `${field}.Rate`, DIGITS.rate),
				Type: optionalText(entry.Type),
			},
			'given',
		) ?? {}
	);
}

/** A list given as fixed-collection rows or as JSON (from an expression); not both. */
function list(
	rows: IDataObject[] | undefined,
	json: unknown,
	field: string,
	jsonField: string,
): IDataObject[] | undefined {
	const fromJson = optionalJsonList(json, jsonField);
	const fromRows = rows && rows.length ? rows : undefined;
	if (fromJson && fromRows) {
		throw new InvalidInputError(jsonField, `${jsonField} and ${field} are both set: give the list one way`);
	}
	return fromJson ?? fromRows;
}

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

/** The node's parameters an invoice is built from (one item). */
export interface InvoiceParameters {
	Amount: unknown;
	MerchantInvoiceId?: unknown;
	CustomerReferenceId?: unknown;
	AutomationInfo?: IDataObject;
	BillingData?: IDataObject;
	ShippingData?: IDataObject;
	Order?: IDataObject;
	OrderItems?: { item?: IDataObject[] };
	ItemizedTaxes?: { tax?: IDataObject[] };
	PaymentData?: IDataObject;
	TokenInformation?: IDataObject;
	additionalFields?: IDataObject;
}

export function order(parameters: InvoiceParameters, shape: Shape): JsonObject | undefined {
	const o = parameters.Order ?? {};
	const items = list(parameters.OrderItems?.item, o.OrderItemsJson, 'Order Items (Order.OrderItems)', 'Order Items (JSON)');
	const taxes = list(parameters.ItemizedTaxes?.tax, o.ItemizedTaxesJson, 'Itemized Taxes (Order.ItemizedTaxes)', 'Itemized Taxes (JSON)');
	const object: JsonObject = {
		BillingData: contactData(parameters.BillingData, shape),
		ShippingData: contactData(parameters.ShippingData, shape),
		CustomerCode: optionalText(o.CustomerCode),
		CurrencyCode: optionalText(o.CurrencyCode),
		Description: optionalText(o.Description),
		Enable3D: optionalBoolean(o.Enable3D, 'Enable3D') ?? (shape === 'full' ? false : undefined),
		PromotionCode: optionalText(o.PromotionCode),
		ShipmentId: optionalText(o.ShipmentId),
		ShipCode: optionalText(o.ShipCode),
		ShippingTotal: optionalDecimal(o.ShippingTotal, 'ShippingTotal', DIGITS.money),
		ShipMethod: optionalText(o.ShipMethod),
		DiscountTotal: optionalDecimal(o.DiscountTotal, 'DiscountTotal', DIGITS.money),
		DutyAmount: optionalDecimal(o.DutyAmount, 'DutyAmount', DIGITS.money),
		SubTotal: optionalDecimal(o.SubTotal, 'SubTotal', DIGITS.money),
		Tax: tax(o.TaxAmount, o.TaxRate, 'Tax'),
		ItemizedTaxes: taxes?.map((entry, index) => itemizedTax(entry, `ItemizedTaxes[${index}]`)),
		TaxExempt: optionalEnum(o.TaxExempt, 'TaxExempt', TAX_EXEMPT),
		TaxExemptNumber: optionalText(o.TaxExemptNumber),
		OrderItems: items?.map((entry, index) => orderItem(entry, shape, `OrderItems[${index}]`)),
		OrderTimeStamp: optionalTimestamp(o.OrderTimeStamp, 'OrderTimeStamp'),
	};
	return shaped(object, shape);
}

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

/** Card data or a token (never both): EVO's PaymentData (Create, Update) or PaymentDataInfo (Process). */
export function paymentData(
	card: IDataObject | undefined,
	token: IDataObject | undefined,
	shape: Shape,
): JsonObject | null | undefined {
	const cardObject: JsonObject = {
		PaymentType: optionalText(card?.PaymentType),
		CardType: optionalText(card?.CardType),
		BankAccountType: optionalText(card?.BankAccountType),
		PaymentAccountNumber: optionalCardNumber(card?.PaymentAccountNumber, 'PaymentAccountNumber'),
		PaymentRoutingNumber: optionalText(card?.PaymentRoutingNumber),
		PaymentAccountName: optionalText(textOnly(card?.PaymentAccountName, 'PaymentAccountName')),
		PaymentAccountExpiration: optionalMmyy(card?.PaymentAccountExpiration, 'PaymentAccountExpiration'),
	};
	const tokenObject: JsonObject = {
		Token: optionalText(token?.Token),
		TokenExpirationDate: optionalMmyy(token?.TokenExpirationDate, 'TokenExpirationDate'),
		TokenCardType: optionalText(token?.TokenCardType),
		TokenIndicator: optionalText(token?.TokenIndicator),
		TokenAuthenticationValue: optionalText(token?.TokenAuthenticationValue),
	};
	const cardGiven = Object.values(cardObject).some((value) => value !== undefined);
	const tokenGiven = Object.values(tokenObject).some((value) => value !== undefined);
	if (cardGiven && tokenGiven) {
		throw new InvalidInputError(
			'TokenInformation',
			'TokenInformation and card data (PaymentData) are both set: pay with card data or with a token, not both',
		);
	}
	if (tokenGiven) {
		if (tokenObject.Token === undefined) throw new InvalidInputError('Token', 'Token is required with TokenInformation');
		return { TokenInformation: shaped(tokenObject, 'given') };
	}
	if (cardGiven) return shaped(cardObject, shape);
	return shape === 'full' ? null : undefined;
}

/** The values of one item that are card data: masked in every error of the call. */
export function cardSecrets(parameters: { PaymentData?: IDataObject; TokenInformation?: IDataObject }): string[] {
	return [
		parameters.PaymentData?.PaymentAccountNumber,
		parameters.TokenInformation?.Token,
		parameters.TokenInformation?.TokenAuthenticationValue,
	]
		.map((value) => optionalText(value))
		.filter((value): value is string => value !== undefined);
}

/** MerchantProfileId (and ServiceId, ApplicationProfileId): the node's field, else the credential's. */
export function profileId(
	override: unknown,
	credentials: ICredentialDataDecryptedObject,
	key: 'merchantProfileId' | 'serviceId' | 'applicationProfileId',
	field: string,
	required = false,
): string | undefined {
	const value = optionalText(override) ?? optionalText(credentials[key]);
	if (required && value === undefined) {
		throw new InvalidInputError(field, `${field} is required: set it in the credential or in the node`);
	}
	return value;
}

/** The request body of CreateInvoice (`given` shape) and UpdateInvoice (`full` shape, as EVO's sample). */
export function invoiceRequestBody(
	parameters: InvoiceParameters,
	credentials: ICredentialDataDecryptedObject,
	shape: Shape,
): JsonObject {
	const extra = parameters.additionalFields ?? {};
	const invoice: JsonObject = {
		Amount: invoiceAmount(parameters.Amount),
		MerchantInvoiceId: optionalText(parameters.MerchantInvoiceId),
		AutomationInfo: automationInfo(parameters.AutomationInfo ?? {}, shape),
		Order: order(parameters, shape),
		CustomerReferenceId: optionalText(parameters.CustomerReferenceId),
		PaymentData: paymentData(parameters.PaymentData, parameters.TokenInformation, shape),
		EmployeeId: optionalText(extra.EmployeeId),
	};
	return {
		Invoice: shaped(invoice, shape),
		Scope: optionalText(extra.Scope) ?? 'MerchantProfileId',
		MerchantProfileId: profileId(extra.MerchantProfileId, credentials, 'merchantProfileId', 'MerchantProfileId', true),
		ServiceId: profileId(extra.ServiceId, credentials, 'serviceId', 'ServiceId'),
		ApplicationProfileId: profileId(extra.ApplicationProfileId, credentials, 'applicationProfileId', 'ApplicationProfileId'),
	};
}

/**
 * The invoice parameters of one item, from what `readFields` read and checked (each field by its
 * kind). The JSON lists' entries are read by the same kinds as the rows of the lists they replace.
 */
export function readInvoiceParameters(ctx: IExecuteFunctions, read: IDataObject): InvoiceParameters {
	const object = (name: string) => (read[name] ?? {}) as IDataObject;
	const zone = ctx.getTimezone();
	const orderValues = { ...object('Order') };
	if (orderValues.OrderItemsJson !== undefined) {
		orderValues.OrderItemsJson = jsonEntries(orderValues.OrderItemsJson, 'Order Items (JSON)', orderItemFields, zone);
	}
	if (orderValues.ItemizedTaxesJson !== undefined) {
		orderValues.ItemizedTaxesJson = jsonEntries(orderValues.ItemizedTaxesJson, 'Itemized Taxes (JSON)', itemizedTaxFields, zone);
	}
	return {
		Amount: read.Amount,
		MerchantInvoiceId: read.MerchantInvoiceId,
		CustomerReferenceId: read.CustomerReferenceId,
		AutomationInfo: object('AutomationInfo'),
		BillingData: object('BillingData'),
		ShippingData: object('ShippingData'),
		Order: orderValues,
		OrderItems: object('OrderItems') as InvoiceParameters['OrderItems'],
		ItemizedTaxes: object('ItemizedTaxes') as InvoiceParameters['ItemizedTaxes'],
		PaymentData: object('PaymentData'),
		TokenInformation: object('TokenInformation'),
		additionalFields: object('additionalFields'),
	};
}

/**
 * A JSON list's entries, each key read by the kind of the list row's field of that name (an order
 * item's nested Tax by Tax Amount and Tax Rate), so that JSON and rows take the same values.
 */
function jsonEntries(value: unknown, field: string, properties: INodeProperties[], zone: string): IDataObject[] {
	const entries = optionalJsonList(value, field) ?? [];
	const byName = new Map(properties.map((property) => [property.name, property]));
	return entries.map((entry, index) => {
		const at = `${field}[${index}]`;
		const flat: IDataObject = { ...entry };
		if ('Tax' in flat && byName.has('TaxAmount')) {
			const nested = flat.Tax;
			delete flat.Tax;
			if (nested !== null && nested !== undefined) {
				if (typeof nested !== 'object' || Array.isArray(nested)) throw new InvalidInputError(`${at}.Tax`, `${at}.Tax must be an object with Amount and Rate`);
				refuseUnknownKeys(nested as IDataObject, ['Amount', 'Rate'], `${at}.Tax`);
				const tax = nested as IDataObject;
				if (tax.Amount !== undefined) flat.TaxAmount = flat.TaxAmount ?? tax.Amount;
				if (tax.Rate !== undefined) flat.TaxRate = flat.TaxRate ?? tax.Rate;
			}
		}
		refuseUnknownKeys(flat, [...byName.keys()], at);
		const read: IDataObject = {};
		for (const [key, given] of Object.entries(flat)) {
			const checked = readValue(byName.get(key)!, given, zone, `${at}.${key}`);
			if (checked !== undefined) read[key] = checked as IDataObject[string];
		}
		return read;
	});
}

/** The invoice reference id of the URL: required, no slashes or other URL syntax. */
export function invoiceReferenceId(value: unknown, field = 'InvoiceReferenceId'): string {
	const text = requireText(value, field);
	// "." and ".." are path segments a URL resolves (Invoices/../process would call another endpoint).
	if (!/^[A-Za-z0-9_.-]+$/.test(text) || /^\.+$/.test(text)) {
		throw new InvalidInputError(field, `${field} must be letters and digits such as 6177CCEE97C84FF7B1CFF11EAA347DBE, got "${text}"`);
	}
	return text;
}

// ---- options --------------------------------------------------------------------------------

export interface RunOptions extends SharedRunOptions {
	alreadyPaidStates: string[];
}

export const DEFAULT_ALREADY_PAID_STATES = 'Paid, Processed, Completed';

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): RunOptions {
	const values = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const states = String(values.alreadyPaidStates ?? DEFAULT_ALREADY_PAID_STATES)
		.split(',')
		.map((state) => state.trim())
		.filter((state) => state !== '');
	return { ...readSharedOptions(ctx, itemIndex), alreadyPaidStates: states };
}

// ---- fields shared by operations ------------------------------------------------------------

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

const orderItemFields: INodeProperties[] = [
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

const itemizedTaxFields: INodeProperties[] = [
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
