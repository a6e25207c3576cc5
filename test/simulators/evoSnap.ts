/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: runs in Node and jest, never ships to n8n */
import { randomBytes } from 'crypto';

import { type RecordedRequest, type SimResponse, VendorSimulator } from './framework';

/**
 * EVO Snap* Commerce Web Services, CMS invoices (seed 003), as far as the seed and vendors.md
 * describe it: sign-on with identity tokens, session tokens that expire, an invoice ledger with
 * states, query paging, process (approve/decline), update, update state, faults in EVO's JSON.
 */

export const EVO_DEFAULT_VERSION = '2.1.28';
export const EVO_TOKEN_FAULT = { expired: 5000, invalid: 5005 } as const;
/** The simulator's own choice: EVO's fault for a refused identity token is not public. */
export const EVO_SIGN_ON_FAULT_ID = 5001;
export const EVO_SIGN_ON_REFUSED = 'Authentication failed: the identity token is not valid';
/** The simulator's name for an approved invoice's state (EVO's real name is not public). */
export const EVO_PAID_STATE = 'Paid';
export const EVO_MAX_PAGE_SIZE = 50;
export const EVO_TAX_EXEMPT = ['NotSet', 'Exempt', 'NotExemptTaxInfoNotProvided', 'NotExemptTaxInfoProvided'];

export interface EvoFaultBody {
	ErrorId: number;
	HelpUrl: string;
	Messages: string[];
	Operation: string;
	Reason: string;
	ValidationErrors: Array<{ RuleKey: string; RuleLocationKey: string; RuleMessage: string; TransactionId: string | null }>;
}

export interface EvoInvoiceRecord {
	InvoiceReferenceId: string;
	InvoiceState: string;
	MerchantProfileId: string;
	/** The Invoice object as received (Create) or replaced (Update), JSON-parsed. */
	invoice: Record<string, unknown>;
	/** The raw JSON text of the request that created or last updated it. */
	rawBody: string;
	CreatedDate: string;
	ServiceId: string | null;
	ApplicationProfileId: string | null;
	TransactionAttempts: number;
}

export interface EvoPayment {
	InvoiceReferenceId: string;
	TransactionId: string;
	/** The ProcessInvoice body as received. */
	body: Record<string, unknown>;
}

/** A decline decided by the test: StatusCode and StatusMessage, or nothing to approve. */
export type EvoDeclineRule = (invoice: EvoInvoiceRecord, body: Record<string, unknown>) => { code: string; message: string } | undefined;

export interface EvoSnapSimulatorOptions {
	identityTokens: string[];
	merchantProfileIds: string[];
	version?: string;
	tokenTtlMs?: number;
}

class Fault extends Error {
	constructor(
		readonly status: number,
		readonly body: EvoFaultBody,
	) {
		super(body.Reason);
	}
}

function hex32(): string {
	return randomBytes(16).toString('hex').toUpperCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function evoFault(errorId: number, reason: string, operation: string, rules: Array<[string, string]> = []): EvoFaultBody {
	return {
		ErrorId: errorId,
		HelpUrl: 'https://docs.evosnap.com/support',
		Messages: rules.length ? [] : [reason],
		Operation: operation,
		Reason: reason,
		ValidationErrors: rules.map(([location, message]) => ({
			RuleKey: 'Rule',
			RuleLocationKey: location,
			RuleMessage: message,
			TransactionId: null,
		})),
	};
}

const validation = (operation: string, rules: Array<[string, string]>) =>
	new Fault(400, evoFault(0, 'Validation Errors Occurred', operation, rules));

export class EvoSnapSimulator extends VendorSimulator {
	readonly identityTokens: Set<string>;
	readonly merchantProfileIds: Set<string>;
	readonly version: string;
	/** Session token lifetime; applies to tokens already issued too. */
	tokenTtlMs: number;
	/** Decides declines (default: every payment approved). */
	declineRule?: EvoDeclineRule;

	signOns = 0;
	failedSignOns = 0;
	readonly sessionTokens = new Map<string, number>();
	readonly payments: EvoPayment[] = [];
	readonly invoices: EvoInvoiceRecord[] = [];

	constructor(options: EvoSnapSimulatorOptions) {
		super();
		this.identityTokens = new Set(options.identityTokens);
		this.merchantProfileIds = new Set(options.merchantProfileIds);
		this.version = options.version ?? EVO_DEFAULT_VERSION;
		this.tokenTtlMs = options.tokenTtlMs ?? 30 * 60 * 1000;
	}

	get cmsPath(): string {
		return `/${this.version}/REST/DataServices/CMS.svc/Invoices`;
	}

	// ---- ledger ------------------------------------------------------------------------------

	/** Adds an invoice directly (no HTTP). */
	addInvoice(input: {
		InvoiceReferenceId?: string;
		Amount: string;
		InvoiceState?: string;
		MerchantInvoiceId?: string;
		MerchantProfileId?: string;
		CustomerReferenceId?: string;
		CurrencyCode?: string;
		PaymentData?: Record<string, unknown> | null;
		/** Default: a fixed day in 2017 (the seed's), one second apart per invoice. */
		CreatedDate?: string;
	}): EvoInvoiceRecord {
		const invoice: Record<string, unknown> = {
			Amount: Number(input.Amount),
			MerchantInvoiceId: input.MerchantInvoiceId ?? null,
			Order: { CurrencyCode: input.CurrencyCode ?? 'USD', Description: null },
			CustomerReferenceId: input.CustomerReferenceId ?? null,
			PaymentData: input.PaymentData ?? null,
		};
		const record: EvoInvoiceRecord = {
			InvoiceReferenceId: input.InvoiceReferenceId ?? hex32(),
			InvoiceState: input.InvoiceState ?? 'Pending',
			MerchantProfileId: input.MerchantProfileId ?? [...this.merchantProfileIds][0],
			invoice,
			rawBody: JSON.stringify({ Invoice: invoice }),
			CreatedDate: input.CreatedDate ?? new Date(Date.UTC(2017, 2, 27, 17, 0, 20) + this.invoices.length * 1000).toISOString().slice(0, 23),
			ServiceId: null,
			ApplicationProfileId: null,
			TransactionAttempts: 0,
		};
		this.invoices.push(record);
		return record;
	}

	invoice(id: string): EvoInvoiceRecord | undefined {
		return this.invoices.find((record) => record.InvoiceReferenceId === id);
	}

	// ---- changes between polls (the trigger tests) ---------------------------------------------

	/** An invoice processed outside the node (EVO's own invoice page, say): its state becomes paid. */
	processOutOfBand(id: string): void {
		const record = this.invoice(id);
		if (!record) throw new Error(`No invoice ${id}`);
		record.TransactionAttempts++;
		record.InvoiceState = EVO_PAID_STATE;
		this.payments.push({ InvoiceReferenceId: id, TransactionId: hex32(), body: {} });
	}

	/** Issues a session token directly (no HTTP), for tests that start signed on. */
	issueToken(): string {
		const token = `${hex32()}${hex32()}`;
		this.sessionTokens.set(token, Date.now());
		return token;
	}

	isTokenValid(token: string): boolean {
		const issued = this.sessionTokens.get(token);
		return issued !== undefined && Date.now() - issued < this.tokenTtlMs;
	}

	expireAllTokens(): void {
		for (const token of this.sessionTokens.keys()) this.sessionTokens.set(token, -Infinity);
	}

	/** Payments per invoice reference id. */
	paymentsPerInvoice(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const payment of this.payments) counts.set(payment.InvoiceReferenceId, (counts.get(payment.InvoiceReferenceId) ?? 0) + 1);
		return counts;
	}

	protected resetLedger(): void {
		this.invoices.length = 0;
		this.payments.length = 0;
		this.sessionTokens.clear();
		this.signOns = 0;
		this.failedSignOns = 0;
		this.declineRule = undefined;
	}

	protected malformedResponse(): SimResponse {
		return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"InvoiceReferenceId":"6177CC' };
	}

	protected statusFaultResponse(status: number): SimResponse {
		// EVO's 500s may come with an empty body.
		return { status, headers: { 'content-type': 'text/plain' }, body: status >= 500 ? '' : `${status}` };
	}

	// ---- dispatch ----------------------------------------------------------------------------

	protected handle(req: RecordedRequest): SimResponse {
		try {
			return this.route(req);
		} catch (error) {
			if (error instanceof Fault) {
				return { status: error.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(error.body) };
			}
			throw error;
		}
	}

	private json(status: number, value: unknown): SimResponse {
		return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
	}

	private basicUser(req: RecordedRequest): string | undefined {
		const match = /^Basic\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim());
		if (!match) return undefined;
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		// The password must be empty: "user:" with the colon kept.
		if (!decoded.endsWith(':') || decoded.indexOf(':') !== decoded.length - 1) return undefined;
		return decoded.slice(0, -1);
	}

	private route(req: RecordedRequest): SimResponse {
		const signOnPath = `/${this.version}/REST/SIS.svc/token`;
		if (req.path === signOnPath) {
			if (req.method !== 'GET') return { status: 405, body: 'Method Not Allowed' };
			return this.signOn(req);
		}
		if (!req.path.startsWith(this.cmsPath)) {
			return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Endpoint not found.' };
		}
		const rest = req.path.slice(this.cmsPath.length).replace(/^\/+/, '');
		const parts = rest === '' ? [] : rest.split('/');
		const operation = this.operationOf(req.method, parts);
		if (!operation) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Endpoint not found.' };

		const user = this.basicUser(req);
		if (user === undefined || !this.sessionTokens.has(user)) {
			throw new Fault(400, evoFault(EVO_TOKEN_FAULT.invalid, 'The session token is invalid.', operation));
		}
		if (!this.isTokenValid(user)) {
			throw new Fault(400, evoFault(EVO_TOKEN_FAULT.expired, 'The session token has expired.', operation));
		}
		if (req.method !== 'GET' && !isObject(req.json)) {
			throw validation(operation, [['Body', 'The request body must be a JSON object']]);
		}
		const body = (req.json ?? {}) as Record<string, unknown>;
		switch (operation) {
			case 'CreateInvoice':
				return this.create(req, body);
			case 'QueryInvoices':
				return this.query(body);
			case 'GetInvoice':
				return this.get(req, parts[0]);
			case 'UpdateInvoice':
				return this.update(req, parts[0], body);
			case 'UpdateInvoiceState':
				return this.updateState(parts[0], body);
			case 'ProcessInvoice':
				return this.process(parts[0], body);
		}
		return { status: 404, body: 'Endpoint not found.' };
	}

	private operationOf(method: string, parts: string[]): string | undefined {
		if (parts.length === 0 && method === 'POST') return 'CreateInvoice';
		if (parts.length === 1 && parts[0] === 'query' && method === 'POST') return 'QueryInvoices';
		if (parts.length === 1 && method === 'GET') return 'GetInvoice';
		if (parts.length === 1 && method === 'PUT') return 'UpdateInvoice';
		if (parts.length === 2 && parts[1] === 'state' && method === 'PUT') return 'UpdateInvoiceState';
		if (parts.length === 2 && parts[1] === 'process' && method === 'PUT') return 'ProcessInvoice';
		return undefined;
	}

	private signOn(req: RecordedRequest): SimResponse {
		const identity = this.basicUser(req);
		if (identity === undefined || !this.identityTokens.has(identity)) {
			this.failedSignOns++;
			return this.json(401, evoFault(EVO_SIGN_ON_FAULT_ID, EVO_SIGN_ON_REFUSED, 'SignOnWithToken'));
		}
		this.signOns++;
		const token = `${hex32()}${hex32()}`;
		this.sessionTokens.set(token, Date.now());
		// A JSON string, in quotes.
		return this.json(200, token);
	}

	private merchantProfile(value: unknown, operation: string, location = 'MerchantProfileId'): string {
		if (typeof value !== 'string' || !this.merchantProfileIds.has(value)) {
			throw validation(operation, [[location, `Unknown merchant profile: ${String(value)}`]]);
		}
		return value;
	}

	private found(id: string, merchantProfileId: string, operation: string): EvoInvoiceRecord {
		const record = this.invoice(id);
		if (!record || record.MerchantProfileId !== merchantProfileId) {
			throw new Fault(400, evoFault(500, `Invoice ${id} was not found`, operation));
		}
		return record;
	}

	/** Checks what EVO would check of an Invoice object. */
	private checkInvoice(invoice: unknown, operation: string, raw: string): Record<string, unknown> {
		if (!isObject(invoice)) throw validation(operation, [['Invoice', 'Invoice is required']]);
		const rules: Array<[string, string]> = [];
		if (typeof invoice.Amount !== 'number' || !(invoice.Amount > 0)) rules.push(['Invoice.Amount', 'Amount must be a positive number']);
		// Amount written with at most two decimals, as a JSON number.
		const written = /"Amount":(-?[\d.eE+-]+)/.exec(raw.replace(/\s+/g, ''))?.[1];
		if (written !== undefined && !/^\d+(\.\d{1,2})?$/.test(written)) rules.push(['Invoice.Amount', `Amount ${written} has more than 2 decimals`]);
		const order = invoice.Order;
		if (isObject(order) && order.TaxExempt !== undefined && order.TaxExempt !== null && !EVO_TAX_EXEMPT.includes(String(order.TaxExempt))) {
			rules.push(['Invoice.Order.TaxExempt', `Unknown TaxExempt ${String(order.TaxExempt)}`]);
		}
		const payment = invoice.PaymentData;
		if (isObject(payment)) {
			const token = payment.TokenInformation;
			if (isObject(token) && Object.keys(payment).some((key) => key !== 'TokenInformation' && payment[key] !== null)) {
				rules.push(['Invoice.PaymentData', 'Card data and TokenInformation cannot both be given']);
			}
			const expiration = isObject(token) ? token.TokenExpirationDate : payment.PaymentAccountExpiration;
			if (expiration !== undefined && expiration !== null && !/^(0[1-9]|1[0-2])\d{2}$/.test(String(expiration))) {
				rules.push(['Invoice.PaymentData', 'The expiration must be MMYY']);
			}
		}
		if (rules.length) throw validation(operation, rules);
		return invoice;
	}

	private create(req: RecordedRequest, body: Record<string, unknown>): SimResponse {
		const operation = 'CreateInvoice';
		const merchantProfileId = this.merchantProfile(body.MerchantProfileId, operation);
		const invoice = this.checkInvoice(body.Invoice, operation, req.body);
		const record: EvoInvoiceRecord = {
			InvoiceReferenceId: hex32(),
			InvoiceState: 'Pending',
			MerchantProfileId: merchantProfileId,
			invoice,
			rawBody: req.body,
			CreatedDate: new Date().toISOString().slice(0, 23),
			ServiceId: typeof body.ServiceId === 'string' ? body.ServiceId : null,
			ApplicationProfileId: typeof body.ApplicationProfileId === 'string' ? body.ApplicationProfileId : null,
			TransactionAttempts: 0,
		};
		this.invoices.push(record);
		// The seed shows the bare id; sent here as a JSON string.
		return this.json(201, record.InvoiceReferenceId);
	}

	/** The invoice as GetInvoice shows it: EVO stores and echoes the PaymentData it was given. */
	private view(record: EvoInvoiceRecord): Record<string, unknown> {
		const invoice = record.invoice;
		return {
			InvoiceState: record.InvoiceState,
			Amount: invoice.Amount,
			Scope: 'MerchantProfileId',
			MerchantInvoiceId: invoice.MerchantInvoiceId ?? null,
			TransactionAttempts: record.TransactionAttempts,
			AutomationInfo: { NoAutomation: false, CreateInvoice: false, EmailInvoice: false, ProcessPayment: false, ...(isObject(invoice.AutomationInfo) ? invoice.AutomationInfo : {}) },
			Order: invoice.Order ?? null,
			CreatedDate: record.CreatedDate,
			CustomerReferenceId: invoice.CustomerReferenceId ?? null,
			PaymentData: invoice.PaymentData ?? null,
			EmployeeId: invoice.EmployeeId ?? null,
			MerchantProfileId: record.MerchantProfileId,
			InvoiceReferenceId: record.InvoiceReferenceId,
			ServiceId: record.ServiceId,
			ApplicationProfileId: record.ApplicationProfileId,
		};
	}

	private get(req: RecordedRequest, id: string): SimResponse {
		const operation = 'GetInvoice';
		if (req.query.scope !== 'MerchantProfileId') throw validation(operation, [['scope', 'scope must be MerchantProfileId']]);
		const merchantProfileId = this.merchantProfile(req.query.merchantProfileId, operation, 'merchantProfileId');
		return this.json(200, this.view(this.found(id, merchantProfileId, operation)));
	}

	private query(body: Record<string, unknown>): SimResponse {
		const operation = 'QueryInvoices';
		const merchantProfileId = this.merchantProfile(body.MerchantProfileId, operation);
		const paging = body.PagingParameters;
		if (!isObject(paging) || !Number.isInteger(paging.Page) || !Number.isInteger(paging.PageSize)) {
			throw validation(operation, [['PagingParameters', 'Page and PageSize are required']]);
		}
		const page = paging.Page as number;
		const size = paging.PageSize as number;
		if (page < 0 || size < 1 || size > EVO_MAX_PAGE_SIZE) {
			throw validation(operation, [['PagingParameters.PageSize', `PageSize must be between 1 and ${EVO_MAX_PAGE_SIZE}`]]);
		}
		const filters = isObject(body.QueryInvoiceParameters) ? body.QueryInvoiceParameters : {};
		const matches = this.invoices.filter((record) => {
			if (record.MerchantProfileId !== merchantProfileId) return false;
			if (filters.InvoiceReferenceId && record.InvoiceReferenceId !== filters.InvoiceReferenceId) return false;
			if (filters.InvoiceState && filters.InvoiceState !== 'NotSet' && record.InvoiceState !== filters.InvoiceState) return false;
			if (filters.CustomerReferenceId && record.invoice.CustomerReferenceId !== filters.CustomerReferenceId) return false;
			if (filters.MerchantInvoiceId && record.invoice.MerchantInvoiceId !== filters.MerchantInvoiceId) return false;
			const range = filters.CreatedDateRange;
			if (isObject(range)) {
				if (String(record.CreatedDate) < String(range.StartDateTime)) return false;
				if (String(record.CreatedDate).slice(0, 19) > String(range.EndDateTime)) return false;
			}
			return true;
		});
		const totalPages = Math.ceil(matches.length / size);
		return this.json(200, {
			Invoices: matches.slice(page * size, (page + 1) * size).map((record) => this.view(record)),
			PageNumber: page,
			TotalPages: totalPages,
			TotalFound: matches.length,
		});
	}

	private update(req: RecordedRequest, id: string, body: Record<string, unknown>): SimResponse {
		const operation = 'UpdateInvoice';
		const record = this.found(id, this.merchantProfile(body.MerchantProfileId, operation), operation);
		record.invoice = this.checkInvoice(body.Invoice, operation, req.body);
		record.rawBody = req.body;
		return { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
	}

	private updateState(id: string, body: Record<string, unknown>): SimResponse {
		const operation = 'UpdateInvoiceState';
		const record = this.found(id, this.merchantProfile(body.MerchantProfileId, operation), operation);
		if (typeof body.InvoiceState !== 'string' || !/^[A-Za-z]+$/.test(body.InvoiceState)) {
			throw validation(operation, [['InvoiceState', 'InvoiceState is required']]);
		}
		record.InvoiceState = body.InvoiceState;
		return { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
	}

	private process(id: string, body: Record<string, unknown>): SimResponse {
		const operation = 'ProcessInvoice';
		const record = this.found(id, this.merchantProfile(body.MerchantProfileId, operation), operation);
		const info = body.ProcessingInformation;
		if (!isObject(info) || info.TransactionType !== 'AuthorizeAndCapture') {
			throw validation(operation, [['ProcessingInformation.TransactionType', 'TransactionType must be AuthorizeAndCapture']]);
		}
		if (record.InvoiceState === 'Cancelled') throw validation(operation, [['InvoiceState', 'The invoice is cancelled']]);
		if (record.InvoiceState === EVO_PAID_STATE) throw validation(operation, [['InvoiceState', 'The invoice has already been paid']]);
		const payment = info.PaymentDataInfo ?? record.invoice.PaymentData;
		if (!isObject(payment)) throw validation(operation, [['ProcessingInformation.PaymentDataInfo', 'Payment data is required']]);
		record.TransactionAttempts++;
		const transactionId = hex32();
		const decline = this.declineRule?.(record, body);
		if (decline) {
			// Declines come with a 2xx too.
			return this.json(201, { InvoiceReferenceId: id, TransactionId: transactionId, Status: 'Failure', StatusCode: decline.code, StatusMessage: decline.message });
		}
		record.InvoiceState = EVO_PAID_STATE;
		this.payments.push({ InvoiceReferenceId: id, TransactionId: transactionId, body });
		return this.json(200, { InvoiceReferenceId: id, TransactionId: transactionId, Status: 'Success', StatusCode: '000', StatusMessage: 'Approved' });
	}
}
