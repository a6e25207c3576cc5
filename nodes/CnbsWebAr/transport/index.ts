import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { VendorError } from '../../shared/errors';
import { responseText, sendVendorRequest } from '../../shared/http';

import { credentialsOnce } from '../../shared/runState';
import { excerpt, MASK, redactText, redactValue } from '../../shared/redact';
import { apiBaseUrl, commonQuery } from './credential';

export const VENDOR = 'CNBS WebAR';

export const CREDENTIAL_TYPE = 'cnbsWebArApi';

/** message_type values that are failures: error, abort, exception. S, W and I are not. */
export const FAILURE_MESSAGE_TYPES = ['E', 'A', 'X'];

export interface CnbsMessage {
	message_type: string;
	message_identification?: string;
	message_number?: string | number;
	message_line_string?: string;
	[key: string]: unknown;
}

export interface CnbsCall {
	method: 'GET' | 'POST';
	/** Below /cnbs/v1/, e.g. `invoices/payments`. */
	path: string;
	/** The call's own query parameters (sap-client, sap-language and apiid are added). */
	qs?: IDataObject;
	/** POST: the JSON body as text (amounts written as CNBS's samples show them). */
	body?: string;
	timeout: number;
	/** `pdf`: the answer is a file (accept: application/pdf). */
	expect?: 'json' | 'pdf';
}

export function buildCnbsRequest(credentials: ICredentialDataDecryptedObject, call: CnbsCall): IHttpRequestOptions {
	const pdf = call.expect === 'pdf';
	const headers: IDataObject = { accept: pdf ? 'application/pdf' : 'application/json' };
	if (call.method === 'POST') headers['content-type'] = 'application/json';
	const request: IHttpRequestOptions = {
		method: call.method,
		url: `${apiBaseUrl(credentials)}${call.path}`,
		qs: { ...commonQuery(credentials), ...(call.qs ?? {}) },
		headers,
		timeout: call.timeout,
		json: !pdf,
	};
	if (pdf) request.encoding = 'arraybuffer';
	if (call.body !== undefined) request.body = call.body;
	return request;
}

/** Query parameters written as CNBS's cURL examples show them (no value left out). */
export function queryString(qs: IDataObject | undefined): string {
	const query = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value !== undefined && value !== null) query.set(key, String(value));
	}
	const text = query.toString();
	return text ? `?${text}` : '';
}

/**
 * The request as a dry run shows it: what would be sent, with the system ID, the SAP password and
 * the payment data that must never be shown (`paymentSecrets`) masked.
 */
export function describeCnbsRequest(
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	paymentSecrets: Array<string | undefined> = [],
): IDataObject {
	const headers: IDataObject = { ...(request.headers as IDataObject), cnbssysid: MASK };
	if (credentials.useBasicAuth === true) headers.authorization = `Basic ${MASK}`;
	const described: IDataObject = {
		method: request.method,
		url: `${request.url}${queryString(request.qs as IDataObject)}`,
		headers,
	};
	if (typeof request.body === 'string') {
		described.body = maskPaymentData(JSON.parse(request.body) as IDataObject);
	}
	return redactValue(described, [...secretsOf(credentials), ...paymentSecrets]);
}

/** Keys whose values are card or bank data: masked wherever CNBS or the node would show them. */
const PAYMENT_SECRET_KEYS = new Set(['payment_card_token', 'card_validation_code', 'electronic_check_rdfi_number']);

/** A card token shown as its last four characters only. */
export function maskToken(value: unknown): string {
	const text = String(value ?? '');
	if (text === '') return '';
	return text.length > 8 ? `${MASK}${text.slice(-4)}` : MASK;
}

/** A copy with card tokens (last four characters kept), validation codes and account numbers masked. */
export function maskPaymentData<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => maskPaymentData(entry) as unknown) as T;
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => {
				if (PAYMENT_SECRET_KEYS.has(key) && entry !== '' && entry !== undefined && entry !== null) {
					return [key, key === 'payment_card_token' ? maskToken(entry) : MASK];
				}
				return [key, maskPaymentData(entry)];
			}),
		) as T;
	}
	return value;
}

export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const secrets = [String(credentials.systemIdSecret ?? '')];
	if (credentials.useBasicAuth === true) {
		const password = String(credentials.password ?? '');
		secrets.push(password);
		if (password !== '') {
			secrets.push(Buffer.from(`${String(credentials.user ?? '')}:${password}`).toString('base64'));
		}
	}
	return secrets;
}

/** A CNBS answer as an object, whatever n8n's HTTP helper made of it; undefined when it is not JSON. */
export function parseCnbsBody(body: unknown): IDataObject | undefined {
	if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = responseText(body).trim();
	if (!text.startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** `status` as a list of messages: CNBS sends an object in most answers and an array in others. */
export function readMessages(answer: IDataObject | undefined): CnbsMessage[] {
	const status = answer?.status;
	const list = Array.isArray(status) ? status : status !== null && typeof status === 'object' ? [status] : [];
	return list
		.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object' && !Array.isArray(entry))
		.map((entry) => ({ ...entry, message_type: String(entry.message_type ?? '').trim().toUpperCase() }));
}

export function isFailureMessage(message: CnbsMessage): boolean {
	return FAILURE_MESSAGE_TYPES.includes(message.message_type);
}

/** `/CNBS/X_API 10`: CNBS's message class and number, as its error code. */
export function messageCode(message: CnbsMessage): string | undefined {
	const parts = [message.message_identification, message.message_number]
		.filter((part) => part !== undefined && part !== null && String(part) !== '')
		.map(String);
	return parts.length ? parts.join(' ') : undefined;
}

export function messageText(message: CnbsMessage): string {
	const text = String(message.message_line_string ?? '').trim();
	return text || `message type ${message.message_type}`;
}

/** A failure from CNBS's messages: the first E/A/X message's words and code; the others as description. */
export function vendorErrorFromMessages(failures: CnbsMessage[], httpCode?: number): VendorError {
	const [first, ...others] = failures;
	const description = others.length
		? others.map((message) => `${message.message_type}: ${messageText(message)}`).join('\n')
		: undefined;
	return new VendorError(messageText(first), { code: messageCode(first), httpCode, description });
}

/** Reads CNBS's status out of a non-2xx answer (its refusals are JSON with a status too). */
export function readCnbsErrorBody(body: string, httpStatus?: number): VendorError | undefined {
	const messages = readMessages(parseCnbsBody(body));
	if (messages.length === 0) return undefined;
	const failures = messages.filter(isFailureMessage);
	return vendorErrorFromMessages(failures.length ? failures : messages, httpStatus);
}

/**
 * Reads an answer: an E, A or X message is a failure with CNBS's words; an answer that is not
 * JSON is an error too (after a POST CNBS may have acted on it: the outcome is marked unknown).
 * `allowFailures`: return the answer even with failure messages (the payment answer, whose
 * `payed` list says what was paid whatever the messages say).
 */
export function readCnbsAnswer(body: unknown, method: string, allowFailures = false): { answer: IDataObject; messages: CnbsMessage[] } {
	const answer = parseCnbsBody(body);
	if (!answer) {
		throw new VendorError(
			`The answer was not a CNBS API answer (not JSON): ${excerpt(responseText(body), 200)}`,
			{ outcomeUnknown: method !== 'GET' },
		);
	}
	const messages = readMessages(answer);
	const failures = messages.filter(isFailureMessage);
	if (failures.length && !allowFailures) throw vendorErrorFromMessages(failures);
	return { answer, messages };
}

export type CnbsContext = IExecuteFunctions | ILoadOptionsFunctions;

export async function credentialsOf(ctx: CnbsContext): Promise<ICredentialDataDecryptedObject> {
	// A node run reads its credential once (shared by every item); CNBS has no session token.
	if ('getInputData' in ctx) return await credentialsOnce(ctx, CREDENTIAL_TYPE);
	return await ctx.getCredentials(CREDENTIAL_TYPE);
}

/** Masks the credential's secrets and the given payment data in an error. */
export function maskError(error: unknown, secrets: Array<string | undefined>): unknown {
	if (!(error instanceof VendorError)) return error;
	error.message = redactText(error.message, secrets);
	if (error.details.description) error.details.description = redactText(error.details.description, secrets);
	return error;
}

/** Sends one CNBS call and returns the full response (the body as n8n's helper gives it). */
export async function sendCnbs(
	ctx: CnbsContext,
	credentials: ICredentialDataDecryptedObject,
	call: CnbsCall,
	paymentSecrets: Array<string | undefined> = [],
): Promise<{ statusCode: number; headers: Record<string, unknown>; body: unknown }> {
	const request = buildCnbsRequest(credentials, call);
	try {
		return await sendVendorRequest(asSendContext(ctx), {
			credentialType: CREDENTIAL_TYPE,
			request,
			readVendorError: readCnbsErrorBody,
			// No session token: a node run hands n8n its credential data read once, instead of n8n
			// reading it for every request (a dropdown's context sends one request: n8n reads it).
			runCredentials: 'getInputData' in ctx,
		});
	} catch (error) {
		throw maskError(error, [...secretsOf(credentials), ...paymentSecrets]);
	}
}

/** Sends one CNBS call that answers JSON and returns the answer (no E/A/X message, unless allowed). */
export async function callCnbs(
	ctx: CnbsContext,
	credentials: ICredentialDataDecryptedObject,
	call: CnbsCall,
	options: { allowFailures?: boolean; paymentSecrets?: Array<string | undefined> } = {},
): Promise<{ answer: IDataObject; messages: CnbsMessage[] }> {
	const secrets = [...secretsOf(credentials), ...(options.paymentSecrets ?? [])];
	const response = await sendCnbs(ctx, credentials, call, options.paymentSecrets);
	try {
		return readCnbsAnswer(response.body, call.method, options.allowFailures);
	} catch (error) {
		throw maskError(error, secrets);
	}
}

/** The fiscal year key as the payment request spells it, and as CNBS's list samples spell it (with a space). */
export const FISCAL_YEAR = 'fiscal_year_of_the_relevant_invoice';

export const FISCAL_YEAR_WITH_SPACE = 'fiscal_year_of_the_relevant invoice';

/** A document with its fiscal year under the payment request's spelling only (read under both). */
export function normalizeFiscalYear(entry: IDataObject): IDataObject {
	if (!(FISCAL_YEAR_WITH_SPACE in entry)) return entry;
	const plain = entry[FISCAL_YEAR];
	const value = plain === undefined || plain === null || plain === '' ? entry[FISCAL_YEAR_WITH_SPACE] : plain;
	const result: IDataObject = {};
	for (const [key, entryValue] of Object.entries(entry)) {
		if (key === FISCAL_YEAR_WITH_SPACE || key === FISCAL_YEAR) {
			if (!(FISCAL_YEAR in result)) result[FISCAL_YEAR] = value;
		} else {
			result[key] = entryValue;
		}
	}
	return result;
}

/** Messages as output items show them. */
export function messagesOutput(messages: CnbsMessage[]): IDataObject[] {
	return messages.map((message) => ({ ...message }) as IDataObject);
}

/**
 * `sendVendorRequest` is typed for IExecuteFunctions but uses only n8n's authenticated HTTP
 * helper, which a dropdown's ILoadOptionsFunctions has too: this passes that helper through, so
 * loadOptions methods send their requests the same way (n8n's proxy, TLS, credential injection).
 */
export function asSendContext(ctx: IExecuteFunctions | ILoadOptionsFunctions): IExecuteFunctions {
	if ('getInputData' in ctx) return ctx;
	const helper = ctx.helpers.httpRequestWithAuthentication;
	return {
		helpers: {
			httpRequestWithAuthentication: (...args: Parameters<typeof helper>) => helper.call(ctx, ...args),
		},
	} as unknown as IExecuteFunctions;
}
