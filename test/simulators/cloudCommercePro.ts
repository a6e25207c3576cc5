import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
	formatCents,
	formatDateTime,
	isCalendarDate,
	toCents,
	VendorSimulator,
	type RecordedRequest,
	type SimResponse,
} from './framework';

/** Service paths (relative to the base URL), their WCF contract and the one operation each serves here. */
export const CCP_SERVICES = {
	'/CCPApiPaymentService.svc': { contract: 'ICCPApiPaymentService', operation: 'CreatePayment' },
	'/CCPApiOrderService.svc': { contract: 'ICCPApiOrderService', operation: 'getInvoiceSummaryForOrderID' },
	'/CCPApiCustomerService.svc': { contract: 'ICCPApiCustomerService', operation: 'AddCustomer' },
} as const;

export type CcpOperation = (typeof CCP_SERVICES)[keyof typeof CCP_SERVICES]['operation'];

export const CCP_SOAP_ACTIONS: Record<CcpOperation, string> = {
	CreatePayment: 'http://tempuri.org/ICCPApiPaymentService/CreatePayment',
	getInvoiceSummaryForOrderID: 'http://tempuri.org/ICCPApiOrderService/getInvoiceSummaryForOrderID',
	AddCustomer: 'http://tempuri.org/ICCPApiCustomerService/AddCustomer',
};

/** ApiFault.ErrorCode values. CCP's real codes are not public: these are the simulator's own. */
export const CCP_ERROR_CODES = {
	INVALID_CREDENTIALS: 1001,
	MISSING_ELEMENT: 2001,
	INVALID_VALUE: 2002,
	BRAND_MISMATCH: 2003,
	INVOICE_NOT_FOUND: 3001,
	ORDER_NOT_FOUND: 3002,
	OVERPAYMENT: 3003,
	INVOICE_ALREADY_PAID: 3004,
	INVOICE_PARTY_MISMATCH: 3005,
} as const;

/** ApiFault.FaultType values. */
export const CCP_FAULT_TYPES = {
	SECURITY: 'Security',
	VALIDATION: 'Validation',
	BUSINESS: 'Business',
} as const;

/** ErrorLevel: 0 success, 1 validation/business failure, 2 security failure. */
export const CCP_ERROR_LEVELS = { NONE: 0, ERROR: 1, SECURITY: 2 } as const;

export const CCP_INVALID_CREDENTIALS_MESSAGE = 'Invalid security credentials';
export const CCP_INVOICE_NOT_FOUND_MESSAGE = 'Invoice not found';
export const CCP_ORDER_NOT_FOUND_MESSAGE = 'Order not found';
export const CCP_FIRST_PAYMENT_ID = 84975726;
export const CCP_FIRST_CUSTOMER_ID = 96354400;
export const CCP_TRANSACTION_TYPES = ['Invoice', 'CardPayment'] as const;

/** CreatePayment Content fields in the seed's order, then the optional ones seen in public code. */
export const CCP_CREATE_PAYMENT_REQUIRED = [
	'intInvoiceID',
	'intBrandID',
	'intSalesChannelID',
	'strPaymentReference',
	'dbPaymentAmount',
	'intCustomerID',
	'dtPaymentDate',
	'TransactionTypeID',
] as const;
export const CCP_CREATE_PAYMENT_OPTIONAL = [
	'intProformaID',
	'intBankAccountID',
	'dbPaymentNetAmount',
	'dbPaymentTaxAmount',
	'dbGBPPaymentAmount',
	'GatewayType',
] as const;
export const CCP_ADD_CUSTOMER_REQUIRED = [
	'intBrandID',
	'SalesChannelID',
	'CompanyName',
	'TradingName',
	'FirstName',
	'LastName',
	'EmailAddress',
] as const;

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

export interface CcpApiFault {
	RequestNodeIndex: number;
	ErrorCode: number;
	FaultType: string;
	ElementName: string;
	Detail: string;
	Message: string;
}

export interface CcpInvoiceInput {
	orderId: number;
	/** 0 = the order has no invoice (typical for trade customers). */
	invoiceId: number;
	proformaId?: number;
	/** Defaults to the simulator's brand. */
	brandId?: number;
	salesChannelId: number;
	customerId: number;
	/** Defaults to now, formatted `2021-10-22T12:01:44`. */
	invoiceDate?: string;
	netAmount: string;
	vatAmount: string;
	amount: string;
	amountPaid?: string;
}

export interface CcpInvoiceView {
	orderId: number;
	invoiceId: number;
	proformaId: number;
	brandId: number;
	salesChannelId: number;
	customerId: number;
	invoiceDate: string;
	netAmount: string;
	vatAmount: string;
	amount: string;
	amountPaid: string;
	outstanding: string;
}

interface CcpInvoiceRecord {
	orderId: number;
	invoiceId: number;
	proformaId: number;
	brandId: number;
	salesChannelId: number;
	customerId: number;
	invoiceDate: string;
	netCents: number;
	vatCents: number;
	amountCents: number;
	paidCents: number;
}

export interface CcpPayment {
	paymentId: number;
	invoiceId: number;
	brandId: number;
	/** Normalised to two decimals. */
	amount: string;
	/** As received, XML entities decoded, whitespace kept. */
	reference: string;
	paymentDate: string;
	transactionType: string;
	salesChannelId: number;
	customerId: number;
	/** Every Content field as received (raw text). */
	content: Record<string, string>;
	/** Content element names in the order received. */
	contentOrder: string[];
}

export interface CcpCustomerInput {
	id?: number;
	brandId?: number;
	salesChannelId: number;
	companyName: string;
	tradingName: string;
	firstName: string;
	lastName: string;
	emailAddress: string;
}

export interface CcpCustomer extends Required<CcpCustomerInput> {
	/** Every Content field as received (raw; nested elements as parsed objects). */
	fields: Record<string, unknown>;
}

export interface CloudCommerceProSimulatorOptions {
	brandId: number;
	securityHash: string;
	/** Refuse a payment whose intSalesChannelID / intCustomerID are not the invoice's (default true). */
	checkInvoiceParties?: boolean;
}

type XmlNode = Record<string, unknown>;

export function xmlEscape(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** A SOAP 1.1 Fault envelope as WCF writes it. */
export function ccpSoapFault(faultcode: string, faultstring: string): string {
	const ns = faultcode.startsWith('a:') ? ' xmlns:a="http://schemas.microsoft.com/ws/2005/05/addressing/none"' : '';
	return (
		`<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body><s:Fault>` +
		`<faultcode${ns}>${xmlEscape(faultcode)}</faultcode>` +
		`<faultstring xml:lang="en-GB">${xmlEscape(faultstring)}</faultstring>` +
		`</s:Fault></s:Body></s:Envelope>`
	);
}

function isNode(v: unknown): v is XmlNode {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Child elements of a parsed node, without whitespace text between them. */
function elements(node: XmlNode): XmlNode {
	const out: XmlNode = {};
	for (const [k, v] of Object.entries(node)) if (k !== '#text') out[k] = v;
	return out;
}

const INT = /^\d+$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?(?:Z|[+-]\d{2}:\d{2})?$/;

function isXsDateTime(value: string): boolean {
	const m = DATE_TIME.exec(value);
	if (!m) return false;
	if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
	if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
	return true;
}

class FaultList {
	readonly items: CcpApiFault[] = [];
	add(ErrorCode: number, FaultType: string, ElementName: string, Message: string, Detail = ''): this {
		this.items.push({ RequestNodeIndex: 0, ErrorCode, FaultType, ElementName, Detail, Message });
		return this;
	}
	get empty(): boolean {
		return this.items.length === 0;
	}
}

export class CloudCommerceProSimulator extends VendorSimulator {
	readonly brandId: number;
	readonly securityHash: string;
	checkInvoiceParties: boolean;

	readonly payments: CcpPayment[] = [];
	readonly customers: CcpCustomer[] = [];
	private readonly orders = new Map<number, CcpInvoiceRecord>();
	private nextPaymentId = CCP_FIRST_PAYMENT_ID;
	private nextCustomerId = CCP_FIRST_CUSTOMER_ID;

	private readonly parser = new XMLParser({
		removeNSPrefix: true,
		parseTagValue: false,
		// Keep a payment reference exactly as sent; whitespace between elements lands in '#text'.
		trimValues: false,
		ignoreAttributes: true,
		htmlEntities: true,
	});

	constructor(options: CloudCommerceProSimulatorOptions) {
		super();
		this.brandId = options.brandId;
		this.securityHash = options.securityHash;
		this.checkInvoiceParties = options.checkInvoiceParties ?? true;
	}

	// ---- ledger ------------------------------------------------------------------------------

	addInvoice(input: CcpInvoiceInput): CcpInvoiceView {
		const cents = (name: string, value: string) => {
			const c = toCents(value);
			if (c === undefined) throw new Error(`addInvoice: ${name} '${value}' is not a decimal with at most 2 decimals`);
			return c;
		};
		const record: CcpInvoiceRecord = {
			orderId: input.orderId,
			invoiceId: input.invoiceId,
			proformaId: input.proformaId ?? 0,
			brandId: input.brandId ?? this.brandId,
			salesChannelId: input.salesChannelId,
			customerId: input.customerId,
			invoiceDate: input.invoiceDate ?? formatDateTime(new Date()),
			netCents: cents('netAmount', input.netAmount),
			vatCents: cents('vatAmount', input.vatAmount),
			amountCents: cents('amount', input.amount),
			paidCents: cents('amountPaid', input.amountPaid ?? '0'),
		};
		this.orders.set(record.orderId, record);
		return this.view(record);
	}

	/** The invoice with amounts as decimal strings, or undefined. */
	invoice(invoiceId: number): CcpInvoiceView | undefined {
		const record = this.findInvoice(invoiceId);
		return record ? this.view(record) : undefined;
	}

	order(orderId: number): CcpInvoiceView | undefined {
		const record = this.orders.get(orderId);
		return record ? this.view(record) : undefined;
	}

	addCustomer(input: CcpCustomerInput): CcpCustomer {
		const customer: CcpCustomer = {
			id: input.id ?? this.nextCustomerId++,
			brandId: input.brandId ?? this.brandId,
			salesChannelId: input.salesChannelId,
			companyName: input.companyName,
			tradingName: input.tradingName,
			firstName: input.firstName,
			lastName: input.lastName,
			emailAddress: input.emailAddress,
			fields: {},
		};
		this.customers.push(customer);
		return customer;
	}

	/** The next request gets an HTTP 500 SOAP Fault with these texts. */
	soapFaultNext(faultcode: string, faultstring: string): this {
		return this.fail({ kind: 'status', status: 500, body: ccpSoapFault(faultcode, faultstring), contentType: XML_CONTENT_TYPE });
	}

	protected resetLedger(): void {
		this.orders.clear();
		this.payments.length = 0;
		this.customers.length = 0;
		this.nextPaymentId = CCP_FIRST_PAYMENT_ID;
		this.nextCustomerId = CCP_FIRST_CUSTOMER_ID;
	}

	private findInvoice(invoiceId: number): CcpInvoiceRecord | undefined {
		if (invoiceId === 0) return undefined;
		for (const r of this.orders.values()) if (r.invoiceId === invoiceId) return r;
		return undefined;
	}

	private view(r: CcpInvoiceRecord): CcpInvoiceView {
		return {
			orderId: r.orderId,
			invoiceId: r.invoiceId,
			proformaId: r.proformaId,
			brandId: r.brandId,
			salesChannelId: r.salesChannelId,
			customerId: r.customerId,
			invoiceDate: r.invoiceDate,
			netAmount: formatCents(r.netCents),
			vatAmount: formatCents(r.vatCents),
			amount: formatCents(r.amountCents),
			amountPaid: formatCents(r.paidCents),
			outstanding: formatCents(r.amountCents - r.paidCents),
		};
	}

	// ---- faults in the vendor's dress ------------------------------------------------------

	protected malformedResponse(): SimResponse {
		return {
			status: 200,
			headers: { 'content-type': XML_CONTENT_TYPE },
			body: `<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body><CreatePaymentResponse xmlns="http://tempuri.org/"><CreatePaymentResult><Succ`,
		};
	}

	protected statusFaultResponse(status: number): SimResponse {
		if (status === 500) {
			return this.fault(
				500,
				'a:InternalServiceFault',
				'The server was unable to process the request due to an internal error.  For more information about the error, either turn on IncludeExceptionDetailInFaults (either from ServiceBehaviorAttribute or from the <serviceDebug> configuration behavior) on the server in order to send the exception information back to the client, or turn on tracing as per the Microsoft .NET Framework SDK documentation and inspect the server trace logs.',
			);
		}
		return super.statusFaultResponse(status);
	}

	// ---- dispatch ----------------------------------------------------------------------------

	protected handle(req: RecordedRequest): SimResponse {
		const service = (CCP_SERVICES as Record<string, { contract: string; operation: CcpOperation }>)[req.path];
		if (!service) {
			return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>404 - File or directory not found.</h1></body></html>' };
		}
		if (req.method !== 'POST') {
			return { status: 405, headers: { 'content-type': 'text/html', allow: 'POST' }, body: '<html><body><h1>405 - Method Not Allowed</h1></body></html>' };
		}
		const contentType = req.headers['content-type'] ?? '';
		if (!/^text\/xml\b/i.test(contentType.trim())) {
			return this.fault(
				415,
				's:Client',
				`Cannot process the message because the content type '${contentType}' was not the expected type '${XML_CONTENT_TYPE}'.`,
			);
		}
		const operation = service.operation;
		const expectedAction = CCP_SOAP_ACTIONS[operation];
		const action = (req.headers.soapaction ?? '').trim().replace(/^"(.*)"$/, '$1');
		if (action !== expectedAction) {
			return this.fault(
				500,
				'a:ActionNotSupported',
				`The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher. This may be because of either a contract mismatch (mismatched Actions between sender and receiver) or a binding/security mismatch between the sender and the receiver.  Check that sender and receiver have the same contract and the same binding (including security requirements, e.g. Message, Transport, None).`,
			);
		}

		const valid = XMLValidator.validate(req.body);
		if (valid !== true) {
			return this.fault(
				400,
				's:Client',
				`The incoming message is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`,
			);
		}
		const doc = this.parser.parse(req.body) as XmlNode;
		const envelope = doc.Envelope;
		const body = isNode(envelope) ? envelope.Body : undefined;
		if (!isNode(body)) {
			return this.fault(400, 's:Client', 'The message is not a SOAP 1.1 envelope with a Body.');
		}
		const opNode = elements(body)[operation];
		if (!isNode(opNode) && opNode !== '') {
			const found = Object.keys(elements(body)).join(', ') || '(none)';
			return this.fault(
				500,
				'a:DeserializationFailed',
				`The formatter threw an exception while trying to deserialize the message: expected element '${operation}' from namespace 'http://tempuri.org/', found: ${found}.`,
			);
		}
		const request = isNode(opNode) ? elements(opNode).request : undefined;
		if (!isNode(request)) {
			return this.result(operation, new FaultList().add(CCP_ERROR_CODES.MISSING_ELEMENT, CCP_FAULT_TYPES.VALIDATION, 'request', 'Element request is required'));
		}
		const r = elements(request);

		const brand = typeof r.BrandID === 'string' ? r.BrandID.trim() : '';
		const hash = typeof r.SecurityHash === 'string' ? r.SecurityHash.trim() : '';
		if (brand !== String(this.brandId) || hash !== this.securityHash.trim()) {
			const element = brand !== String(this.brandId) ? 'BrandID' : 'SecurityHash';
			return this.result(
				operation,
				new FaultList().add(CCP_ERROR_CODES.INVALID_CREDENTIALS, CCP_FAULT_TYPES.SECURITY, element, CCP_INVALID_CREDENTIALS_MESSAGE),
				CCP_ERROR_LEVELS.SECURITY,
			);
		}

		switch (operation) {
			case 'CreatePayment':
				return this.createPayment(r.Content);
			case 'getInvoiceSummaryForOrderID':
				return this.invoiceSummary(r.Content);
			case 'AddCustomer':
				return this.addCustomerOp(r.Content);
		}
	}

	private createPayment(contentNode: unknown): SimResponse {
		const op = 'CreatePayment';
		const errors = new FaultList();
		if (!isNode(contentNode)) {
			return this.result(op, errors.add(CCP_ERROR_CODES.MISSING_ELEMENT, CCP_FAULT_TYPES.VALIDATION, 'Content', 'Element Content is required'));
		}
		const content = elements(contentNode);
		const raw: Record<string, string> = {};
		for (const [k, v] of Object.entries(content)) {
			if (typeof v === 'string') raw[k] = v;
			else errors.add(CCP_ERROR_CODES.INVALID_VALUE, CCP_FAULT_TYPES.VALIDATION, k, `Element ${k} must appear once and hold a simple value`);
		}
		for (const name of CCP_CREATE_PAYMENT_REQUIRED) {
			if (content[name] === undefined || raw[name]?.trim() === '') {
				errors.add(CCP_ERROR_CODES.MISSING_ELEMENT, CCP_FAULT_TYPES.VALIDATION, name, `Element ${name} is required`);
			}
		}
		const bad = (name: string, message: string) =>
			errors.add(CCP_ERROR_CODES.INVALID_VALUE, CCP_FAULT_TYPES.VALIDATION, name, message, `Value: '${raw[name]}'`);
		const has = (name: string) => raw[name] !== undefined && raw[name].trim() !== '';
		for (const name of ['intInvoiceID', 'intBrandID', 'intSalesChannelID', 'intCustomerID', 'intProformaID', 'intBankAccountID']) {
			const value = raw[name];
			// Empty required elements are reported as missing above; an empty optional int is a WCF deserialisation error too.
			if (value === undefined || (value.trim() === '' && (CCP_CREATE_PAYMENT_REQUIRED as readonly string[]).includes(name))) continue;
			if (!INT.test(value.trim())) bad(name, `${name} must be an integer`);
		}
		if (has('dbPaymentAmount')) {
			const c = toCents(raw.dbPaymentAmount);
			if (c === undefined || c <= 0) bad('dbPaymentAmount', 'dbPaymentAmount must be a positive amount with at most 2 decimals');
		}
		for (const name of ['dbPaymentNetAmount', 'dbPaymentTaxAmount', 'dbGBPPaymentAmount']) {
			if (raw[name] !== undefined && toCents(raw[name]) === undefined) bad(name, `${name} must be an amount with at most 2 decimals`);
		}
		if (has('dtPaymentDate') && !isXsDateTime(raw.dtPaymentDate.trim())) {
			bad('dtPaymentDate', 'dtPaymentDate is not a valid date (expected e.g. 2021-10-22T12:01:44)');
		}
		if (has('TransactionTypeID') && !(CCP_TRANSACTION_TYPES as readonly string[]).includes(raw.TransactionTypeID.trim())) {
			bad('TransactionTypeID', `TransactionTypeID must be one of ${CCP_TRANSACTION_TYPES.join(', ')}`);
		}
		if (!errors.empty) return this.result(op, errors);

		const num = (name: string) => Number(raw[name].trim());
		if (num('intBrandID') !== this.brandId) {
			return this.result(op, errors.add(CCP_ERROR_CODES.BRAND_MISMATCH, CCP_FAULT_TYPES.VALIDATION, 'intBrandID', `intBrandID ${raw.intBrandID} does not match BrandID ${this.brandId}`));
		}
		const invoice = this.findInvoice(num('intInvoiceID'));
		if (!invoice || invoice.brandId !== this.brandId) {
			return this.result(op, errors.add(CCP_ERROR_CODES.INVOICE_NOT_FOUND, CCP_FAULT_TYPES.BUSINESS, 'intInvoiceID', CCP_INVOICE_NOT_FOUND_MESSAGE, `Value: '${raw.intInvoiceID}'`));
		}
		if (this.checkInvoiceParties) {
			if (num('intSalesChannelID') !== invoice.salesChannelId) {
				errors.add(CCP_ERROR_CODES.INVOICE_PARTY_MISMATCH, CCP_FAULT_TYPES.BUSINESS, 'intSalesChannelID', `intSalesChannelID ${raw.intSalesChannelID} does not match the invoice's sales channel ${invoice.salesChannelId}`);
			}
			if (num('intCustomerID') !== invoice.customerId) {
				errors.add(CCP_ERROR_CODES.INVOICE_PARTY_MISMATCH, CCP_FAULT_TYPES.BUSINESS, 'intCustomerID', `intCustomerID ${raw.intCustomerID} does not match the invoice's customer ${invoice.customerId}`);
			}
			if (!errors.empty) return this.result(op, errors);
		}
		const outstanding = invoice.amountCents - invoice.paidCents;
		const amount = toCents(raw.dbPaymentAmount) as number;
		if (outstanding <= 0) {
			return this.result(op, errors.add(CCP_ERROR_CODES.INVOICE_ALREADY_PAID, CCP_FAULT_TYPES.BUSINESS, 'intInvoiceID', `Invoice ${invoice.invoiceId} is already fully paid`));
		}
		if (amount > outstanding) {
			return this.result(
				op,
				errors.add(
					CCP_ERROR_CODES.OVERPAYMENT,
					CCP_FAULT_TYPES.BUSINESS,
					'dbPaymentAmount',
					`Payment amount ${formatCents(amount)} exceeds outstanding balance ${formatCents(outstanding)}`,
				),
			);
		}

		invoice.paidCents += amount;
		const payment: CcpPayment = {
			paymentId: this.nextPaymentId++,
			invoiceId: invoice.invoiceId,
			brandId: this.brandId,
			amount: formatCents(amount),
			reference: raw.strPaymentReference,
			paymentDate: raw.dtPaymentDate.trim(),
			transactionType: raw.TransactionTypeID.trim(),
			salesChannelId: num('intSalesChannelID'),
			customerId: num('intCustomerID'),
			content: raw,
			contentOrder: Object.keys(content),
		};
		this.payments.push(payment);
		return this.result(op, errors, CCP_ERROR_LEVELS.NONE, String(payment.paymentId));
	}

	private invoiceSummary(contentNode: unknown): SimResponse {
		const op = 'getInvoiceSummaryForOrderID';
		const errors = new FaultList();
		if (contentNode === undefined) {
			return this.result(op, errors.add(CCP_ERROR_CODES.MISSING_ELEMENT, CCP_FAULT_TYPES.VALIDATION, 'Content', 'Element Content is required'));
		}
		const text = typeof contentNode === 'string' ? contentNode.trim() : '';
		if (!INT.test(text)) {
			return this.result(op, errors.add(CCP_ERROR_CODES.INVALID_VALUE, CCP_FAULT_TYPES.VALIDATION, 'Content', 'Content must be an integer OrderID', `Value: '${typeof contentNode === 'string' ? contentNode : '(element)'}'`));
		}
		const order = this.orders.get(Number(text));
		if (!order || order.brandId !== this.brandId) {
			return this.result(op, errors.add(CCP_ERROR_CODES.ORDER_NOT_FOUND, CCP_FAULT_TYPES.BUSINESS, 'Content', CCP_ORDER_NOT_FOUND_MESSAGE, `Value: '${text}'`));
		}
		const fields: Array<[string, string]> = [
			['ID', String(order.invoiceId)],
			['ProformaID', String(order.proformaId)],
			['BrandID', String(order.brandId)],
			['SalesChannelID', String(order.salesChannelId)],
			['InvoiceDate', order.invoiceDate],
			['CustomerID', String(order.customerId)],
			['NetAmount', formatCents(order.netCents)],
			['VATAmount', formatCents(order.vatCents)],
			['Amount', formatCents(order.amountCents)],
			['AmountPaid', formatCents(order.paidCents)],
		];
		return this.result(op, errors, CCP_ERROR_LEVELS.NONE, fields.map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join(''));
	}

	private addCustomerOp(contentNode: unknown): SimResponse {
		const op = 'AddCustomer';
		const errors = new FaultList();
		if (!isNode(contentNode)) {
			return this.result(op, errors.add(CCP_ERROR_CODES.MISSING_ELEMENT, CCP_FAULT_TYPES.VALIDATION, 'Content', 'Element Content is required'));
		}
		const content = elements(contentNode);
		const text = (name: string) => (typeof content[name] === 'string' ? (content[name] as string).trim() : '');
		for (const name of CCP_ADD_CUSTOMER_REQUIRED) {
			if (text(name) === '') errors.add(CCP_ERROR_CODES.MISSING_ELEMENT, CCP_FAULT_TYPES.VALIDATION, name, `Element ${name} is required`);
		}
		for (const name of ['intBrandID', 'SalesChannelID']) {
			if (text(name) !== '' && !INT.test(text(name))) {
				errors.add(CCP_ERROR_CODES.INVALID_VALUE, CCP_FAULT_TYPES.VALIDATION, name, `${name} must be an integer`, `Value: '${text(name)}'`);
			}
		}
		if (text('EmailAddress') !== '' && !/^[^@\s]+@[^@\s]+$/.test(text('EmailAddress'))) {
			errors.add(CCP_ERROR_CODES.INVALID_VALUE, CCP_FAULT_TYPES.VALIDATION, 'EmailAddress', 'EmailAddress is not a valid e-mail address', `Value: '${text('EmailAddress')}'`);
		}
		if (!errors.empty) return this.result(op, errors);
		if (Number(text('intBrandID')) !== this.brandId) {
			return this.result(op, errors.add(CCP_ERROR_CODES.BRAND_MISMATCH, CCP_FAULT_TYPES.VALIDATION, 'intBrandID', `intBrandID ${text('intBrandID')} does not match BrandID ${this.brandId}`));
		}
		const email = text('EmailAddress').toLowerCase();
		let customer = this.customers.find((c) => c.brandId === this.brandId && c.emailAddress.toLowerCase() === email);
		if (!customer) {
			customer = this.addCustomer({
				salesChannelId: Number(text('SalesChannelID')),
				companyName: text('CompanyName'),
				tradingName: text('TradingName'),
				firstName: text('FirstName'),
				lastName: text('LastName'),
				emailAddress: text('EmailAddress'),
			});
			customer.fields = content;
		}
		return this.result(op, errors, CCP_ERROR_LEVELS.NONE, `<ID>${customer.id}</ID>`);
	}

	// ---- answers -----------------------------------------------------------------------------

	private fault(status: number, faultcode: string, faultstring: string): SimResponse {
		return { status, headers: { 'content-type': XML_CONTENT_TYPE }, body: ccpSoapFault(faultcode, faultstring) };
	}

	/**
	 * `<OpResponse><OpResult>` with Success/ErrorLevel/ErrorMessage/Content/Errors, HTTP 200.
	 * With errors, Success is false; contentXml is already-escaped inner XML.
	 */
	private result(operation: CcpOperation, errors: FaultList, level: number = CCP_ERROR_LEVELS.ERROR, contentXml = ''): SimResponse {
		const ok = errors.empty;
		const message = errors.items.map((e) => e.Message).join('; ');
		const faults = errors.items
			.map(
				(e) =>
					`<ApiFault><RequestNodeIndex>${e.RequestNodeIndex}</RequestNodeIndex><ErrorCode>${e.ErrorCode}</ErrorCode>` +
					`<FaultType>${xmlEscape(e.FaultType)}</FaultType><ElementName>${xmlEscape(e.ElementName)}</ElementName>` +
					`<Detail>${xmlEscape(e.Detail)}</Detail><Message>${xmlEscape(e.Message)}</Message></ApiFault>`,
			)
			.join('');
		const body =
			`<s:Envelope xmlns:s="${SOAP_ENV}">` +
			`<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
			`<${operation}Response xmlns="http://tempuri.org/"><${operation}Result>` +
			`<Success>${ok}</Success>` +
			`<ErrorLevel>${ok ? CCP_ERROR_LEVELS.NONE : level}</ErrorLevel>` +
			(ok || message === '' ? '<ErrorMessage />' : `<ErrorMessage>${xmlEscape(message)}</ErrorMessage>`) +
			(ok && contentXml !== '' ? `<Content>${contentXml}</Content>` : '<Content />') +
			(faults === '' ? '<Errors />' : `<Errors>${faults}</Errors>`) +
			`</${operation}Result></${operation}Response></s:Body></s:Envelope>`;
		return { status: 200, headers: { 'content-type': XML_CONTENT_TYPE }, body };
	}
}
