import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
} from 'n8n-workflow';

import { VendorError } from './errors';
import { redactText } from './redact';

/**
 * Calls of vendors whose session token n8n keeps (a hidden `expirable` credential field filled by
 * the credential's `preAuthentication`; CRM.COM, EVO Snap*).
 *
 * n8n signs in when the field is empty and renews the token itself when the vendor answers with
 * `retryStatusCode` (401). Vendors that refuse an expired token in another way (CRM.COM: HTTP 200
 * with a status code; EVO: HTTP 400 with ErrorId 5000/5005) are caught here: the request is sent
 * again ONCE with the credential's token emptied, which makes n8n sign in, store the new token and
 * send the request with it. A refused request was not processed, so sending it again cannot act
 * twice. If the vendor refuses the token it has just issued, the call fails with a clear note.
 *
 * Nothing is kept between calls here: what a call needs is passed in, so calls of several items
 * may run at once.
 */

/** What one attempt gave: the vendor's answer, or the error it threw. */
export type SessionOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface SessionCall<T> {
	/** The vendor's name, in the note of a token refused twice. */
	vendor: string;
	credentialType: string;
	/** The hidden expirable field holding the session token. */
	tokenField: string;
	/** The credentials as read before the call (a renewed token is read again for masking). */
	credentials: ICredentialDataDecryptedObject;
	/** The status n8n renews the token on by itself (default 401). */
	retryStatusCode?: number;
	/** Sends the request once through `sendVendorRequest`, with these credential options. */
	send: (credentialOptions: IAdditionalCredentialOptions) => Promise<T>;
	/** Did the vendor refuse the session token (so that signing in again helps)? */
	tokenRefused: (outcome: SessionOutcome<T>) => boolean;
	/** The error for an answer (not a thrown error) that refused the token. */
	refusalError?: (value: T) => VendorError;
	/** The credential's secrets (tokens, keys, passwords), masked in every error. */
	secretsOf: (credentials: ICredentialDataDecryptedObject) => Array<string | undefined>;
	/** Other values of this call that errors must not show (card data...). */
	extraSecrets?: Array<string | undefined>;
}

async function settle<T>(attempt: Promise<T>): Promise<SessionOutcome<T>> {
	try {
		return { ok: true, value: await attempt };
	} catch (error) {
		return { ok: false, error };
	}
}

/** Whether n8n has already renewed the token on this error (its status is the one n8n retries on). */
function renewedByN8n(error: unknown, retryStatusCode: number): boolean {
	return error instanceof VendorError && error.details.httpCode === retryStatusCode;
}

/**
 * Sends a call with the session token, renewing a refused token once (see above), and masks the
 * credential's secrets (the token read before the call and the one renewed during it) and the
 * call's own secrets in any VendorError it throws.
 */
export async function callWithSessionToken<T>(ctx: IExecuteFunctions, call: SessionCall<T>, itemIndex: number): Promise<T> {
	const retryStatusCode = call.retryStatusCode ?? 401;
	const refused = (outcome: SessionOutcome<T>) =>
		(outcome.ok || !renewedByN8n(outcome.error, retryStatusCode)) && call.tokenRefused(outcome);
	try {
		let outcome = await settle(call.send({ preAuthenticationRetryStatusCode: retryStatusCode }));
		if (refused(outcome)) {
			const reference = ctx.getNode().credentials?.[call.credentialType];
			outcome = await settle(
				call.send({
					preAuthenticationRetryStatusCode: retryStatusCode,
					credentialsDecrypted: {
						id: reference?.id ?? '',
						name: reference?.name ?? '',
						type: call.credentialType,
						data: { ...call.credentials, [call.tokenField]: '' },
					},
				}),
			);
			if (refused(outcome)) throw refusedTwice(call, outcome);
		}
		if (!outcome.ok) throw outcome.error;
		return outcome.value;
	} catch (error) {
		throw await maskSessionError(ctx, error, call, itemIndex);
	}
}

function refusedTwice<T>(call: SessionCall<T>, outcome: SessionOutcome<T>): unknown {
	let error: unknown;
	if (outcome.ok) {
		error = call.refusalError
			? call.refusalError(outcome.value)
			: new VendorError(`${call.vendor} refused the session token`);
	} else {
		error = outcome.error;
	}
	if (error instanceof VendorError) {
		error.details.description = [
			error.details.description,
			`${call.vendor} refused a token it had just issued: the request was not processed.`,
		]
			.filter(Boolean)
			.join('\n');
	}
	return error;
}

/** Masks the credential's secrets (before and after a renewal) and the call's own in a VendorError. */
export async function maskSessionError<T>(
	ctx: IExecuteFunctions,
	error: unknown,
	call: Pick<SessionCall<T>, 'credentialType' | 'credentials' | 'secretsOf' | 'extraSecrets'>,
	itemIndex: number,
): Promise<unknown> {
	if (!(error instanceof VendorError)) return error;
	// The token may have been renewed during this call.
	const current = await ctx.getCredentials(call.credentialType, itemIndex).catch(() => call.credentials);
	const secrets = [...call.secretsOf(call.credentials), ...call.secretsOf(current), ...(call.extraSecrets ?? [])];
	error.message = redactText(error.message, secrets);
	if (error.details.description) error.details.description = redactText(error.details.description, secrets);
	return error;
}
