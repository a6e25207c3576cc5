import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readValue } from '../../shared/fieldKinds';
import { optionalText, textOnly } from '../../shared/input';
import type { JsonTextValue } from '../../shared/jsonText';
import { InvalidInputError } from '../../shared/errors';
import { ADDRESS_KEYS, AUTOMATION_KEYS, DIGITS, ITEM_INPUT_KEYS, TAX_EXEMPT, itemizedTaxFields, orderItemFields } from '../actions/common.descriptions';
import { invoiceAmount, optionalBoolean, optionalCardNumber, optionalDecimal, optionalEnum, optionalJsonList, optionalMmyy, optionalTimestamp } from './utils';

function refuseUnknownKeys(entry: IDataObject, known: string[], field: string): void {
	const unknown = Object.keys(entry).filter((key) => !known.includes(key));
	if (unknown.length > 0) {
		throw new InvalidInputError(field, `${field} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use ${known.join(', ')}`);
	}
}

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

/** AutomationInfo: in `full` shape every flag (false unless set, or as `defaults` says). */
export function automationInfo(values: IDataObject, shape: Shape, defaults: IDataObject = {}): JsonObject | undefined {
	const object: JsonObject = {};
	for (const key of AUTOMATION_KEYS) {
		const value = optionalBoolean(values[key], `AutomationInfo.${key}`);
		object[key] = shape === 'full' ? (value ?? (defaults[key] as boolean | undefined) ?? false) : value;
	}
	return shaped(object, shape);
}

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
