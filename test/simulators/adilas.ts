import { formatCents, isCalendarDate, toCents, VendorSimulator, type RecordedRequest, type SimResponse } from './framework';

/**
 * A stateful adilas.biz Main Web API (seed 001 + vendors.md). One endpoint takes ONE JSON call
 * object, either in the form field `call_function_data` (application/x-www-form-urlencoded) or as a
 * raw JSON body; it checks the corp key, API user and password, the payee and the list of enabled
 * methods, and answers JSON (labelled text/html, as ColdFusion does, padded with whitespace) with
 * RET_STATUS, RET_MAIN_MESSAGE, RET_SECOND_MESSAGE and URL-encoded string values (some twice).
 *
 * The statuses for a refused login, a closed method and a payee that may not call are NOT public:
 * `login`, `permission` and `payee` are this simulator's own.
 */

export const ADILAS_PATH = '/web/adilas_api_calls.cfm';
export const ADILAS_FORM_FIELD = 'call_function_data';

export const ADILAS_STATUS = {
	OK: 'ok',
	DATA_IN: 'dataIn',
	DATA_IN2: 'dataIn2',
	ZERO: 'zero',
	DB: 'db',
	/** Simulator's own (adilas's is not public): wrong corp key, API user name or password. */
	LOGIN: 'login',
	/** Simulator's own: the method is not ticked for the API user (all are closed by default). */
	PERMISSION: 'permission',
	/** Simulator's own: the payee is not on the list of payees allowed to call. */
	PAYEE: 'payee',
	/** Simulator's own: no call object could be read from the request. */
	REQUEST: 'request',
} as const;

/** addInvoicePayment's results, word for word from the seed. */
export const ADD_PAYMENT_MESSAGES = {
	ok: ['Successfully added the payment to the invoice.', 'Where can we take you? [invoice line items] [printable invoice] [invoice homepage]'],
	dataIn: ['Unable to record the invoice payment. Missing some data.', 'Use your back button and try again.'],
	dataIn2: ['Unable to record the invoice payment. Missing the date information.', 'Use your back button and try again.'],
	zero: ['Unable to find the main invoice number requested.', 'Use your back button and try again.'],
	db: ['Unable to connect to the database. Invoice payment was not added to the database.', 'Use your back button and try again.'],
} as const;

export const SIMULATOR_MESSAGES = {
	login: ['Unable to log in to the API. The corp key, API user name or API password is not valid.', 'Check the API settings of your corporation.'],
	permission: ['This API method is not enabled for this API user.', 'Ask an adilas admin to turn the method on.'],
	payee: ['This payee may not make API calls.', 'Ask an adilas admin to add the payee to the API payee list.'],
	request: ['No API call data was received.', 'Send the call object in call_function_data.'],
	startOk: ['Successfully started the main invoice.', 'Where can we take you? [invoice line items] [invoice homepage]'],
	startDataIn: ['Unable to start the main invoice. Missing some data.', 'Use your back button and try again.'],
	startDataIn2: ['Unable to start the main invoice. The invoice date is not valid.', 'Use your back button and try again.'],
	startDb: ['Unable to connect to the database. The invoice was not started.', 'Use your back button and try again.'],
	settingsOk: ['Successfully found the corp-wide settings.', ''],
	settingsDataIn: ['Unable to find the corp-wide settings. Missing some data.', 'Use your back button and try again.'],
} as const;

/** The seed's money types. */
export const ADILAS_MONEY_TYPES = [2, 3, 4, 5, 6, 7, 13, 19, 20, 21, 22, 23, 24, 25];
export const ADILAS_INVOICE_TYPES = [2, 3, 4, 7, 8];
export const ADILAS_METHODS = ['addInvoicePayment', 'startMainInvoice', 'getCorpWideSettings', 'getSpecificCorpWideSettings'];
/** Length of the simulated database's text columns: longer values fail the insert (db). */
export const ADILAS_TEXT_COLUMN_LENGTH = 50;

export interface AdilasSimulatorOptions {
	corpKey: string;
	userName: string;
	password: string;
	/** Payees allowed to call the API. */
	payeeIds: string[];
	/** Methods ticked for the API user (default: all this simulator knows). */
	enabledMethods?: string[];
	merchantSettingIds?: number[];
	/** Money types of the corporation beyond the seed's (default none). */
	extraMoneyTypeIds?: number[];
	/** How startMainInvoice's answer carries the new number (default `{ MAIN_INVOICE_ID: n }`: the real key is not public). */
	invoiceNumberShape?: (invoiceNumber: number) => Record<string, unknown>;
	/** Content type of answers (default text/html, as ColdFusion labels them). */
	contentType?: string;
	firstInvoiceNumber?: number;
}

export interface AdilasInvoiceInput {
	invoiceNumber: number;
	customerId?: number;
	typeId?: number;
	/** Empty or absent: the invoice has no amount (addInvoicePayment answers `zero`). */
	amount?: string;
	invoiceDate?: string;
}

export interface AdilasInvoice {
	invoiceNumber: number;
	corpId: number;
	customerId: number;
	typeId: number;
	/** undefined: the amount field is empty. */
	amount?: string;
	invoiceDate?: string;
	/** Every argument startMainInvoice received, as received. */
	args: Record<string, unknown>;
	/** Sum of the payments recorded, two decimals. */
	paid: string;
}

export interface AdilasPayment {
	invoiceNumber: number;
	amount: string;
	moneyTypeId: number;
	merchantSettingId: number;
	transactionDate: string;
	transactionDateTime: string;
	payeeId: string;
	processedById: number;
	/** The whole call object as received (credentials included), JSON types kept. */
	call: Record<string, unknown>;
}

export interface ReceivedCall {
	style: 'formField' | 'jsonBody';
	call: Record<string, unknown>;
	status: string;
}

interface InvoiceRecord extends Omit<AdilasInvoice, 'paid'> {
	paidCents: number;
}

type Answer = Record<string, unknown>;

function numeric(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return undefined;
}

function wholeNumber(value: unknown): number | undefined {
	const number = numeric(value);
	return number !== undefined && Number.isInteger(number) ? number : undefined;
}

function isDate(value: unknown): boolean {
	const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
	return !!match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function isDateTime(value: unknown): boolean {
	const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value) : null;
	return !!match && isDate(match[1]) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

function today(): string {
	const d = new Date();
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export class AdilasSimulator extends VendorSimulator {
	readonly payments: AdilasPayment[] = [];
	/** Every call object the endpoint read, with how it came and the status it got. */
	readonly calls: ReceivedCall[] = [];
	readonly enabledMethods: Set<string>;
	readonly corpId: number;

	private readonly invoiceRecords = new Map<number, InvoiceRecord>();
	private nextInvoiceNumber: number;

	constructor(readonly options: AdilasSimulatorOptions) {
		super();
		const match = /^[A-Za-z]+-(\d+)$/.exec(options.corpKey);
		if (!match) throw new Error(`corp key ${options.corpKey} is not like PLA-0053`);
		this.corpId = Number(match[1]);
		this.enabledMethods = new Set(options.enabledMethods ?? ADILAS_METHODS);
		this.nextInvoiceNumber = options.firstInvoiceNumber ?? 5001;
	}

	get endpointUrl(): string {
		return `${this.baseUrl}${ADILAS_PATH}`;
	}

	protected resetLedger(): void {
		this.invoiceRecords.clear();
		this.payments.length = 0;
		this.calls.length = 0;
		this.enabledMethods.clear();
		for (const method of this.options.enabledMethods ?? ADILAS_METHODS) this.enabledMethods.add(method);
		this.nextInvoiceNumber = this.options.firstInvoiceNumber ?? 5001;
	}

	addInvoice(input: AdilasInvoiceInput): void {
		this.invoiceRecords.set(input.invoiceNumber, {
			invoiceNumber: input.invoiceNumber,
			corpId: this.corpId,
			customerId: input.customerId ?? 1,
			typeId: input.typeId ?? 2,
			amount: input.amount,
			invoiceDate: input.invoiceDate ?? '2015-03-24',
			args: {},
			paidCents: 0,
		});
		this.nextInvoiceNumber = Math.max(this.nextInvoiceNumber, input.invoiceNumber + 1);
	}

	invoice(invoiceNumber: number): AdilasInvoice | undefined {
		const record = this.invoiceRecords.get(invoiceNumber);
		if (!record) return undefined;
		const { paidCents, ...rest } = record;
		return { ...rest, paid: formatCents(paidCents) };
	}

	get invoices(): AdilasInvoice[] {
		return [...this.invoiceRecords.keys()].map((number) => this.invoice(number)!);
	}

	protected malformedResponse(): SimResponse {
		return { status: 200, headers: { 'content-type': this.contentType }, body: '\r\n{"RET_STATUS":"ok","RET_MAIN_MESS' };
	}

	private get contentType(): string {
		return this.options.contentType ?? 'text/html; charset=UTF-8';
	}

	/** JSON as ColdFusion sends it: whitespace first, strings URL-encoded (the second message twice). */
	private answer(answer: Answer): SimResponse {
		const encode = (value: unknown, key = ''): unknown => {
			if (typeof value === 'string') {
				const once = encodeURIComponent(value);
				return key === 'RET_SECOND_MESSAGE' || key.startsWith('CORP_') ? encodeURIComponent(once) : once;
			}
			if (Array.isArray(value)) return value.map((entry) => encode(entry, key));
			if (value !== null && typeof value === 'object') {
				return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, encode(entry, name)]));
			}
			return value;
		};
		return { status: 200, headers: { 'content-type': this.contentType }, body: `\r\n\r\n\t${JSON.stringify(encode(answer))}\r\n` };
	}

	private status(status: string, [main, second]: readonly [string, string], extra: Answer = {}): Answer {
		return { RET_STATUS: status, RET_MAIN_MESSAGE: main, RET_SECOND_MESSAGE: second, ...extra };
	}

	private readCall(req: RecordedRequest): { style: ReceivedCall['style']; call?: Record<string, unknown> } {
		const contentType = req.headers['content-type'] ?? '';
		if (contentType.includes('application/x-www-form-urlencoded')) {
			const text = new URLSearchParams(req.body).get(ADILAS_FORM_FIELD);
			try {
				const call = text ? (JSON.parse(text) as unknown) : undefined;
				return { style: 'formField', call: call && typeof call === 'object' ? (call as Record<string, unknown>) : undefined };
			} catch {
				return { style: 'formField' };
			}
		}
		const json = req.json;
		return {
			style: 'jsonBody',
			call: json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined,
		};
	}

	protected handle(req: RecordedRequest): SimResponse {
		if (req.path !== ADILAS_PATH) {
			return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>' };
		}
		const { style, call } = this.readCall(req);
		if (!call) return this.answer(this.status(ADILAS_STATUS.REQUEST, SIMULATOR_MESSAGES.request));
		const answer = this.dispatch(call);
		this.calls.push({ style, call, status: String(answer.RET_STATUS) });
		return this.answer(answer);
	}

	private dispatch(call: Record<string, unknown>): Answer {
		const { options } = this;
		if (call.API_CORP_KEY_ID !== options.corpKey || call.API_USER_NAME !== options.userName || call.API_USER_PASSWORD !== options.password) {
			return this.status(ADILAS_STATUS.LOGIN, SIMULATOR_MESSAGES.login);
		}
		if (!options.payeeIds.includes(String(call.API_CURRENT_PAYEE_ID ?? ''))) {
			return this.status(ADILAS_STATUS.PAYEE, SIMULATOR_MESSAGES.payee);
		}
		const method = String(call.API_CALL_FUNCTION_NAME ?? '');
		if (!this.enabledMethods.has(method) || !ADILAS_METHODS.includes(method)) {
			return this.status(ADILAS_STATUS.PERMISSION, SIMULATOR_MESSAGES.permission);
		}
		switch (method) {
			case 'addInvoicePayment':
				return this.addInvoicePayment(call);
			case 'startMainInvoice':
				return this.startMainInvoice(call);
			case 'getCorpWideSettings':
				return this.getCorpWideSettings(call);
			default:
				return this.getSpecificCorpWideSettings(call);
		}
	}

	private corpMatches(value: unknown): boolean {
		return wholeNumber(value) === this.corpId;
	}

	private settings(): Record<string, unknown> {
		return {
			CORP_ID: this.corpId,
			CORP_NAME: 'Demo Corp & Sons',
			CORP_TIME_ZONE: 'America/Denver',
			WEB_MERCHANT_SETTING_ID: (this.options.merchantSettingIds ?? [1])[0],
		};
	}

	private getCorpWideSettings(call: Record<string, unknown>): Answer {
		if (!this.corpMatches(call.CORP_ID)) return this.status(ADILAS_STATUS.DATA_IN, SIMULATOR_MESSAGES.settingsDataIn);
		return this.status(ADILAS_STATUS.OK, SIMULATOR_MESSAGES.settingsOk, { CORP_WIDE_SETTINGS_ARRAY: [this.settings()] });
	}

	private getSpecificCorpWideSettings(call: Record<string, unknown>): Answer {
		if (!this.corpMatches(call.CORP_ID)) return this.status(ADILAS_STATUS.DATA_IN, SIMULATOR_MESSAGES.settingsDataIn);
		const wanted = String(call.FIELD_LIST ?? '')
			.split(',')
			.map((name) => name.trim().toUpperCase())
			.filter(Boolean);
		const all = this.settings();
		const row = Object.fromEntries(Object.entries(all).filter(([name]) => wanted.length === 0 || wanted.includes(name)));
		return this.status(ADILAS_STATUS.OK, SIMULATOR_MESSAGES.settingsOk, { CORP_WIDE_SETTINGS_ARRAY: [row] });
	}

	private startMainInvoice(call: Record<string, unknown>): Answer {
		const customerId = wholeNumber(call.CUSTOMER_ID);
		const typeId = wholeNumber(call.INVOICE_TYPE_ID ?? 2);
		if (!this.corpMatches(call.CORP_ID) || !customerId || !typeId || !ADILAS_INVOICE_TYPES.includes(typeId)) {
			return this.status(ADILAS_STATUS.DATA_IN, SIMULATOR_MESSAGES.startDataIn);
		}
		const invoiceDate = call.INVOICE_DATE === undefined ? today() : call.INVOICE_DATE;
		if (!isDate(invoiceDate) || (call.ADJUSTED_DATE_TIME !== undefined && !isDateTime(call.ADJUSTED_DATE_TIME))) {
			return this.status(ADILAS_STATUS.DATA_IN2, SIMULATOR_MESSAGES.startDataIn2);
		}
		let amount: string | undefined;
		if (call.INVOICE_AMOUNT !== undefined) {
			const value = numeric(call.INVOICE_AMOUNT);
			const cents = value === undefined ? undefined : toCents(String(value));
			if (cents === undefined) return this.status(ADILAS_STATUS.DB, SIMULATOR_MESSAGES.startDb);
			amount = cents === 0 ? undefined : formatCents(cents);
		}
		const invoiceNumber = this.nextInvoiceNumber++;
		this.invoiceRecords.set(invoiceNumber, {
			invoiceNumber,
			corpId: this.corpId,
			customerId,
			typeId,
			amount,
			invoiceDate: String(invoiceDate),
			args: { ...call },
			paidCents: 0,
		});
		const shape = this.options.invoiceNumberShape ?? ((n: number) => ({ MAIN_INVOICE_ID: n }));
		return this.status(ADILAS_STATUS.OK, SIMULATOR_MESSAGES.startOk, shape(invoiceNumber));
	}

	private addInvoicePayment(call: Record<string, unknown>): Answer {
		const messages = ADD_PAYMENT_MESSAGES;
		const invoiceNumber = wholeNumber(call.INVOICE_NUMBER);
		const merchantSettingId = wholeNumber(call.MERCHANT_SETTING_ID ?? 1);
		const moneyTypeId = wholeNumber(call.MONEY_TYPE_ID ?? 0);
		const moneyTypes = [...ADILAS_MONEY_TYPES, ...(this.options.extraMoneyTypeIds ?? [])];
		const record = invoiceNumber === undefined ? undefined : this.invoiceRecords.get(invoiceNumber);
		if (
			!this.corpMatches(call.CORP_ID) ||
			!record ||
			merchantSettingId === undefined ||
			!(this.options.merchantSettingIds ?? [1]).includes(merchantSettingId) ||
			moneyTypeId === undefined ||
			!moneyTypes.includes(moneyTypeId)
		) {
			return this.status(ADILAS_STATUS.DATA_IN, messages.dataIn);
		}
		if (!isDate(call.TRANSACTION_DATE) || !isDateTime(call.TRANSACTION_DATE_TIME)) {
			return this.status(ADILAS_STATUS.DATA_IN2, messages.dataIn2);
		}
		// The seed: zero when the invoice's amount, date, paid and receivable fields are empty.
		if (record.amount === undefined) return this.status(ADILAS_STATUS.ZERO, messages.zero);
		const amount = numeric(call.AMOUNT_PAID);
		const cents = amount === undefined ? undefined : toCents(String(amount));
		const processedBy = wholeNumber(call.TRANSACTION_PROCESSED_BY_ID ?? 0);
		const tooLong = ['ACTUAL_TRANS_NUMBER', 'PAYMENT_CHECK_NUMBER', 'TRANSACTION_NUMBER', 'PAYMENT_NOTES'].some(
			(name) => String(call[name] ?? '').length > (name === 'PAYMENT_NOTES' ? 2000 : ADILAS_TEXT_COLUMN_LENGTH),
		);
		if (cents === undefined || processedBy === undefined || tooLong) return this.status(ADILAS_STATUS.DB, messages.db);
		record.paidCents += cents;
		this.payments.push({
			invoiceNumber: record.invoiceNumber,
			amount: formatCents(cents),
			moneyTypeId,
			merchantSettingId,
			transactionDate: String(call.TRANSACTION_DATE),
			transactionDateTime: String(call.TRANSACTION_DATE_TIME),
			payeeId: String(call.API_CURRENT_PAYEE_ID),
			processedById: processedBy,
			call: { ...call },
		});
		return this.status(ADILAS_STATUS.OK, messages.ok);
	}
}
