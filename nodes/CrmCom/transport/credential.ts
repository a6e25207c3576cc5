import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * What the credential (sign-in) and the node's transport share about CRM.COM's wire format.
 * Kept free of node-only imports so the credential bundle stays small.
 */

export const API_PATH = '/crmapi/rest/v2/';

/** `{serverUrl}/crmapi/rest/v2/`, whatever the user typed (trailing slash, or the API path itself). */
export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const server = String(credentials.serverUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/crmapi\/rest\/v2$/i, '');
	return `${server}${API_PATH}`;
}

/** Every CRM.COM answer carries `status: { code, message, description }`; "OK" is success. */
export interface CrmStatus {
	code: string;
	message: string;
	description: string;
}

export function readStatus(answer: unknown): CrmStatus | undefined {
	if (answer === null || typeof answer !== 'object') return undefined;
	const status = (answer as IDataObject).status;
	if (status === null || typeof status !== 'object' || Array.isArray(status)) return undefined;
	const { code, message, description } = status as IDataObject;
	if (typeof code !== 'string' || code === '') return undefined;
	const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
	return { code, message: text(message), description: text(description) };
}

/** Parses an answer that n8n left as text (or a Buffer-like); undefined when it is not JSON. */
export function parseAnswer(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * Does this status say that the session token was refused (expired, released, unknown)?
 *
 * CRM.COM's list of status codes is not public. The simulator (and, we expect, CRM.COM) answers
 * INVALID_TOKEN; the other codes are the names such APIs commonly use. As a fallback, a message
 * that speaks of an invalid or expired token or session counts too. A wrong password at sign-in
 * (AUTHENTICATION_FAILED) is not a token problem: signing in again would not help.
 */
export const TOKEN_REFUSED_CODES = [
	'INVALID_TOKEN',
	'TOKEN_EXPIRED',
	'EXPIRED_TOKEN',
	'TOKEN_INVALID',
	'TOKEN_NOT_VALID',
	'INVALID_SESSION',
	'SESSION_EXPIRED',
	'NOT_AUTHENTICATED',
	'UNAUTHENTICATED',
	'UNAUTHORIZED_TOKEN',
];

const TOKEN_REFUSED_MESSAGE =
	/\b(token|session)\b[^.]*\b(invalid|expired|not valid|no longer valid|unknown|released)\b|\b(invalid|expired|unknown)\b[^.]*\b(token|session)\b/i;

export function isTokenRefused(status: CrmStatus | undefined): boolean {
	if (!status || status.code === 'OK') return false;
	const code = status.code.toUpperCase();
	if (TOKEN_REFUSED_CODES.includes(code)) return true;
	if (/AUTHENTICATION_FAILED|PASSWORD|CREDENTIAL/.test(code)) return false;
	return TOKEN_REFUSED_MESSAGE.test(`${status.message} ${status.description}`);
}

/** The start of every sign-in failure the credential throws; the node recognises it by this. */
export const SIGN_IN_FAILED = 'CRM.COM sign-in failed: ';

/** "CRM.COM sign-in failed: Invalid username or password [AUTHENTICATION_FAILED]" → its parts. */
export function parseSignInFailure(message: string): { message: string; code?: string } | undefined {
	const start = message.indexOf(SIGN_IN_FAILED);
	if (start < 0) return undefined;
	const rest = message.slice(start + SIGN_IN_FAILED.length).trim();
	const match = /^([\s\S]*?)\s*\[([A-Za-z0-9_.-]+)\]$/.exec(rest);
	return match ? { message: match[1], code: match[2] } : { message: rest };
}
