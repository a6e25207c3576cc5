import type { IAdditionalCredentialOptions, ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { namedCall, VendorError } from '../../shared/errors';
import { sendVendorRequest } from '../../shared/http';
import { credentialsOnce } from '../../shared/runState';
import { excerpt, MASK } from '../../shared/redact';
import type { VendorSession } from '../../shared/session';
import { callWithSessionToken, maskSessionError } from '../../shared/session';
import type { CrmStatus } from './credential';
import { apiBaseUrl, isTokenRefused, parseAnswer, parseSignInFailure, readStatus } from './credential';

export const VENDOR = 'CRM.COM';
export const CREDENTIAL_TYPE = 'crmComApi';

export interface CrmCall {
	method: 'GET' | 'POST';
	/** e.g. `payments/pay_invoice` */
	resource: string;
	/** POST: the JSON body, without the token (the credential adds it). */
	body?: IDataObject;
	/** GET: the query, without the token. */
	qs?: IDataObject;
	timeout: number;
}

/** A CRM.COM answer whose status.code was OK. */
export interface CrmAnswer {
	status: CrmStatus;
	data: IDataObject;
}

export function buildCrmRequest(credentials: ICredentialDataDecryptedObject, call: CrmCall): IHttpRequestOptions {
	return {
		method: call.method,
		url: `${apiBaseUrl(credentials)}${call.resource}`,
		json: true,
		timeout: call.timeout,
		...(call.method === 'POST' ? { headers: { 'Content-Type': 'application/json' }, body: call.body ?? {} } : {}),
		...(call.qs ? { qs: call.qs } : {}),
	};
}

/** The request as a dry run shows it: what would be sent, the token masked. No sign-in is needed. */
export function describeCrmRequest(request: IHttpRequestOptions): IDataObject {
	if (request.method === 'GET') {
		const query = new URLSearchParams();
		for (const [key, value] of Object.entries(request.qs ?? {})) query.set(key, String(value));
		query.set('token', MASK);
		return { method: 'GET', url: `${request.url}?${query.toString()}` };
	}
	return {
		method: request.method,
		url: request.url,
		headers: request.headers as IDataObject,
		body: { token: MASK, ...(request.body as IDataObject) },
	};
}

/** Reads CRM.COM's status out of a non-2xx answer (its error answers are JSON too). */
export function readCrmErrorBody(body: string, httpStatus?: number): VendorError | undefined {
	const status = readStatus(parseAnswer(body));
	if (!status) return undefined;
	return vendorErrorFromStatus(status, httpStatus);
}

export function vendorErrorFromStatus(status: CrmStatus, httpStatus?: number): VendorError {
	const message = status.message || status.description || `status ${status.code}`;
	const description = status.description && status.description !== message ? status.description : undefined;
	return new VendorError(message, { code: status.code, httpCode: httpStatus, description });
}

/**
 * Reads an answer: `status.code` OK returns the data; anything else is a VendorError with
 * CRM.COM's message and code. An answer that is not CRM.COM's JSON is an error too; after a
 * POST CRM.COM may have acted on it, so the outcome is marked unknown.
 */
export function readCrmAnswer(body: unknown, method: string): { status: CrmStatus; data: IDataObject } {
	const parsed = parseAnswer(body);
	const status = readStatus(parsed);
	if (!status) {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		throw new VendorError(
			`The answer was not a CRM.COM API answer (no status.code): ${excerpt(String(text ?? ''), 200)}`,
			{ outcomeUnknown: method !== 'GET' },
		);
	}
	const data = (parsed as IDataObject).data;
	return { status, data: data !== null && typeof data === 'object' ? (data as IDataObject) : {} };
}

function signInFailure(error: unknown): VendorError | undefined {
	const seen = new Set<unknown>();
	let current = error as { message?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.message === 'string') {
			const failure = parseSignInFailure(current.message);
			if (failure) return new VendorError(`sign-in failed: ${failure.message}`, { code: failure.code });
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

async function send(
	ctx: IExecuteFunctions,
	request: IHttpRequestOptions,
	options: IAdditionalCredentialOptions,
): Promise<{ status: CrmStatus; data: IDataObject }> {
	const response = await sendVendorRequest(ctx, {
		credentialType: CREDENTIAL_TYPE,
		request,
		readVendorError: readCrmErrorBody,
		credentialOptions: options,
		// A sign-in refused by the credential's preAuthentication, in CRM.COM's words.
		readOtherFailure: signInFailure,
	});
	return readCrmAnswer(response.body, String(request.method));
}

export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return [credentials.password, credentials.webApiKey, credentials.sessionToken].map((value) =>
		String(value ?? ''),
	);
}

/** CRM.COM's session: an answer with status INVALID_TOKEN refuses the token. */
const SESSION: VendorSession<CrmAnswer> = {
	vendor: VENDOR,
	credentialType: CREDENTIAL_TYPE,
	tokenField: 'sessionToken',
	tokenRefused: (outcome) => outcome.ok && isTokenRefused(outcome.value.status),
	refusalError: (value) => vendorErrorFromStatus(value.status),
	secretsOf,
};

/**
 * Sends one CRM.COM call and returns its data (status.code OK).
 *
 * The session token lives in n8n's credential store (the credential's hidden expirable field):
 * n8n signs in when it is empty. A refused token (HTTP 401, or CRM.COM's usual HTTP 200 with
 * status INVALID_TOKEN) is renewed by the shared session call, which sends the request again ONCE
 * with a new token, and once per run however many requests were in flight
 * (nodes/shared/session.ts). A refused request was not processed, so sending it again cannot pay
 * twice.
 */
export async function callCrm(ctx: IExecuteFunctions, call: CrmCall): Promise<CrmAnswer> {
	return await namedCall(call.resource, async () => await sendCrmCall(ctx, call));
}

async function sendCrmCall(ctx: IExecuteFunctions, call: CrmCall): Promise<CrmAnswer> {
	const request = buildCrmRequest(await credentialsOnce(ctx, CREDENTIAL_TYPE), call);
	const answer = await callWithSessionToken(ctx, SESSION, {
		send: async (options) => await send(ctx, request, options),
	});
	if (answer.status.code !== 'OK') {
		throw await maskSessionError(ctx, vendorErrorFromStatus(answer.status), {
			credentialType: CREDENTIAL_TYPE,
			secretsOf,
		});
	}
	return answer;
}
