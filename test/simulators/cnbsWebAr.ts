import { formatCents, isCalendarDate, toCents, VendorSimulator, type RecordedRequest, type SimResponse } from './framework';

/**
 * A CNBS WebAR (SAP) server: the `/cnbs/v1/` calls of CNBS's public API pages, checked the way an
 * SAP ICF service with CNBS's handler checks them. What CNBS does not document (the HTTP status of
 * a refused system ID, the wording of its messages, whether a request with several documents can
 * partly succeed) is this simulator's own choice, marked where it is made.
 */

export const CNBS_API_PATH = '/cnbs/v1/';
export const CNBS_MESSAGE_ID = '/CNBS/X_API';

/** The fiscal-year key as CNBS's list samples spell it (with a space) and as the payment request does. */
export const FISCAL_YEAR_WITH_SPACE = 'fiscal_year_of_the_relevant invoice';
export const FISCAL_YEAR = 'fiscal_year_of_the_relevant_invoice';

export interface CnbsMessage {
	message_type: string;
	message_identification: string;
	message_number: number;
	message_line_string: string;
}

export interface CnbsDocumentInput {
	document_number_finance: string;
	line_item?: number;
	fiscal_year: number;
	payer_number: string;
	company_code: string;
	billing_document_number?: string;
	soldto_number?: string;
	sales_organization?: string;
	distribution_channel?: string;
	division?: string;
	currency_key?: string;
	total_amount: string;
	/** Defaults to total_amount. */
	open_amount?: string;
	/** MM-DD-YYYY */
	posting_date?: string;
	due_date?: string;
	reference_number?: string;
	cancelled?: boolean;
}

interface CnbsDocumentRecord {
	document_number_finance: string;
	line_item: number;
	fiscal_year: number;
	payer_number: string;
	company_code: string;
	billing_document_number: string;
	soldto_number: string;
	sales_organization: string;
	distribution_channel: string;
	division: string;
	currency_key: string;
	totalCents: number;
	openCents: number;
	posting_date: string;
	due_date: string;
	reference_number: string;
	cancelled: boolean;
}

export interface CnbsPaymentRecord {
	kind: 'payment' | 'deposit';
	document_number_finance: string;
	clearing_document_number_finance: string;
	/** For payments: the paid document's number and fiscal year. */
	invoice?: { document_number_finance: string; fiscal_year: number; line_item: number };
	payer_number: string;
	company_code: string;
	amount: string;
	currency_key: string;
	authorization_number: string;
	authorization_reference_code: string;
	payment_method: string;
	payment_card_type: string;
	payment_card_token: string;
	payment_card_name: string;
	valid_to: string;
	reason_code: string;
	comment: string;
	posting_date: string;
	/** The index of the request (in `requests`) that made it. */
	requestIndex: number;
}

export interface CnbsCustomizingFlags {
	partialPaymentsAllowed: boolean;
	overpaymentAllowed: boolean;
}

export interface CnbsWebArSimulatorOptions {
	systemId: string;
	sapClient?: string;
	/** API IDs that are active (default CNBSMV01R and CNBSMV01P). */
	apiIds?: string[];
	/** When set, HTTP Basic with this SAP user and password is required. */
	basic?: { user: string; password: string };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function message(type: string, number: number, text: string): CnbsMessage {
	return { message_type: type, message_identification: CNBS_MESSAGE_ID, message_number: number, message_line_string: text };
}

/** MM-DD-YYYY, a real calendar day. */
export function isCnbsDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
	return !!m && isCalendarDate(Number(m[3]), Number(m[1]), Number(m[2]));
}

function dateKey(value: string): string {
	const [month, day, year] = value.split('-');
	return `${year}${month}${day}`;
}

function todayCnbs(): string {
	const now = new Date();
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(now.getUTCMonth() + 1)}-${p(now.getUTCDate())}-${now.getUTCFullYear()}`;
}

/** A JSON number amount (or numeric text) as cents; undefined when it is not an amount. */
function centsOf(value: unknown): number | undefined {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) return undefined;
		return toCents(value.toFixed(2)) ?? undefined;
	}
	if (typeof value === 'string') return toCents(value);
	return undefined;
}

/** A tiny but real PDF file. */
export function samplePdf(title: string): Buffer {
	const text = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
	return Buffer.from(text, 'latin1');
}

export class CnbsWebArSimulator extends VendorSimulator {
	readonly systemId: string;
	readonly sapClient: string;
	readonly apiIds: string[];
	readonly basic?: { user: string; password: string };

	customizing: CnbsCustomizingFlags = { partialPaymentsAllowed: false, overpaymentAllowed: false };
	/** The list answer spells the fiscal-year key with a space (as CNBS's samples do). */
	fiscalYearWithSpace = true;
	/** `status` as an array (the payment answer's form) or an object (every other answer's), per call. */
	statusAsArray: { payments: boolean; other: boolean } = { payments: true, other: false };
	/** Documents (by number) the simulator refuses to pay with a generic message (a declined card, say). */
	readonly declineDocuments = new Map<string, string>();
	/** Answer the next calls with this message (type E, A or X) in an HTTP 200 instead of processing them. */
	forcedMessage?: { type: string; text: string; number?: number; times?: number; path?: string };

	readonly payments: CnbsPaymentRecord[] = [];
	private readonly documents: CnbsDocumentRecord[] = [];
	private paymentSeq = 1400001000;
	private authSeq = 95939240;

	constructor(options: CnbsWebArSimulatorOptions) {
		super();
		this.systemId = options.systemId;
		this.sapClient = options.sapClient ?? '800';
		this.apiIds = options.apiIds ?? ['CNBSMV01R', 'CNBSMV01P'];
		this.basic = options.basic;
	}

	protected resetLedger(): void {
		this.documents.length = 0;
		this.payments.length = 0;
		this.declineDocuments.clear();
		this.forcedMessage = undefined;
		this.customizing = { partialPaymentsAllowed: false, overpaymentAllowed: false };
		this.fiscalYearWithSpace = true;
		this.statusAsArray = { payments: true, other: false };
		// Payment document numbers go on across resets, as SAP's do: a trigger that saw one before a
		// reset must not take a new payment for the old one.
	}

	addDocument(input: CnbsDocumentInput): void {
		const total = toCents(input.total_amount);
		const open = toCents(input.open_amount ?? input.total_amount);
		if (total === undefined || open === undefined) throw new Error(`Bad amount for document ${input.document_number_finance}`);
		this.documents.push({
			document_number_finance: input.document_number_finance,
			line_item: input.line_item ?? 1,
			fiscal_year: input.fiscal_year,
			payer_number: input.payer_number,
			company_code: input.company_code,
			billing_document_number: input.billing_document_number ?? `9${input.document_number_finance.slice(-8)}`,
			soldto_number: input.soldto_number ?? input.payer_number,
			sales_organization: input.sales_organization ?? input.company_code,
			distribution_channel: input.distribution_channel ?? '10',
			division: input.division ?? '00',
			currency_key: input.currency_key ?? 'USD',
			totalCents: total,
			openCents: open,
			posting_date: input.posting_date ?? '01-15-2017',
			due_date: input.due_date ?? '02-14-2017',
			reference_number: input.reference_number ?? '',
			cancelled: input.cancelled ?? false,
		});
	}

	/** A document's open amount now ('12.00'), or undefined when there is no such document. */
	openAmount(documentNumber: string, fiscalYear?: number): string | undefined {
		const record = this.documents.find(
			(d) => d.document_number_finance === documentNumber && (fiscalYear === undefined || d.fiscal_year === fiscalYear),
		);
		return record ? formatCents(record.openCents) : undefined;
	}

	/** Changes a document's open amount behind the node's back (someone paid part of it in SAP). */
	setOpenAmount(documentNumber: string, amount: string): void {
		const record = this.documents.find((d) => d.document_number_finance === documentNumber);
		const cents = toCents(amount);
		if (!record || cents === undefined) throw new Error(`Cannot set the open amount of ${documentNumber}`);
		record.openCents = cents;
	}

	// ---- changes between polls (the trigger tests) ---------------------------------------------

	/** Today as CNBS writes dates (MM-DD-YYYY, UTC). */
	static today(): string {
		return todayCnbs();
	}

	/**
	 * A payment posted in SAP outside the node (a lockbox, a clerk): the document's open amount goes
	 * down by `amount` (default: all of it, which clears it) and the payment list gains a row.
	 */
	postPayment(documentNumber: string, amount?: string): CnbsPaymentRecord {
		const record = this.documents.find((d) => d.document_number_finance === documentNumber);
		if (!record) throw new Error(`No document ${documentNumber}`);
		const cents = amount === undefined ? record.openCents : toCents(amount);
		if (cents === undefined || cents <= 0 || cents > record.openCents) throw new Error(`Cannot post ${String(amount)} to ${documentNumber}`);
		record.openCents -= cents;
		return this.recordPayment(
			'payment',
			{ customer_number: record.payer_number, company_code: record.company_code },
			{ payment_method: 'EC' },
			cents,
			record.currency_key,
			{ invoice: { document_number_finance: record.document_number_finance, fiscal_year: record.fiscal_year, line_item: record.line_item } },
		);
	}

	/** Payments made per document number. */
	paymentsPerDocument(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const payment of this.payments) {
			if (payment.invoice) counts.set(payment.invoice.document_number_finance, (counts.get(payment.invoice.document_number_finance) ?? 0) + 1);
		}
		return counts;
	}

	protected malformedResponse(): SimResponse {
		return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"payed":[{"document_number_finance":"14' };
	}

	private json(status: number, body: Record<string, unknown>): SimResponse {
		return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
	}

	private withStatus(call: 'payments' | 'other', body: Record<string, unknown>, messages: CnbsMessage[], status = 200): SimResponse {
		const asArray = this.statusAsArray[call];
		return this.json(status, { ...body, status: asArray ? messages : messages[0] });
	}

	private refuse(status: number, text: string, number = 1): SimResponse {
		return this.json(status, { status: message('E', number, text) });
	}

	protected handle(req: RecordedRequest): SimResponse {
		if (!req.path.startsWith(CNBS_API_PATH)) {
			return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>' };
		}
		// SAP ICF: the logon (client, Basic user) comes before the CNBS handler sees anything.
		if (req.query['sap-client'] !== this.sapClient) {
			return { status: 401, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Logon failed</title></head><body><h1>Logon failed</h1><p>Client does not exist</p></body></html>' };
		}
		if (this.basic) {
			const expected = `Basic ${Buffer.from(`${this.basic.user}:${this.basic.password}`).toString('base64')}`;
			if (req.headers.authorization !== expected) {
				return {
					status: 401,
					headers: { 'content-type': 'text/html', 'www-authenticate': 'Basic realm="SAP NetWeaver Application Server"' },
					body: '<html><head><title>Logon Error Message</title></head><body><h1>Logon failed</h1></body></html>',
				};
			}
		}
		// The CNBS handler: API ID, then the system ID. The simulator's choice: HTTP 403 with CNBS's status.
		if (!this.apiIds.includes(req.query.apiid ?? '')) {
			return this.refuse(403, `API ID ${req.query.apiid ?? '(none)'} is not active`, 2);
		}
		if (req.headers.cnbssysid !== this.systemId) {
			return this.refuse(403, 'System ID is not valid for this system', 3);
		}
		const route = `${req.method} ${req.path.slice(CNBS_API_PATH.length).replace(/\/+$/, '')}`;
		if (this.forcedMessage && (!this.forcedMessage.path || this.forcedMessage.path === route)) {
			const forced = this.forcedMessage;
			if (forced.times !== undefined && --forced.times <= 0) this.forcedMessage = undefined;
			const call = route === 'POST invoices/payments' ? 'payments' : 'other';
			return this.withStatus(call, call === 'payments' ? { payed: [] } : {}, [message(forced.type, forced.number ?? 99, forced.text)]);
		}
		switch (route) {
			case 'GET customizing':
				return this.customizingAnswer();
			case 'GET invoices':
				return this.invoiceList(req);
			case 'GET invoices/id':
				return this.invoiceDetail(req);
			case 'GET invoices/id/format/pdf':
				return this.invoicePdf(req);
			case 'POST invoices/payments':
				return this.pay(req);
			case 'GET invoices/payments':
				return this.paymentList(req);
			case 'POST invoices/deposits':
				return this.deposit(req);
			default:
				return this.refuse(404, `No service for ${route}`, 4);
		}
	}

	private customizingAnswer(): SimResponse {
		const companyCodes = [...new Set(this.documents.map((d) => d.company_code))].sort();
		return this.withStatus(
			'other',
			{
				generel_data: {
					partial_payments_allowed: this.customizing.partialPaymentsAllowed ? 'X' : '',
					cvv_use_control: '',
				},
				company_codes: (companyCodes.length ? companyCodes : ['3000']).map((code) => ({ company_code: code, description: `Company ${code}` })),
				payment_types: [
					{ payment_type: 'O', description: 'Open AR', overpayment_allowed: this.customizing.overpaymentAllowed ? 'X' : '' },
					{ payment_type: 'D', description: 'Deposit' },
				],
				payment_reason_codes: [
					{ reason_code: '01', company_code: '3000', payment_type: 'O', description: 'Partial payment', comments_required: '' },
					{ reason_code: '02', company_code: '3000', payment_type: 'O', description: 'Disputed amount', comments_required: 'X' },
				],
				payment_cards: [
					{ payment_card_type: 'AMEX', description: 'American Express' },
					{ payment_card_type: 'MC', description: 'MasterCard' },
					{ payment_card_type: 'VISA', description: 'Visa' },
				],
			},
			[message('S', 10, 'Request successfully processed')],
		);
	}

	private listEntry(d: CnbsDocumentRecord): Record<string, unknown> {
		const paid = d.totalCents - d.openCents;
		return {
			billing_document_number: d.billing_document_number,
			billing_document_type: 'F2',
			sales_organization: d.sales_organization,
			distribution_channel: d.distribution_channel,
			division: d.division,
			document_number_finance: d.document_number_finance,
			line_item_in_the_relevant_invoice: d.line_item,
			finance_document_type: 'RV',
			reference_number: d.reference_number,
			[this.fiscalYearWithSpace ? FISCAL_YEAR_WITH_SPACE : FISCAL_YEAR]: d.fiscal_year,
			soldto_number: d.soldto_number,
			payer_number: d.payer_number,
			posting_date: d.posting_date,
			document_date: d.posting_date,
			due_date: d.due_date,
			days_in_arrears: 0,
			currency_key: d.currency_key,
			total_amount: Number(formatCents(d.totalCents)),
			open_amount: Number(formatCents(d.openCents)),
			paid_amount: Number(formatCents(paid)),
			discount_amount: 0,
			pdf_document_available: 'X',
			...(d.cancelled ? { document_status: '04' } : {}),
		};
	}

	private invoiceList(req: RecordedRequest): SimResponse {
		const q = req.query;
		for (const key of ['date_from', 'date_to']) {
			if (q[key] !== undefined && !isCnbsDate(q[key])) return this.withStatus('other', { document_list: [] }, [message('E', 20, `${key} ${q[key]} is not a date in the format MM-DD-YYYY`)]);
		}
		const status = q.document_search_status ?? '01';
		if (!['01', '02', '03'].includes(status)) return this.withStatus('other', { document_list: [] }, [message('E', 21, `Search status ${status} is not valid`)]);
		if ((q.document_type ?? '01') !== '01') return this.withStatus('other', { document_list: [] }, [message('E', 22, `Document type ${q.document_type} is not supported here`)]);
		const filters: Array<[string, keyof CnbsDocumentRecord]> = [
			['soldto_number', 'soldto_number'],
			['sales_organization', 'sales_organization'],
			['distribution_channel', 'distribution_channel'],
			['division', 'division'],
			['payer_number', 'payer_number'],
			['company_code', 'company_code'],
		];
		const list = this.documents.filter((d) => {
			if (filters.some(([param, field]) => q[param] !== undefined && String(d[field]) !== q[param])) return false;
			if (q.date_from && dateKey(d.posting_date) < dateKey(q.date_from)) return false;
			if (q.date_to && dateKey(d.posting_date) > dateKey(q.date_to)) return false;
			const open = d.openCents > 0 && !d.cancelled;
			return status === '03' || (status === '01' ? open : !open);
		});
		const messages = list.length ? [message('S', 10, 'Request successfully processed')] : [message('I', 11, 'No documents found')];
		return this.withStatus('other', { document_list: list.map((d) => this.listEntry(d)) }, messages);
	}

	private findBilling(req: RecordedRequest): CnbsDocumentRecord | SimResponse {
		const { billing_document_number: number, customer_number: customer, document_type: type } = req.query;
		if (!number || !customer) return this.withStatus('other', {}, [message('E', 30, 'Billing document number and customer number are required')]);
		if ((type ?? '01') !== '01') return this.withStatus('other', {}, [message('E', 22, `Document type ${type} is not supported here`)]);
		const record = this.documents.find((d) => d.billing_document_number === number && (d.payer_number === customer || d.soldto_number === customer));
		if (!record) return this.withStatus('other', {}, [message('E', 31, `Document ${number} not found for customer ${customer}`)]);
		return record;
	}

	private invoiceDetail(req: RecordedRequest): SimResponse {
		const found = this.findBilling(req);
		if (!('document_number_finance' in found)) return found;
		const d = found;
		const documentStatus = d.cancelled ? '04' : d.openCents === 0 ? '03' : d.openCents < d.totalCents ? '02' : '01';
		return this.withStatus(
			'other',
			{
				detail: {
					header_data: {
						billing_document_number: d.billing_document_number,
						billing_document_type: 'F2',
						document_number_finance: d.document_number_finance,
						[FISCAL_YEAR_WITH_SPACE]: d.fiscal_year,
						payer_number: d.payer_number,
						soldto_number: d.soldto_number,
						currency_key: d.currency_key,
						total_amount: Number(formatCents(d.totalCents)),
						open_amount: Number(formatCents(d.openCents)),
						document_status: documentStatus,
					},
					item_data: [{ item_number: '000010', material: 'M-01', description: 'Consulting', quantity: 1, net_value: Number(formatCents(d.totalCents)) }],
					partner_data: [
						{ partner_function: 'AG', partner_number: d.soldto_number },
						{ partner_function: 'RG', partner_number: d.payer_number },
					],
				},
			},
			[message('S', 10, 'Request successfully processed')],
		);
	}

	private invoicePdf(req: RecordedRequest): SimResponse {
		const found = this.findBilling(req);
		if (!('document_number_finance' in found)) return found;
		const pdf = samplePdf(`Invoice ${found.billing_document_number}`);
		return {
			status: 200,
			headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="Invoice_${found.billing_document_number}.pdf"` },
			body: pdf.toString('latin1'),
		};
	}

	/** Checks payer_data and payment_detail; returns an error message or the parsed parts. */
	private readPaymentParts(body: Record<string, unknown>): string | { payer: Record<string, unknown>; detail: Record<string, unknown> } {
		const payer = body.payer_data;
		const detail = body.payment_detail;
		if (!isObject(payer) || !payer.customer_number || !payer.company_code) return 'payer_data with customer_number and company_code is required';
		if (!isObject(detail)) return 'payment_detail is required';
		if (detail.payment_method === 'CC') {
			if (!detail.payment_card_type || !detail.payment_card_token) return 'Card type and card token are required for payment method CC';
			if (!isCnbsDate(detail.valid_to)) return `valid_to ${String(detail.valid_to)} is not a date in the format MM-DD-YYYY`;
		} else if (detail.payment_method === 'EC') {
			if (!['C', 'S', 'X'].includes(String(detail.electronic_check_account_type))) return 'Account type must be C, S or X for payment method EC';
			if (!detail.electronic_check_rdfi_number) return 'RDFI number is required for payment method EC';
		} else {
			return `Payment method ${String(detail.payment_method)} is not valid`;
		}
		if (!isObject(detail.address_data)) return 'address_data is required';
		return { payer, detail };
	}

	private recordPayment(kind: CnbsPaymentRecord['kind'], payer: Record<string, unknown>, detail: Record<string, unknown>, cents: number, currency: string, extra: Partial<CnbsPaymentRecord>): CnbsPaymentRecord {
		const payment: CnbsPaymentRecord = {
			kind,
			document_number_finance: String(this.paymentSeq++),
			clearing_document_number_finance: String(this.paymentSeq + 500000),
			payer_number: String(payer.customer_number),
			company_code: String(payer.company_code),
			amount: formatCents(cents),
			currency_key: currency,
			authorization_number: `XI${String(this.payments.length).padStart(2, '0')}`,
			authorization_reference_code: String(this.authSeq++),
			payment_method: String(detail.payment_method),
			payment_card_type: String(detail.payment_card_type ?? ''),
			payment_card_token: String(detail.payment_card_token ?? ''),
			payment_card_name: String(detail.payment_card_name ?? ''),
			valid_to: String(detail.valid_to ?? ''),
			reason_code: '',
			comment: '',
			posting_date: todayCnbs(),
			requestIndex: this.requests.length - 1,
			...extra,
		};
		this.payments.push(payment);
		return payment;
	}

	/**
	 * Pays the documents that pass CNBS's checks and refuses the others (the simulator's choice: CNBS
	 * does not document whether a request with several documents can partly succeed). A document
	 * whose open_amount differs from SAP's is refused: that is what makes a stale repeat harmless.
	 */
	private pay(req: RecordedRequest): SimResponse {
		const body = req.json;
		if (!isObject(body)) return this.withStatus('payments', { payed: [] }, [message('E', 40, 'The request body is not valid JSON')], 400);
		const parts = this.readPaymentParts(body);
		if (typeof parts === 'string') return this.withStatus('payments', { payed: [] }, [message('E', 41, parts)]);
		const { payer, detail } = parts;
		const documents = body.documents;
		if (!Array.isArray(documents) || documents.length === 0) return this.withStatus('payments', { payed: [] }, [message('E', 42, 'No documents to pay')]);
		const payed: Record<string, unknown>[] = [];
		const errors: CnbsMessage[] = [];
		for (const entry of documents) {
			const refusal = this.payDocument(entry, payer, detail, payed);
			if (refusal) errors.push(refusal);
		}
		const messages = [...errors];
		if (payed.length) messages.unshift(message('S', 10, 'Request successfully processed'));
		return this.withStatus('payments', { payed }, messages);
	}

	private payDocument(entry: unknown, payer: Record<string, unknown>, detail: Record<string, unknown>, payed: Record<string, unknown>[]): CnbsMessage | undefined {
		if (!isObject(entry)) return message('E', 43, 'A document entry is not an object');
		const number = String(entry.document_number_finance ?? '');
		const year = entry[FISCAL_YEAR];
		const line = entry.line_item_in_the_relevant_invoice;
		if (typeof year !== 'number' || typeof line !== 'number') {
			return message('E', 44, `Document ${number}: fiscal year and line item must be numbers`);
		}
		const record = this.documents.find(
			(d) => d.document_number_finance === number && d.fiscal_year === year && d.line_item === line && d.payer_number === String(payer.customer_number) && d.company_code === String(payer.company_code),
		);
		if (!record) return message('E', 45, `Document ${number} ${year} not found for payer ${String(payer.customer_number)} in company code ${String(payer.company_code)}`);
		if (record.cancelled) return message('E', 46, `Document ${number} is cancelled`);
		const open = centsOf(entry.open_amount);
		const amount = centsOf(entry.amount_to_process);
		if (open === undefined || amount === undefined || amount <= 0) return message('E', 47, `Document ${number}: open_amount and amount_to_process must be positive amounts`);
		if (entry.currency_key !== record.currency_key) return message('E', 48, `Document ${number}: currency ${String(entry.currency_key)} does not match ${record.currency_key}`);
		// The simulator's wording; CNBS documents the check, not its text.
		if (open !== record.openCents) return message('E', 49, `Document ${number}: the open amount has changed (sent ${formatCents(open)}, now ${formatCents(record.openCents)}); the payment was not processed`);
		if (amount < record.openCents && !this.customizing.partialPaymentsAllowed) return message('E', 50, `Document ${number}: partial payments are not allowed`);
		if (amount > record.openCents && !this.customizing.overpaymentAllowed) return message('E', 51, `Document ${number}: overpayments are not allowed`);
		const declined = this.declineDocuments.get(number);
		if (declined) return message('E', 52, `Document ${number}: ${declined}`);
		record.openCents = Math.max(0, record.openCents - amount);
		const payment = this.recordPayment('payment', payer, detail, amount, record.currency_key, {
			invoice: { document_number_finance: number, fiscal_year: year, line_item: line },
			reason_code: String(entry.reason_code ?? ''),
			comment: String(entry.comment ?? ''),
		});
		payed.push({
			document_number_finance: number,
			[FISCAL_YEAR]: year,
			authorization_number: payment.authorization_number,
			authorization_reference_code: payment.authorization_reference_code,
			authorization_amount: Number(payment.amount),
			currency_key: record.currency_key,
		});
		return undefined;
	}

	private deposit(req: RecordedRequest): SimResponse {
		const body = req.json;
		if (!isObject(body)) return this.refuse(400, 'The request body is not valid JSON', 40);
		const parts = this.readPaymentParts(body);
		if (typeof parts === 'string') return this.withStatus('other', {}, [message('E', 41, parts)]);
		const deposit = body.deposit_detail;
		const cents = isObject(deposit) ? centsOf(deposit.amount_to_process) : undefined;
		if (!isObject(deposit) || cents === undefined || cents <= 0 || !deposit.currency_key) {
			return this.withStatus('other', {}, [message('E', 53, 'deposit_detail with a positive amount_to_process and a currency_key is required')]);
		}
		const payment = this.recordPayment('deposit', parts.payer, parts.detail, cents, String(deposit.currency_key), {
			reason_code: String(deposit.reason_code ?? ''),
			comment: String(deposit.comment ?? ''),
		});
		return this.withStatus(
			'other',
			{
				deposit: {
					document_number_finance: payment.document_number_finance,
					authorization_number: payment.authorization_number,
					authorization_reference_code: payment.authorization_reference_code,
					authorization_amount: Number(payment.amount),
					currency_key: payment.currency_key,
				},
			},
			[message('S', 10, 'Deposit successfully processed')],
		);
	}

	private paymentList(req: RecordedRequest): SimResponse {
		const q = req.query;
		for (const key of ['date_from', 'date_to']) {
			if (q[key] !== undefined && !isCnbsDate(q[key])) return this.withStatus('other', { payment_list: [] }, [message('E', 20, `${key} ${q[key]} is not a date in the format MM-DD-YYYY`)]);
		}
		const list = this.payments.filter(
			(p) =>
				(q.payer_number === undefined || p.payer_number === q.payer_number) &&
				(q.company_code === undefined || p.company_code === q.company_code) &&
				(!q.date_from || dateKey(p.posting_date) >= dateKey(q.date_from)) &&
				(!q.date_to || dateKey(p.posting_date) <= dateKey(q.date_to)),
		);
		return this.withStatus(
			'other',
			{
				payment_list: list.map((p) => ({
					document_number_finance: p.document_number_finance,
					finance_document_type: 'DZ',
					clearing_document_number_finance: p.clearing_document_number_finance,
					reference_number: '',
					[FISCAL_YEAR_WITH_SPACE]: Number(p.posting_date.slice(-4)),
					payer_number: p.payer_number,
					posting_date: p.posting_date,
					document_date: p.posting_date,
					currency_key: p.currency_key,
					paid_amount: -Number(p.amount),
					item_text: p.comment,
					authorization_number: p.authorization_number,
					authorization_reference_code: p.authorization_reference_code,
					payment_method: p.payment_method,
					payment_card_type: p.payment_card_type,
					// CNBS echoes the card token in the list.
					payment_card_token: p.payment_card_token,
					payment_card_name: p.payment_card_name,
					valid_to: p.valid_to,
					sd_invoices: p.invoice ? [{ document_number_finance: p.invoice.document_number_finance, [FISCAL_YEAR]: p.invoice.fiscal_year }] : [],
				})),
			},
			[message('S', 10, 'Request successfully processed')],
		);
	}
}
