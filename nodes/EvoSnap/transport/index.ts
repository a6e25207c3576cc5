import type { IAdditionalCredentialOptions, ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { VendorError } from '../../shared/errors';
import { responseText, sendVendorRequest } from '../../shared/http';
import type { JsonTextValue } from '../../shared/jsonText';
import { setOwn } from '../../shared/input';
import { JsonDecimal, toJsonText } from '../../shared/jsonText';
import { MASK, maskCardNumber, redactValue } from '../../shared/redact';
import { credentialsOnce } from '../../shared/runState';
import type { VendorSession } from '../../shared/session';
import { callWithSessionToken } from '../../shared/session';
import { faultText, invoicesUrl, parseSignOnFailure, readFault, TOKEN_FAULT_IDS } from './credential';

export const VENDOR = 'EVO Snap*';
export const CREDENTIAL_TYPE = 'evoSnapApi';

export interface EvoCall {
	method: 'GET' | 'POST' | 'PUT';
	/** After `.../CMS.svc/Invoices`: '/', '/query', '/{id}', '/{id}/state', '/{id}/process'. */
	path: string;
	qs?: IDataObject;
	body?: JsonTextValue;
	/** `toJsonText(body)`, when the caller wrote it already (a body that is the same for every item). */
	bodyText?: string;
	timeout: number;
	/** Card data of this call: never shown in an error. */
	secrets?: string[];
}

export function buildEvoRequest(credentials: ICredentialDataDecryptedObject, call: EvoCall): IHttpRequestOptions {
	const hasBody = call.body !== undefined;
	return {
		method: call.method,
		url: `${invoicesUrl(credentials)}${call.path}`,
		headers: { Accept: 'application/json', ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
		...(call.qs ? { qs: call.qs } : {}),
		// Written here, so money keeps exactly the digits given (see nodes/shared/jsonText.ts).
		...(hasBody ? { body: call.bodyText ?? toJsonText(call.body) } : {}),
		json: false,
		encoding: 'text',
		timeout: call.timeout,
	};
}

// ---- PCI data --------------------------------------------------------------------------------

/** Keys whose values are card data: shown with their last 4 digits at most. */
const LAST_FOUR_KEYS = ['PaymentAccountNumber', 'Token'];
/** Keys whose values are never shown at all. */
const HIDDEN_KEYS = ['TokenAuthenticationValue'];

/** A copy with card data masked wherever it sits (PaymentAccountNumber, Token, TokenAuthenticationValue). */
export function maskCardData<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => maskCardData(entry)) as T;
	if (value === null || typeof value !== 'object' || value instanceof JsonDecimal) return value;
	const masked: IDataObject = {};
	for (const key of Object.keys(value)) {
		const entry = (value as IDataObject)[key];
		if (entry !== null && entry !== undefined && typeof entry !== 'object') {
			if (LAST_FOUR_KEYS.includes(key)) {
				setOwn(masked, key, maskCardNumber(String(entry)));
				continue;
			}
			if (HIDDEN_KEYS.includes(key)) {
				setOwn(masked, key, MASK);
				continue;
			}
		}
		setOwn(masked, key, maskCardData(entry));
	}
	return masked as T;
}

/** The request as a dry run shows it: what would be sent, the session token and card data masked. */
export function describeEvoRequest(request: IHttpRequestOptions, call: EvoCall): IDataObject {
	let url = String(request.url);
	if (request.qs && Object.keys(request.qs).length) {
		const query = new URLSearchParams();
		for (const [key, value] of Object.entries(request.qs)) query.set(key, String(value));
		url = `${url}?${query.toString()}`;
	}
	const described: IDataObject = {
		method: request.method,
		url,
		headers: { ...(request.headers as IDataObject), Authorization: `Basic ${MASK}` },
	};
	if (call.body !== undefined) {
		const masked = maskCardData(call.body);
		described.body = JSON.parse(toJsonText(masked)) as IDataObject;
		described.bodyText = toJsonText(masked);
	}
	return redactValue(described, call.secrets ?? []);
}

// ---- answers and faults ----------------------------------------------------------------------

/** EVO's fault in a non-2xx answer (ErrorId, Reason, Messages, ValidationErrors). */
export function readEvoErrorBody(body: string, httpStatus?: number): VendorError | undefined {
	const fault = readFault(body);
	if (!fault) return undefined;
	return new VendorError(faultText(fault), { code: fault.errorId, httpCode: httpStatus });
}

/** An answer body: JSON when it is JSON, else its text ('' for an empty answer). */
export function parseEvoAnswer(body: unknown): unknown {
	const text = responseText(body).trim();
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

const SIGN_ON = 'sign-on failed: ';

/** A sign-on refused by the credential's preAuthentication, in EVO's words. */
function signOnFailure(error: unknown): VendorError | undefined {
	const seen = new Set<unknown>();
	let current = error as { message?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.message === 'string') {
			const failure = parseSignOnFailure(current.message);
			if (failure) return new VendorError(`${SIGN_ON}${failure.message}`, { code: failure.code });
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** EVO refused the session token: ExpiredTokenFault (5000) or InvalidTokenFault (5005), not a sign-on failure. */
export function isTokenFault(error: unknown): boolean {
	return (
		error instanceof VendorError &&
		TOKEN_FAULT_IDS.includes(String(error.details.code ?? '')) &&
		!error.message.startsWith(SIGN_ON)
	);
}

export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return [credentials.identityToken, credentials.sessionToken].map((value) => String(value ?? ''));
}

async function send(
	ctx: IExecuteFunctions,
	request: IHttpRequestOptions,
	options: IAdditionalCredentialOptions,
): Promise<unknown> {
	const response = await sendVendorRequest(ctx, {
		credentialType: CREDENTIAL_TYPE,
		request,
		readVendorError: readEvoErrorBody,
		credentialOptions: options,
		readOtherFailure: signOnFailure,
	});
	const answer = parseEvoAnswer(response.body);
	// A fault inside a 2xx answer is a failure too.
	const fault = readFault(answer);
	if (fault) throw new VendorError(faultText(fault), { code: fault.errorId, httpCode: response.statusCode });
	return answer;
}

/** EVO's session: a token fault (HTTP 401, or ErrorId 5000/5005 as HTTP 400) refuses the token. */
const SESSION: VendorSession<unknown> = {
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	tokenField: 'sessionToken',
	tokenRefused: (outcome) => !outcome.ok && isTokenFault(outcome.error),
	secretsOf,
};

/**
 * Sends one call to EVO's CMS invoices service and returns its answer (parsed JSON, or text),
 * card data and secrets masked.
 *
 * The session token is n8n's (the credential's hidden expirable field): n8n signs on when it is
 * empty. A refused token (HTTP 401, or the ErrorId 5000/5005 fault EVO sends as HTTP 400) is
 * renewed by the shared session call, which sends the request again ONCE with a new token, and
 * once per run however many requests were in flight (nodes/shared/session.ts). A refused request was not
 * processed, so sending it again cannot charge twice.
 */
export async function callEvo(ctx: IExecuteFunctions, call: EvoCall): Promise<unknown> {
	const credentials = await credentialsOnce(ctx, CREDENTIAL_TYPE);
	const request = buildEvoRequest(credentials, call);
	const answer = await callWithSessionToken(ctx, SESSION, {
		send: async (options) => await send(ctx, request, options),
		extraSecrets: call.secrets,
	});
	// EVO's answers carry no token; card data it echoes is masked by key and by value.
	return redactValue(maskCardData(answer), [...secretsOf(credentials), ...(call.secrets ?? [])]);
}
