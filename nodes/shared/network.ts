/**
 * Reading failures of the sign-in and credential-check requests a credential makes itself
 * (`preAuthentication`), where n8n's HTTP client error would carry the request, secrets included,
 * and n8n would replace a message that mentions ECONNREFUSED with its own generic text.
 */

interface HttpErrorLike {
	message?: string;
	response?: { status?: number; data?: unknown; body?: unknown };
	cause?: unknown;
}

/** The HTTP answer inside whatever error n8n's HTTP client wraps it in. */
export function responseOf(error: unknown): { status?: number; data?: unknown } | undefined {
	const seen = new Set<unknown>();
	let current = error as HttpErrorLike | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (current.response && typeof current.response === 'object') {
			return { status: current.response.status, data: current.response.data ?? current.response.body };
		}
		current = current.cause as HttpErrorLike | undefined;
	}
	return undefined;
}

/**
 * A network failure in words, naming the host (from `url`) but nothing else of the request;
 * `urlField` is the credential field the user should check.
 */
export function describeNetworkFailure(error: unknown, url: string, timeoutMs: number, urlField = 'URL'): string {
	const { message } = (error ?? {}) as { message?: unknown };
	// The error code may sit on an error n8n's HTTP client wrapped.
	const codes: string[] = [];
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string') codes.push(current.code);
		current = current.cause as typeof current;
	}
	const text = `${codes.join(' ')} ${String(message ?? '')}`;
	const host = url.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
	if (/ECONNREFUSED/.test(text)) return `the connection to ${host} was refused (is the ${urlField} right?)`;
	if (/ENOTFOUND|EAI_AGAIN/.test(text)) return `the server name ${host} could not be resolved (is the ${urlField} right?)`;
	if (/ECONNRESET|socket hang up/i.test(text)) return `${host} closed the connection before answering`;
	if (/ETIMEDOUT|ECONNABORTED|timeout/i.test(text)) return `${host} did not answer within ${timeoutMs / 1000} s`;
	return typeof message === 'string' && message !== '' ? message : `${host} could not be reached`;
}

/**
 * The text after `marker` in an error or any error it wraps (n8n wraps what a credential's
 * `preAuthentication` throws in its own errors): how a node recognises its credential's failures.
 */
export function messageAfter(error: unknown, marker: string): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { message?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.message === 'string') {
			const start = current.message.indexOf(marker);
			if (start >= 0) return current.message.slice(start + marker.length).trim();
		}
		current = current.cause as typeof current;
	}
	return undefined;
}
