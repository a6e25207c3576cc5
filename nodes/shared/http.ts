import type { IAdditionalCredentialOptions, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { VendorError, vendorErrorFromHttpFailure } from './errors';

export interface SendOptions {
	credentialType: string;
	request: IHttpRequestOptions;
	/** Reads the vendor's own error format out of a non-2xx answer body. */
	readVendorError: (body: string, status?: number) => VendorError | undefined;
	/** Passed to n8n's helper (e.g. credentials with an emptied token, to force a new sign-in). */
	credentialOptions?: IAdditionalCredentialOptions;
	/** Reads failures that are not HTTP answers, e.g. a sign-in refused in preAuthentication. */
	readOtherFailure?: (error: unknown) => VendorError | undefined;
	/** How many times a request the vendor did not process may be sent again (default 2). */
	maxRetries?: number;
	/** The longest wait a Retry-After may ask for, in seconds (default 30). */
	maxRetryAfterSeconds?: number;
}

/**
 * Sends one request through n8n's authenticated HTTP helper (proxy, TLS settings, credential
 * injection and token refresh come from n8n) and returns the full response.
 *
 * A request is sent again only when the vendor cannot have processed it: the connection was
 * refused, or the vendor answered 429/503 with a Retry-After. After a timeout, a reset or a
 * 5xx the request may have reached the vendor, so it is never repeated: for a payment that
 * would risk paying twice.
 */
export async function sendVendorRequest(
	ctx: IExecuteFunctions,
	options: SendOptions,
): Promise<{ statusCode: number; headers: Record<string, unknown>; body: unknown }> {
	const { credentialType, request, readVendorError, credentialOptions, readOtherFailure } = options;
	const { maxRetries = 2, maxRetryAfterSeconds = 30 } = options;
	for (let attempt = 0; ; attempt++) {
		try {
			return (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				{ ...request, returnFullResponse: true },
				credentialOptions,
			)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		} catch (error) {
			const vendorError = readOtherFailure?.(error) ?? vendorErrorFromHttpFailure(error, readVendorError);
			const { retryable, retryAfterSeconds, httpCode } = vendorError.details;
			const refused = retryable && httpCode === undefined;
			const askedToWait = retryable && retryAfterSeconds !== undefined;
			if (attempt < maxRetries && (refused || askedToWait)) {
				const waitSeconds = Math.min(retryAfterSeconds ?? attempt + 1, maxRetryAfterSeconds);
				await sleep(waitSeconds * 1000);
				continue;
			}
			throw vendorError;
		}
	}
}

/** A response body as text, whatever n8n's helper made of it. */
export function responseText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body === undefined || body === null) return '';
	return JSON.stringify(body);
}
