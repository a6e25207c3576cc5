import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * What the credential (sign-on) and the node's transport share about EVO Snap*'s wire format.
 * Kept free of node-only imports so the credential bundle stays small.
 */

export const BASE_URLS = {
	certification: 'https://api.cipcert.goevo.com',
	production: 'https://api.cip.goevo.com',
} as const;

export const DEFAULT_API_VERSION = '2.1.28';

/** `{host}/{version}/REST`, whatever the user typed (trailing slashes, spaces). */
export function restRoot(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'certification');
	const host =
		environment === 'custom'
			? String(credentials.customUrl ?? '')
			: (BASE_URLS[environment as keyof typeof BASE_URLS] ?? BASE_URLS.certification);
	const version = String(credentials.apiVersion ?? '').trim() || DEFAULT_API_VERSION;
	return `${host.trim().replace(/\/+$/, '')}/${encodeURIComponent(version)}/REST`;
}

/** The sign-on service: GET with the identity token as the Basic user name. */
export function signOnUrl(credentials: ICredentialDataDecryptedObject): string {
	return `${restRoot(credentials)}/SIS.svc/token`;
}

/** The CMS invoices service. */
export function invoicesUrl(credentials: ICredentialDataDecryptedObject): string {
	return `${restRoot(credentials)}/DataServices/CMS.svc/Invoices`;
}

/** EVO's fault body: `{ErrorId, HelpUrl, Messages[], Operation, Reason, ValidationErrors[...]}`. */
export interface EvoFault {
	errorId: string;
	reason: string;
	messages: string[];
	validationErrors: Array<{ RuleKey?: unknown; RuleLocationKey?: unknown; RuleMessage?: unknown }>;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** Reads EVO's fault out of an answer body (text or parsed); undefined when it is not one. */
export function readFault(body: unknown): EvoFault | undefined {
	const parsed = typeof body === 'string' ? parseJson(body) : body;
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	const record = parsed as Record<string, unknown>;
	if (!('ErrorId' in record) || (typeof record.ErrorId !== 'number' && typeof record.ErrorId !== 'string')) {
		return undefined;
	}
	const messages = Array.isArray(record.Messages) ? record.Messages.filter((m) => typeof m === 'string') : [];
	const validationErrors = Array.isArray(record.ValidationErrors)
		? (record.ValidationErrors.filter((v) => v !== null && typeof v === 'object') as EvoFault['validationErrors'])
		: [];
	return {
		errorId: String(record.ErrorId),
		reason: typeof record.Reason === 'string' ? record.Reason : '',
		messages: messages as string[],
		validationErrors,
	};
}

/** A fault in words: its Reason, then its Messages, then every rule that failed. */
export function faultText(fault: EvoFault): string {
	const parts = [fault.reason, ...fault.messages.filter((m) => m !== fault.reason)];
	for (const rule of fault.validationErrors) {
		const where = typeof rule.RuleLocationKey === 'string' && rule.RuleLocationKey ? `${rule.RuleLocationKey}: ` : '';
		const text = typeof rule.RuleMessage === 'string' ? rule.RuleMessage : String(rule.RuleKey ?? '');
		if (text) parts.push(`${where}${text}`);
	}
	return parts.filter(Boolean).join('; ') || `fault ${fault.errorId}`;
}

/** ErrorIds of a refused session token: ExpiredTokenFault, InvalidTokenFault. */
export const TOKEN_FAULT_IDS = ['5000', '5005'];

/** The start of every sign-on failure the credential throws; the node recognises it by this. */
export const SIGN_ON_FAILED = 'EVO Snap* sign-on failed: ';

/** "EVO Snap* sign-on failed: Invalid identity token [5001]" → its parts. */
export function parseSignOnFailure(message: string): { message: string; code?: string } | undefined {
	const start = message.indexOf(SIGN_ON_FAILED);
	if (start < 0) return undefined;
	const rest = message.slice(start + SIGN_ON_FAILED.length).trim();
	const match = /^([\s\S]*?)\s*\[([A-Za-z0-9_.-]+)\]$/.exec(rest);
	return match ? { message: match[1], code: match[2] } : { message: rest };
}

/** The session token out of the sign-on answer: a JSON string in quotes (or, tolerated, bare text). */
export function readSessionToken(body: unknown): string | undefined {
	let value: unknown = body;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text.startsWith('"')) value = parseJson(text);
		else value = text;
	}
	if (typeof value !== 'string') return undefined;
	const token = value.trim();
	if (token === '' || /[\s<>{}]/.test(token)) return undefined;
	return token;
}
