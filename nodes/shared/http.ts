import type { IAdditionalCredentialOptions, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { VendorError, vendorErrorFromHttpFailure } from './errors';
import { credentialsOnce, nodeOnce, requestGate } from './runState';

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
	/**
	 * Hand n8n the credential data read once for the run (`credentialsOnce`), so that it does not
	 * read and decrypt the credential again for every request; n8n's `authenticate` still writes
	 * the secrets into each request. ONLY for credential types without a session token (no
	 * `preAuthentication` / expirable field): a token renewed during the run would not be seen.
	 * Ignored when `credentialOptions.credentialsDecrypted` is given.
	 */
	runCredentials?: boolean;
}

/**
 * Sends one request through n8n's authenticated HTTP helper (proxy, TLS settings, credential
 * injection and token refresh come from n8n) and returns the full response.
 *
 * A request is sent again only when the vendor cannot have processed it: the connection was
 * refused, or the vendor answered 429/503 with a Retry-After. After a timeout, a reset or a
 * 5xx the request may have reached the vendor, so it is never repeated: for a payment that
 * would risk paying twice.
 *
 * A Retry-After slows the whole run, not only this request: every request of the run passes the
 * run's gate for this credential type before it is sent (`requestGate`), and a 429/503 with
 * Retry-After closes that gate until the time asked for, so the items of the batch that have not
 * been sent yet wait too. (Requests already in flight are not touched.)
 */
export async function sendVendorRequest(
	ctx: IExecuteFunctions,
	options: SendOptions,
): Promise<{ statusCode: number; headers: Record<string, unknown>; body: unknown }> {
	const { credentialType, request, readVendorError, readOtherFailure } = options;
	const { maxRetries = 2, maxRetryAfterSeconds = 30 } = options;
	let credentialOptions = options.credentialOptions;
	if (options.runCredentials && !credentialOptions?.credentialsDecrypted) {
		const reference = nodeOnce(ctx).credentials?.[credentialType];
		credentialOptions = {
			...credentialOptions,
			credentialsDecrypted: {
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: credentialType,
				data: await credentialsOnce(ctx, credentialType),
			},
		};
	}
	const gate = requestGate(ctx, credentialType);
	for (let attempt = 0; ; attempt++) {
		// An open gate (nearly always) is passed without waiting for a promise.
		if (gate.opensAt > Date.now()) await gate.pass();
		try {
			return (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				{ ...request, returnFullResponse: true },
				credentialOptions,
			)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		} catch (error) {
			const otherFailure = readOtherFailure?.(error);
			// A failure that is not the answer to this request (a refused sign-in) means it never left.
			if (otherFailure) otherFailure.details.notSent = true;
			const vendorError = otherFailure ?? vendorErrorFromHttpFailure(error, readVendorError);
			const { retryable, retryAfterSeconds, httpCode } = vendorError.details;
			const refused = retryable && httpCode === undefined;
			const askedToWait = retryable && retryAfterSeconds !== undefined;
			if (attempt < maxRetries && askedToWait) {
				// The gate makes this request, and every other one of the run not yet sent, wait.
				gate.holdUntil(Date.now() + Math.min(retryAfterSeconds, maxRetryAfterSeconds) * 1000);
				continue;
			}
			if (attempt < maxRetries && refused) {
				await sleep(Math.min(attempt + 1, maxRetryAfterSeconds) * 1000);
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
