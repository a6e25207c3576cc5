/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: runs in Node and jest, never ships to n8n */
import { randomBytes } from 'crypto';
import {
	formatCents,
	formatDateTime,
	isCalendarDate,
	toCents,
	VendorSimulator,
	type RecordedRequest,
	type SimResponse,
} from './framework';

export const CRM_BASE_PATH = '/crmapi/rest/v2/';

/** status.code values. CRM.COM's real list is not public: these are the simulator's own. */
export const CRM_STATUS = {
	OK: 'OK',
	INVALID_TOKEN: 'INVALID_TOKEN',
	AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED',
	MISSING_PARAMETER: 'MISSING_PARAMETER',
	INVALID_PARAMETER: 'INVALID_PARAMETER',
	NOT_FOUND: 'NOT_FOUND',
	DUPLICATE_BACK_OFFICE_CODE: 'DUPLICATE_BACK_OFFICE_CODE',
	INVOICE_ALREADY_PAID: 'INVOICE_ALREADY_PAID',
	INVALID_INVOICE_STATE: 'INVALID_INVOICE_STATE',
	/** Body is not a JSON object (HTTP 400). */
	INVALID_REQUEST: 'INVALID_REQUEST',
	/** No such resource/action (HTTP 404) or wrong HTTP method (HTTP 405). */
	UNKNOWN_METHOD: 'UNKNOWN_METHOD',
} as const;
export type CrmStatusCode = (typeof CRM_STATUS)[keyof typeof CRM_STATUS];

export const CRM_INVALID_TOKEN = CRM_STATUS.INVALID_TOKEN;
export const CRM_INVALID_TOKEN_MESSAGE = 'The token is invalid or has expired';
export const CRM_AUTHENTICATION_FAILED_MESSAGE = 'Invalid username or password';
export const CRM_DEFAULT_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;

/** Allowed keys of each identifier object of payments/pay_invoice. */
export const CRM_PAY_INVOICE_IDENTIFIERS: Record<string, readonly string[]> = {
	accounts_receivable_identifier: ['id', 'number', 'name'],
	wallet_identifier: ['id', 'number'],
	type_identifier: ['id', 'name', 'alternative_code'],
	category_identifier: ['id', 'name', 'code'],
	payment_method_identifier: ['id', 'name', 'alternative_code'],
	invoice_identifier: ['id', 'number', 'reference_number', 'back_office_code'],
	received_by_user_identifier: ['id', 'username'],
	received_by_unit_identifier: ['id', 'name', 'alternative_code'],
	card_identifier: ['id', 'payment_gateway_reference_number', 'last_digits'],
	accounts_receivable_payment_preference_identifier: [
		'id',
		'payment_preference_identifier',
		'payment_medium_identifier',
		'bank_account_number',
	],
};
export const CRM_PAYMENT_PREFERENCE_IDENTIFIER_KEYS = ['id', 'name', 'alternative_code'] as const;
export const CRM_PAY_INVOICE_MANDATORY = ['type_identifier', 'payment_method_identifier', 'invoice_identifier'] as const;
export const CRM_INVOICE_IDENTIFIER_KEYS = ['id', 'number', 'reference_number', 'back_office_code'] as const;

const UDF_STRING = /^udf_string_[1-8]$/;
const UDF_FLOAT = /^udf_float_[1-4]$/;
const UDF_DATE = /^udf_date_[1-4]$/;
const OTHER_PAY_INVOICE_PARAMS = ['token', 'received_on', 'notes', 'back_office_code', 'fields_set'];

export interface CrmAccountsReceivable {
	id: string;
	number: string;
	name: string;
}

export interface CrmInvoiceInput {
	/** Defaults to 32 random upper-case hex digits. */
	id?: string;
	number: string;
	reference_number: string;
	back_office_code?: string;
	total_amount: string;
	outstanding_amount: string;
	/** Defaults to outstanding_amount. */
	unsettled_amount?: string;
	currency?: string;
	life_cycle_state?: 'DRAFT' | 'POSTED' | 'CANCELLED' | 'REJECTED';
	due_on?: string;
	accounts_receivable?: CrmAccountsReceivable;
}

export interface CrmInvoiceView {
	id: string;
	number: string;
	reference_number: string;
	back_office_code: string | null;
	life_cycle_state: string;
	total_amount: string;
	outstanding_amount: string;
	unsettled_amount: string;
	due_on: string | null;
	currency: string;
	accounts_receivable: CrmAccountsReceivable | null;
}

interface CrmInvoiceRecord {
	id: string;
	number: string;
	reference_number: string;
	back_office_code: string | null;
	life_cycle_state: string;
	totalCents: number;
	outstandingCents: number;
	unsettledCents: number;
	due_on: string | null;
	currency: string;
	accounts_receivable: CrmAccountsReceivable | null;
}

export interface CrmPayment {
	id: string;
	number: string;
	reference_number: string;
	/** Decimal string, two decimals. */
	payment_amount: string;
	invoice_id: string;
	back_office_code?: string;
	received_on?: string;
	issued_on: string;
	/** The whole received JSON body without the token. */
	body: Record<string, unknown>;
}

export interface CrmToken {
	token: string;
	issuedAt: number;
	/** 'password' for authentication/token, 'web_api_key' for authentication/web_api_key/token. */
	via: 'password' | 'web_api_key';
	unit?: string;
}

export interface CrmComSimulatorOptions {
	username: string;
	password: string;
	organisation: string;
	webApiKey: string;
	tokenTtlMs?: number;
	/** HTTP status for INVALID_TOKEN answers: 200 like every other CRM.COM answer (default), or 401. */
	invalidTokenHttpStatus?: 200 | 401;
}

interface CrmAnswer {
	httpStatus?: number;
	code: CrmStatusCode;
	message?: string;
	description?: string;
	data?: unknown;
}

class ParamError extends Error {
	constructor(
		readonly code: CrmStatusCode,
		message: string,
	) {
		super(message);
	}
}

function hex32(): string {
	return randomBytes(16).toString('hex').toUpperCase();
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `2014-07-14T09:12:54` or `2014-07-14`. */
export function isCrmDate(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/.exec(value);
	if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
	return m[4] === undefined || (Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59);
}

/** Decimal string to a JSON number for output (225, 12.5); no arithmetic is done on it. */
function amountNumber(cents: number): number {
	return Number(formatCents(cents));
}

export class CrmComSimulator extends VendorSimulator {
	readonly username: string;
	readonly password: string;
	readonly organisation: string;
	readonly webApiKey: string;
	/** Applies to tokens already issued too: expiry is checked as issuedAt + tokenTtlMs. */
	tokenTtlMs: number;
	invalidTokenHttpStatus: 200 | 401;

	/** Successful sign-ins (both methods). */
	signIns = 0;
	failedSignIns = 0;
	readonly tokens = new Map<string, CrmToken>();
	readonly releasedTokens: string[] = [];
	readonly payments: CrmPayment[] = [];
	private readonly invoices: CrmInvoiceRecord[] = [];
	private paymentSeq = 100;
	private referenceSeq = 115;

	constructor(options: CrmComSimulatorOptions) {
		super();
		this.username = options.username;
		this.password = options.password;
		this.organisation = options.organisation;
		this.webApiKey = options.webApiKey;
		this.tokenTtlMs = options.tokenTtlMs ?? CRM_DEFAULT_TOKEN_TTL_MS;
		this.invalidTokenHttpStatus = options.invalidTokenHttpStatus ?? 200;
	}

	/** Full URL of a method, e.g. `url('payments/pay_invoice')`. */
	url(method: string): string {
		return `${this.baseUrl}${CRM_BASE_PATH}${method}`;
	}

	// ---- ledger ------------------------------------------------------------------------------

	/**
	 * A payment made outside the node (in CRM.COM's UI, another system), e.g. with the back office
	 * code a workflow will use again. It pays the invoice's whole outstanding amount, as pay_invoice does.
	 */
	addPayment(input: { invoice: { number: string }; back_office_code?: string }): CrmPayment {
		const invoice = this.findInvoice('number', input.invoice.number);
		if (!invoice) throw new Error(`addPayment: no invoice ${input.invoice.number}`);
		const payment: CrmPayment = {
			id: hex32(),
			number: String(this.paymentSeq++),
			reference_number: String(this.referenceSeq++),
			payment_amount: formatCents(invoice.outstandingCents),
			invoice_id: invoice.id,
			back_office_code: input.back_office_code,
			issued_on: formatDateTime(new Date()),
			body: { invoice_identifier: { number: invoice.number }, back_office_code: input.back_office_code },
		};
		invoice.outstandingCents = 0;
		invoice.unsettledCents = 0;
		this.payments.push(payment);
		return payment;
	}

	addInvoice(input: CrmInvoiceInput): CrmInvoiceView {
		const cents = (name: string, value: string) => {
			const c = toCents(value);
			if (c === undefined) throw new Error(`addInvoice: ${name} '${value}' is not a decimal with at most 2 decimals`);
			return c;
		};
		const outstanding = cents('outstanding_amount', input.outstanding_amount);
		const record: CrmInvoiceRecord = {
			id: input.id ?? hex32(),
			number: input.number,
			reference_number: input.reference_number,
			back_office_code: input.back_office_code ?? null,
			life_cycle_state: input.life_cycle_state ?? 'POSTED',
			totalCents: cents('total_amount', input.total_amount),
			outstandingCents: outstanding,
			unsettledCents: input.unsettled_amount === undefined ? outstanding : cents('unsettled_amount', input.unsettled_amount),
			due_on: input.due_on ?? null,
			currency: input.currency ?? 'EUR',
			accounts_receivable: input.accounts_receivable ?? null,
		};
		this.invoices.push(record);
		return this.view(record);
	}

	/** Finds an invoice by any identifier key, e.g. `invoice({ number: 'INV001' })`. */
	invoice(identifier: Partial<Record<(typeof CRM_INVOICE_IDENTIFIER_KEYS)[number], string>>): CrmInvoiceView | undefined {
		const [key, value] = Object.entries(identifier)[0] ?? [];
		const record = key === undefined ? undefined : this.findInvoice(key, String(value));
		return record ? this.view(record) : undefined;
	}

	/** Makes every issued token expired (as if the TTL had passed). */
	expireAllTokens(): void {
		for (const t of this.tokens.values()) t.issuedAt = -Infinity;
	}

	expireToken(token: string): void {
		const t = this.tokens.get(token);
		if (t) t.issuedAt = -Infinity;
	}

	/** Issues a token directly (no HTTP), for tests that start signed in. */
	issueToken(via: CrmToken['via'] = 'password'): string {
		const token = hex32();
		this.tokens.set(token, { token, issuedAt: Date.now(), via });
		return token;
	}

	isTokenValid(token: string): boolean {
		const t = this.tokens.get(token);
		return t !== undefined && Date.now() - t.issuedAt < this.tokenTtlMs;
	}

	protected resetLedger(): void {
		this.invoices.length = 0;
		this.payments.length = 0;
		this.tokens.clear();
		this.releasedTokens.length = 0;
		this.signIns = 0;
		this.failedSignIns = 0;
		this.paymentSeq = 100;
		this.referenceSeq = 115;
	}

	private findInvoice(key: string, value: string): CrmInvoiceRecord | undefined {
		return this.invoices.find((i) => {
			switch (key) {
				case 'id':
					return i.id === value;
				case 'number':
					return i.number === value;
				case 'reference_number':
					return i.reference_number === value;
				case 'back_office_code':
					return i.back_office_code !== null && i.back_office_code === value;
				default:
					return false;
			}
		});
	}

	private view(r: CrmInvoiceRecord): CrmInvoiceView {
		return {
			id: r.id,
			number: r.number,
			reference_number: r.reference_number,
			back_office_code: r.back_office_code,
			life_cycle_state: r.life_cycle_state,
			total_amount: formatCents(r.totalCents),
			outstanding_amount: formatCents(r.outstandingCents),
			unsettled_amount: formatCents(r.unsettledCents),
			due_on: r.due_on,
			currency: r.currency,
			accounts_receivable: r.accounts_receivable,
		};
	}

	// ---- faults in the vendor's dress ------------------------------------------------------

	protected malformedResponse(): SimResponse {
		return {
			status: 200,
			headers: { 'content-type': 'application/json;charset=UTF-8' },
			body: '{"status":{"code":"OK","message":"","description":""},"data":{"payment_amount":2',
		};
	}

	// ---- dispatch ----------------------------------------------------------------------------

	protected handle(req: RecordedRequest): SimResponse {
		return this.answer(this.route(req));
	}

	private route(req: RecordedRequest): CrmAnswer {
		if (!req.path.startsWith(CRM_BASE_PATH)) {
			return { httpStatus: 404, code: CRM_STATUS.UNKNOWN_METHOD, message: `Unknown resource ${req.path}` };
		}
		const method = req.path.slice(CRM_BASE_PATH.length).replace(/\/+$/, '');
		const routes: Record<string, { verb: 'GET' | 'POST'; run: () => CrmAnswer }> = {
			'authentication/token': { verb: 'POST', run: () => this.signIn(req) },
			'authentication/web_api_key/token': { verb: 'POST', run: () => this.signInWithKey(req) },
			'authentication/token/release': { verb: 'POST', run: () => this.release(req) },
			'payments/pay_invoice': { verb: 'POST', run: () => this.payInvoice(req) },
			'invoices/show': { verb: 'GET', run: () => this.showInvoice(req) },
		};
		const route = routes[method];
		if (!route) return { httpStatus: 404, code: CRM_STATUS.UNKNOWN_METHOD, message: `Unknown method ${method}` };
		if (req.method !== route.verb) {
			return { httpStatus: 405, code: CRM_STATUS.UNKNOWN_METHOD, message: `${method} must be called with HTTP ${route.verb}` };
		}
		if (route.verb === 'POST') {
			const bodyOptional = method === 'authentication/web_api_key/token' && req.body.trim() === '';
			if (!bodyOptional) {
				const contentType = req.headers['content-type'] ?? '';
				if (!/^application\/json\b/i.test(contentType.trim()) || !isObject(req.json)) {
					return {
						httpStatus: 400,
						code: CRM_STATUS.INVALID_REQUEST,
						message: 'The request body must be a JSON object sent as application/json',
					};
				}
			}
		}
		try {
			return route.run();
		} catch (error) {
			if (error instanceof ParamError) return { code: error.code, message: error.message };
			throw error;
		}
	}

	private answer(a: CrmAnswer): SimResponse {
		const body = {
			status: { code: a.code, message: a.message ?? '', description: a.description ?? '' },
			data: a.data === undefined ? null : a.data,
		};
		let status = a.httpStatus ?? 200;
		if (a.code === CRM_STATUS.INVALID_TOKEN && a.httpStatus === undefined) status = this.invalidTokenHttpStatus;
		return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body) };
	}

	private newToken(via: CrmToken['via'], unit?: string): CrmAnswer {
		const token = hex32();
		this.tokens.set(token, { token, issuedAt: Date.now(), via, unit });
		this.signIns++;
		return { code: CRM_STATUS.OK, data: { token } };
	}

	private signIn(req: RecordedRequest): CrmAnswer {
		const body = req.json as Record<string, unknown>;
		for (const name of ['username', 'password', 'organisation']) {
			if (typeof body[name] !== 'string' || body[name] === '') {
				this.failedSignIns++;
				return { code: CRM_STATUS.MISSING_PARAMETER, message: `Missing mandatory parameter: ${name}` };
			}
		}
		if (body.username !== this.username || body.password !== this.password) {
			this.failedSignIns++;
			return { code: CRM_STATUS.AUTHENTICATION_FAILED, message: CRM_AUTHENTICATION_FAILED_MESSAGE };
		}
		if (body.organisation !== this.organisation) {
			this.failedSignIns++;
			return { code: CRM_STATUS.AUTHENTICATION_FAILED, message: `Invalid organisation: ${String(body.organisation)}` };
		}
		return this.newToken('password', typeof body.unit === 'string' ? body.unit : undefined);
	}

	private signInWithKey(req: RecordedRequest): CrmAnswer {
		const header = req.headers.authorization ?? '';
		const m = /^Basic\s+(\S+)$/i.exec(header.trim());
		const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
		const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
		if (!m || key !== this.webApiKey) {
			this.failedSignIns++;
			return { code: CRM_STATUS.AUTHENTICATION_FAILED, message: 'Invalid web API key' };
		}
		return this.newToken('web_api_key');
	}

	private release(req: RecordedRequest): CrmAnswer {
		const token = (req.json as Record<string, unknown>).token;
		if (typeof token !== 'string' || !this.isTokenValid(token)) {
			return { code: CRM_STATUS.INVALID_TOKEN, message: CRM_INVALID_TOKEN_MESSAGE };
		}
		this.tokens.delete(token);
		this.releasedTokens.push(token);
		return { code: CRM_STATUS.OK, data: {} };
	}

	private checkToken(token: unknown): CrmAnswer | undefined {
		if (typeof token === 'string' && this.isTokenValid(token)) return undefined;
		return { code: CRM_STATUS.INVALID_TOKEN, message: CRM_INVALID_TOKEN_MESSAGE };
	}

	/** Validates an identifier object: exactly one allowed key with a non-empty string value. */
	private identifier(name: string, value: unknown, allowed: readonly string[]): [string, unknown] {
		if (!isObject(value)) throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `${name}: must be an object with one of ${allowed.join(', ')}`);
		const keys = Object.keys(value);
		const extra = keys.filter((k) => !allowed.includes(k));
		if (extra.length > 0) {
			throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `${name}: unknown field ${extra.join(', ')}; allowed: ${allowed.join(', ')}`);
		}
		if (keys.length === 0) {
			throw new ParamError(CRM_STATUS.MISSING_PARAMETER, `${name}: one of ${allowed.join(', ')} must be specified`);
		}
		if (keys.length > 1) {
			throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `${name}: only one of ${allowed.join(', ')} may be specified`);
		}
		const key = keys[0];
		const v = value[key];
		if (key === 'payment_preference_identifier') {
			this.identifier(`${name}.${key}`, v, CRM_PAYMENT_PREFERENCE_IDENTIFIER_KEYS);
		} else if (typeof v !== 'string' || v === '') {
			throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `${name}.${key}: must be a non-empty string`);
		}
		return [key, v];
	}

	private payInvoice(req: RecordedRequest): CrmAnswer {
		const body = req.json as Record<string, unknown>;
		const tokenProblem = this.checkToken(body.token);
		if (tokenProblem) return tokenProblem;

		for (const key of Object.keys(body)) {
			const known =
				key in CRM_PAY_INVOICE_IDENTIFIERS ||
				OTHER_PAY_INVOICE_PARAMS.includes(key) ||
				UDF_STRING.test(key) ||
				UDF_FLOAT.test(key) ||
				UDF_DATE.test(key);
			if (!known) throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `Unknown parameter: ${key}`);
		}
		for (const name of CRM_PAY_INVOICE_MANDATORY) {
			if (body[name] === undefined || body[name] === null) {
				throw new ParamError(CRM_STATUS.MISSING_PARAMETER, `Missing mandatory parameter: ${name}`);
			}
		}
		const ids: Record<string, [string, unknown]> = {};
		for (const [name, allowed] of Object.entries(CRM_PAY_INVOICE_IDENTIFIERS)) {
			if (body[name] !== undefined && body[name] !== null) ids[name] = this.identifier(name, body[name], allowed);
		}
		const hasAr = ids.accounts_receivable_identifier !== undefined;
		const hasWallet = ids.wallet_identifier !== undefined;
		if (!hasAr && !hasWallet) {
			throw new ParamError(CRM_STATUS.MISSING_PARAMETER, 'One of accounts_receivable_identifier, wallet_identifier must be specified');
		}
		if (hasAr && hasWallet) {
			throw new ParamError(CRM_STATUS.INVALID_PARAMETER, 'Only one of accounts_receivable_identifier, wallet_identifier may be specified');
		}
		for (const [key, value] of Object.entries(body)) {
			if ((key === 'received_on' || UDF_DATE.test(key)) && !isCrmDate(value)) {
				throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `${key}: invalid date ${JSON.stringify(value)}; expected yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd`);
			}
			if (UDF_FLOAT.test(key) && !(typeof value === 'number' && Number.isFinite(value))) {
				throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `${key}: must be a number`);
			}
			if ((UDF_STRING.test(key) || key === 'notes' || key === 'fields_set') && typeof value !== 'string') {
				throw new ParamError(CRM_STATUS.INVALID_PARAMETER, `${key}: must be a string`);
			}
			if (key === 'back_office_code' && (typeof value !== 'string' || value === '')) {
				throw new ParamError(CRM_STATUS.INVALID_PARAMETER, 'back_office_code: must be a non-empty string');
			}
		}
		const backOfficeCode = body.back_office_code as string | undefined;
		if (backOfficeCode !== undefined && this.payments.some((p) => p.back_office_code === backOfficeCode)) {
			return { code: CRM_STATUS.DUPLICATE_BACK_OFFICE_CODE, message: `back_office_code ${backOfficeCode} already exists` };
		}

		const [invKey, invValue] = ids.invoice_identifier;
		const invoice = this.findInvoice(invKey, invValue as string);
		if (!invoice) return { code: CRM_STATUS.NOT_FOUND, message: `Invoice not found: ${invKey}=${String(invValue)}` };
		if (hasAr && invoice.accounts_receivable) {
			const [arKey, arValue] = ids.accounts_receivable_identifier;
			if (invoice.accounts_receivable[arKey as keyof CrmAccountsReceivable] !== arValue) {
				return {
					code: CRM_STATUS.INVALID_PARAMETER,
					message: `accounts_receivable_identifier: invoice ${invoice.number} does not belong to accounts receivable ${arKey}=${String(arValue)}`,
				};
			}
		}
		if (invoice.life_cycle_state !== 'POSTED') {
			return { code: CRM_STATUS.INVALID_INVOICE_STATE, message: `Invoice ${invoice.number} is ${invoice.life_cycle_state}; only POSTED invoices can be paid` };
		}
		if (invoice.outstandingCents <= 0) {
			return { code: CRM_STATUS.INVOICE_ALREADY_PAID, message: `Invoice ${invoice.number} has no outstanding amount` };
		}

		const amount = invoice.outstandingCents;
		invoice.outstandingCents = 0;
		invoice.unsettledCents = 0;
		const now = formatDateTime(new Date());
		const rest: Record<string, unknown> = { ...body };
		delete rest.token;
		const payment: CrmPayment = {
			id: hex32(),
			number: String(this.paymentSeq++),
			reference_number: String(this.referenceSeq++),
			payment_amount: formatCents(amount),
			invoice_id: invoice.id,
			back_office_code: backOfficeCode,
			received_on: body.received_on as string | undefined,
			issued_on: now,
			body: rest,
		};
		this.payments.push(payment);
		const data: Record<string, unknown> = {
			payment_amount: amountNumber(amount),
			issued_on: now,
			posted_on: now,
			life_cycle_state: 'POSTED',
			number: payment.number,
			id: payment.id,
			reference_number: payment.reference_number,
			currency_rate_period: null,
		};
		return { code: CRM_STATUS.OK, data: this.pick(data, body.fields_set) };
	}

	private showInvoice(req: RecordedRequest): CrmAnswer {
		const tokenProblem = this.checkToken(req.query.token);
		if (tokenProblem) return tokenProblem;
		const raw = req.query.invoice_identifier;
		if (raw === undefined || raw === '') throw new ParamError(CRM_STATUS.MISSING_PARAMETER, 'Missing mandatory parameter: invoice_identifier');
		const eq = raw.indexOf('=');
		const key = eq < 0 ? '' : raw.slice(0, eq);
		const value = eq < 0 ? '' : raw.slice(eq + 1);
		if (!(CRM_INVOICE_IDENTIFIER_KEYS as readonly string[]).includes(key) || value === '') {
			throw new ParamError(
				CRM_STATUS.INVALID_PARAMETER,
				`invoice_identifier: expected key=value with key one of ${CRM_INVOICE_IDENTIFIER_KEYS.join(', ')}, got '${raw}'`,
			);
		}
		const invoice = this.findInvoice(key, value);
		if (!invoice) return { code: CRM_STATUS.NOT_FOUND, message: `Invoice not found: ${key}=${value}` };
		const data: Record<string, unknown> = {
			id: invoice.id,
			number: invoice.number,
			reference_number: invoice.reference_number,
			back_office_code: invoice.back_office_code,
			life_cycle_state: invoice.life_cycle_state,
			total_amount: amountNumber(invoice.totalCents),
			outstanding_amount: amountNumber(invoice.outstandingCents),
			unsettled_amount: amountNumber(invoice.unsettledCents),
			due_on: invoice.due_on,
			currency: { code: invoice.currency },
			accounts_receivable: invoice.accounts_receivable,
		};
		return { code: CRM_STATUS.OK, data: this.pick(data, req.query.fields_set) };
	}

	/** Applies fields_set (comma-separated) when given. */
	private pick(data: Record<string, unknown>, fieldsSet: unknown): Record<string, unknown> {
		if (typeof fieldsSet !== 'string' || fieldsSet.trim() === '') return data;
		const wanted = fieldsSet.split(',').map((f) => f.trim());
		const out: Record<string, unknown> = {};
		for (const f of wanted) if (f in data) out[f] = data[f];
		return out;
	}
}
