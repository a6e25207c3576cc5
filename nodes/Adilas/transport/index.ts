import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { htmlErrorSummary, VendorError, InvalidInputError } from '../../shared/errors';
import { responseText, sendVendorRequest } from '../../shared/http';
import { parseIntegerId, setOwn } from '../../shared/input';
import { excerpt, MASK, redactValue } from '../../shared/redact';
import { apiUrlOf, completeCall, encodeCall, FUNCTION_NAME_KEY, requestStyleOf } from './credential';

export const VENDOR = 'adilas';
export const CREDENTIAL_TYPE = 'adilasApi';

/** RET_STATUS values that mean success ("ok" in the seed; some methods say "success"). */
const SUCCESS_STATUSES = ['ok', 'success'];

/**
 * What the seed says each addInvoicePayment failure status means. Statuses are per method: the
 * other methods' lists are not public, so only this one is explained.
 */
export const STATUS_EXPLANATIONS: Record<string, Record<string, string>> = {
	addInvoicePayment: {
		dataIn:
			'adilas returns dataIn when the corp id, invoice number, merchant setting id or money type id is not found.',
		dataIn2: 'adilas returns dataIn2 when the date (TRANSACTION_DATE / TRANSACTION_DATE_TIME) is not valid.',
		zero:
			'adilas returns zero when the invoice amount, invoice date, invoice paid and mark as receivable fields are empty for the requested invoice number (start the invoice with an amount first).',
		db:
			'adilas returns db when inserting or querying values failed (actual trans number, amount paid, corp id, deposit date, deposited status, invoice number, total payments, invoice amount, transaction date ...). The payment was not added.',
	},
};

/** A whole number for a Numeric argument, sent as a JSON number (as the seed's sample does). */
export function jsonInteger(value: unknown, field: string, { allowZero = false } = {}): number {
	const digits = parseIntegerId(value, field, { allowZero });
	const number = Number(digits);
	if (!Number.isSafeInteger(number)) throw new InvalidInputError(field, `${field} is too large: ${digits}`);
	return number;
}

/** The corp ID inside the corp key: PLA-0053 → 53. */
export function corpIdFromKey(credentials: ICredentialDataDecryptedObject): number {
	const key = String(credentials.corpKey ?? '').trim();
	const match = /^[A-Za-z]+-(\d+)$/.exec(key);
	if (!match) {
		throw new InvalidInputError(
			'API_CORP_KEY_ID',
			`The credential's Corp Key (API_CORP_KEY_ID) must look like PLA-0053 (letters, a dash, the corp ID), got "${key}"`,
		);
	}
	return jsonInteger(match[1], 'API_CORP_KEY_ID', { allowZero: false });
}

/** CORP_ID: empty means the corp key's number; a different number is refused before sending. */
export function resolveCorpId(value: unknown, credentials: ICredentialDataDecryptedObject): number {
	const fromKey = corpIdFromKey(credentials);
	if (value === undefined || value === null || String(value).trim() === '') return fromKey;
	const given = jsonInteger(value, 'CORP_ID');
	if (given !== fromKey) {
		throw new InvalidInputError(
			'CORP_ID',
			`CORP_ID ${given} does not match the corp key ${String(credentials.corpKey).trim()} (corp ${fromKey}): adilas only accepts the corp key's own corporation`,
		);
	}
	return given;
}

const ESCAPE = /%[0-9A-Fa-f]{2}/;

/**
 * adilas URL-encodes string values (API_URL_ENCODING AUTO), sometimes more than once: decode
 * until nothing changes. A "+" is read as a space only in a pass whose text has escapes but no
 * literal space (form encoding); otherwise it is kept (a phone number "+1 555").
 */
export function decodeAdilasText(text: string): string {
	let current = text;
	for (let pass = 0; pass < 5 && ESCAPE.test(current); pass++) {
		const spaced = current.includes(' ') ? current : current.replace(/\+/g, ' ');
		let next: string;
		try {
			next = decodeURIComponent(spaced);
		} catch {
			break;
		}
		if (next === current) break;
		current = next;
	}
	return current;
}

/** Every string value of an answer, decoded (keys are kept as they are). */
export function decodeAdilasValues<T>(value: T): T {
	if (typeof value === 'string') return decodeAdilasText(value) as T;
	if (Array.isArray(value)) return value.map((entry) => decodeAdilasValues(entry)) as T;
	if (value !== null && typeof value === 'object') {
		const decoded: Record<string, unknown> = {};
		for (const key of Object.keys(value)) setOwn(decoded, key, decodeAdilasValues((value as Record<string, unknown>)[key]));
		return decoded as T;
	}
	return value;
}

/** The answer as an object. ColdFusion may label JSON text/html and pad it with whitespace. */
export function parseAdilasAnswer(body: unknown): IDataObject {
	let parsed: unknown = body;
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = responseText(body).replace(/^\uFEFF/, '').trim();
		parsed = undefined;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Output before or after the object (a debug line, a trailing comment): take the object.
			const start = text.indexOf('{');
			const end = text.lastIndexOf('}');
			if (start >= 0 && end > start) {
				try {
					parsed = JSON.parse(text.slice(start, end + 1));
				} catch {
					parsed = undefined;
				}
			}
		}
		if (parsed === undefined) {
			const html = htmlErrorSummary(text);
			throw new VendorError(
				html
					? `The answer was an HTML page, not an adilas API answer: ${html} (check the API Endpoint URL and the Request Style)`
					: `The answer was not JSON${text ? `: ${excerpt(text, 200)}` : ' (empty)'} (check the API Endpoint URL and the Request Style)`,
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new VendorError('The answer was not an adilas API answer (a JSON object with RET_STATUS)');
	}
	return parsed as IDataObject;
}

function valueOf(answer: IDataObject, key: string): unknown {
	if (key in answer) return answer[key];
	const found = Object.keys(answer).find((name) => name.toUpperCase() === key);
	return found === undefined ? undefined : answer[found];
}

/**
 * RET_STATUS ok/success: the decoded answer. Any other status is a VendorError titled with
 * RET_MAIN_MESSAGE and RET_SECOND_MESSAGE, coded with the status, and explained where the seed
 * explains it.
 */
export function readAdilasResult(answer: IDataObject, functionName: string): IDataObject {
	const decoded = decodeAdilasValues(answer);
	const status = valueOf(decoded, 'RET_STATUS');
	if (status === undefined || status === null || String(status).trim() === '') {
		throw new VendorError(
			'The answer had no RET_STATUS: not an adilas API answer (check the API Endpoint URL and the Request Style)',
		);
	}
	const code = String(status).trim();
	if (SUCCESS_STATUSES.includes(code.toLowerCase())) return decoded;
	const main = String(valueOf(decoded, 'RET_MAIN_MESSAGE') ?? '').trim();
	const second = String(valueOf(decoded, 'RET_SECOND_MESSAGE') ?? '').trim();
	const message = [main, second].filter((text) => text !== '').join(' ') || `RET_STATUS ${code}`;
	const explanations = STATUS_EXPLANATIONS[functionName] ?? {};
	const explanation =
		explanations[code] ?? Object.entries(explanations).find(([name]) => name.toLowerCase() === code.toLowerCase())?.[1];
	throw new VendorError(message, { code, description: explanation });
}

/** A non-2xx answer that still carries an adilas RET_STATUS: read adilas's words out of it. */
export function readAdilasErrorBody(functionName: string) {
	return (body: string): VendorError | undefined => {
		let answer: IDataObject;
		try {
			answer = parseAdilasAnswer(body);
		} catch {
			return undefined;
		}
		if (valueOf(answer, 'RET_STATUS') === undefined) return undefined;
		try {
			readAdilasResult(answer, functionName);
		} catch (error) {
			return error as VendorError;
		}
		return new VendorError(`adilas answered RET_STATUS ${String(valueOf(answer, 'RET_STATUS'))} with an HTTP error status`);
	};
}

/**
 * The HTTP request the node hands to n8n. The body is the call object WITHOUT the credentials:
 * the credential's `authenticate` writes them in and encodes the body in the chosen style.
 */
export function buildHttpRequest(
	credentials: ICredentialDataDecryptedObject,
	call: IDataObject,
	timeout: number,
): IHttpRequestOptions {
	return {
		method: 'POST',
		url: apiUrlOf(credentials),
		body: call,
		json: false,
		encoding: 'text',
		timeout,
	};
}

/** What a dry run shows: the exact request, the call object in full with the password masked. */
export function describeRequest(credentials: ICredentialDataDecryptedObject, call: IDataObject): IDataObject {
	const callObject = completeCall(call, credentials, MASK);
	const requestStyle = requestStyleOf(credentials);
	const { body, contentType } = encodeCall(callObject, requestStyle);
	return {
		method: 'POST',
		url: apiUrlOf(credentials),
		requestStyle,
		headers: { 'Content-Type': contentType },
		body,
		callObject,
	};
}

export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return [String(credentials.password ?? '')];
}

/** Sends one call (sent once: never repeated after it may have reached adilas) and reads the answer. */
/** adilas functions that only read (an unreadable answer to any other leaves its outcome unknown). */
const READS = new Set(['getCorpWideSettings', 'getSpecificCorpWideSettings']);

export async function callAdilas(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	call: IDataObject,
	timeout: number,
): Promise<IDataObject> {
	const functionName = String(call[FUNCTION_NAME_KEY]);
	const response = await sendVendorRequest(ctx, {
		credentialType: CREDENTIAL_TYPE,
		request: buildHttpRequest(credentials, call, timeout),
		readVendorError: readAdilasErrorBody(functionName),
		// No session token: n8n gets the run's credential data instead of reading it per request.
		runCredentials: true,
	});
	let answer: IDataObject | undefined;
	let failure: unknown;
	try {
		answer = parseAdilasAnswer(response.body);
	} catch (error) {
		failure = error;
	}
	if (answer === undefined) {
		// A 2xx answer that cannot be read: a call that changes something (a payment, a new invoice)
		// may have been done.
		if (failure instanceof VendorError && !READS.has(functionName)) failure.details.outcomeUnknown = true;
		throw failure;
	}
	const result = readAdilasResult(answer, functionName);
	return redactValue(result, secretsOf(credentials));
}
