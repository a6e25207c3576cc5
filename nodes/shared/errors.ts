import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';


import { excerpt, redactText } from './redact';

/**
 * A failure the vendor reported in its own words (a SOAP Fault, Success=false, a status code in
 * a JSON body...). `code` is the vendor's error code when it gave one.
 */
export class VendorError extends Error {
	constructor(
		message: string,
		readonly details: {
			code?: string;
			httpCode?: number;
			/** More of the vendor's own text (field errors, fault detail) for the error description. */
			description?: string;
			/** The vendor may have acted (e.g. the answer was lost after a payment request was sent). */
			outcomeUnknown?: boolean;
			/** Nothing was processed and the same request may be sent again (refused connection, 429/503). */
			retryAfterSeconds?: number;
			retryable?: boolean;
			/** Failed before the request left (e.g. the sign-in before it was refused): nothing was sent. */
			notSent?: boolean;
			/** The vendor call that failed, when it is not the operation's own (a balance read before paying). */
			call?: string;
		} = {},
	) {
		super(message);
		this.name = 'VendorError';
	}
}

/** Runs one vendor call: a VendorError from it is titled by that call, not by the operation's main call. */
export async function namedCall<T>(call: string, send: () => Promise<T>): Promise<T> {
	return await send().catch(async (error: unknown) => {
		if (error instanceof VendorError) error.details.call ??= call;
		return await Promise.reject(error);
	});
}

interface HttpLikeError {
	message?: string;
	code?: string;
	httpCode?: string | number | null;
	status?: number;
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown };
	cause?: unknown;
	context?: { data?: unknown };
	description?: string | null;
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	try {
		return JSON.stringify(body);
	} catch {
		return String(body);
	}
}

/** The short readable text of an HTML error page: its title, else its first heading. */
export function htmlErrorSummary(html: string): string | undefined {
	if (!/<html|<!doctype html|<body/i.test(html)) return undefined;
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
	const text = (title || heading || 'HTML error page').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
	return text.trim();
}

/** Digs the HTTP status, headers and body out of the shapes n8n's HTTP client wraps errors in. */
export function readHttpFailure(error: unknown): {
	status?: number;
	body?: unknown;
	headers?: Record<string, unknown>;
	code?: string;
	message: string;
} {
	let current = error as HttpLikeError | undefined;
	const seen = new Set<unknown>();
	let code: string | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (!code && typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) code = current.code;
		if (current.response && typeof current.response === 'object') {
			return {
				status: current.response.status,
				body: current.response.data ?? current.response.body,
				headers: current.response.headers,
				code,
				message: current.message ?? '',
			};
		}
		current = current.cause as HttpLikeError | undefined;
	}
	return { code, message: (error as HttpLikeError)?.message ?? String(error) };
}

/**
 * Turns a failed HTTP exchange into a VendorError with the vendor's words when it sent any.
 * `readVendorBody` reads the vendor's error format out of a non-2xx body (a SOAP Fault, a JSON
 * status object); it returns undefined when the body is not in that format.
 */
export function vendorErrorFromHttpFailure(
	error: unknown,
	readVendorBody: (text: string, status?: number) => VendorError | undefined,
): VendorError {
	if (error instanceof VendorError) return error;
	const failure = readHttpFailure(error);
	const { status, body, headers, code } = failure;
	if (status !== undefined) {
		const text = bodyText(body);
		const fromVendor = readVendorBody(text, status);
		const retryAfter = Number(headers?.['retry-after'] ?? headers?.['Retry-After']);
		const retryable = status === 429 || status === 503;
		if (fromVendor) {
			fromVendor.details.httpCode ??= status;
			if (retryable) {
				fromVendor.details.retryable = true;
				if (Number.isFinite(retryAfter)) fromVendor.details.retryAfterSeconds = retryAfter;
			}
			// A 5xx in the vendor's own format is an internal failure (e.g. WCF's InternalServiceFault):
			// it may have come after the vendor acted, unless it is a 503 asking to come back later.
			if (status >= 500 && !(retryable && Number.isFinite(retryAfter))) fromVendor.details.outcomeUnknown = true;
			return fromVendor;
		}
		const html = htmlErrorSummary(text);
		const summary = html
			? `HTTP ${status}, an HTML page instead of an API answer: ${html}`
			: `HTTP ${status}${text ? `: ${excerpt(text, 300)}` : ''}`;
		const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
		return new VendorError(summary, {
			httpCode: status,
			retryable,
			retryAfterSeconds,
			// A 5xx that is not the vendor's own error format (a gateway's page, a crash): the vendor may
			// have acted before it failed. Only a 503 with Retry-After says it did not take the request.
			outcomeUnknown: status >= 500 && !(retryable && retryAfterSeconds !== undefined),
		});
	}
	const message = failure.message;
	if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
		return new VendorError('The connection was refused: the server is not reachable', { retryable: true });
	}
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout|timed out/i.test(message)) {
		return new VendorError('No answer before the timeout', { outcomeUnknown: true });
	}
	if (code === 'ECONNRESET' || /socket hang up|ECONNRESET/i.test(message)) {
		return new VendorError('The connection was closed before an answer arrived', { outcomeUnknown: true });
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return new VendorError('The server name could not be resolved: check the URL in the credentials', {
			retryable: false,
		});
	}
	return new VendorError(message || 'The request failed', { outcomeUnknown: true });
}

/**
 * The error a node throws for a vendor failure: the vendor's message where the n8n UI shows it
 * (the error's title), the operation named, every secret masked.
 */
export function toNodeApiError(
	node: INode,
	error: VendorError,
	context: { vendor: string; operation: string; itemIndex: number; secrets: Array<string | undefined> },
): NodeApiError {
	const { vendor, operation, itemIndex, secrets } = context;
	const codePart = error.details.code ? ` [${error.details.code}]` : '';
	const message = redactText(`${vendor} ${error.details.call ?? operation} failed: ${error.message}${codePart}`, secrets);
	const notes: string[] = [];
	if (error.details.description) notes.push(error.details.description);
	if (error.details.outcomeUnknown) {
		notes.push(
			'The request may have reached the vendor. It was not sent again: check the vendor before paying again.',
		);
	}
	const description = notes.length ? redactText(notes.join('\n'), secrets) : undefined;
	const httpCode = error.details.httpCode !== undefined ? String(error.details.httpCode) : undefined;
	const response: JsonObject = { message, ...(description ? { description } : {}) };
	if (error.details.code) response.vendorCode = error.details.code;
	return new NodeApiError(node, response, { message, description, httpCode, itemIndex });
}

/** Input refused before anything was sent. */
export function toInputError(node: INode, error: InvalidInputError, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, error.message, {
		itemIndex,
		description: `Check the "${error.field}" field: nothing was sent to the vendor.`,
	});
}

export class InvalidInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}
