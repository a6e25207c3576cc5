import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
} from 'n8n-workflow';

import { VendorError } from './errors';
import { redactText } from './redact';
import { credentialsOnce, nodeOnce, perRun } from './runState';

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
 * Many items of a run may be in flight at once (Batching): a run signs on once, and a refused
 * token is renewed once, not once per request in flight (`firstSignOnAlone`, `renewOnce`; their
 * state lives for the run only, see runState.ts). n8n's own renewal on 401 is switched off for
 * these calls, because n8n would renew once per request; a 401 is handled here like any other
 * refused token.
 *
 * Every call of a run hands n8n the same credential data, read once for the run
 * (`credentialsOnce`): without it n8n reads and decrypts the credential again for every request
 * (a database query in real n8n). n8n's preAuthentication writes the token it gets into that
 * object (and saves it in the credential store), so the next calls of the run send it.
 */

/** What one attempt gave: the vendor's answer, or the error it threw. */
export type SessionOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A vendor's session: declared once in its transport, the same for every call. */
export interface VendorSession<T> {
	/** The vendor's name, in the note of a token refused twice. */
	vendor: string;
	credentialType: string;
	/** The hidden expirable field holding the session token. */
	tokenField: string;
	/** Did the vendor refuse the session token (so that signing in again helps)? */
	tokenRefused: (outcome: SessionOutcome<T>) => boolean;
	/** The error for an answer (not a thrown error) that refused the token. */
	refusalError?: (value: T) => VendorError;
	/** The credential's secrets (tokens, keys, passwords), masked in every error. */
	secretsOf: (credentials: ICredentialDataDecryptedObject) => Array<string | undefined>;
}

/** One call in a vendor's session. */
export interface SessionRequest<T> {
	/** Sends the request once through `sendVendorRequest`, with these credential options. */
	send: (credentialOptions: IAdditionalCredentialOptions) => Promise<T>;
	/** Other values of this call that errors must not show (card data...). */
	extraSecrets?: Array<string | undefined>;
}

export type SessionCall<T> = VendorSession<T> &
	SessionRequest<T> & {
		/** The run's credential data (`credentialsOnce`), where n8n writes the token it gets. */
		credentials: ICredentialDataDecryptedObject;
		/** The credential's secrets as they were when the call started (a renewal replaces the token). */
		secretsBefore: Array<string | undefined>;
	};

async function settle<T>(attempt: Promise<T>): Promise<SessionOutcome<T>> {
	try {
		return { ok: true, value: await attempt };
	} catch (error) {
		return { ok: false, error };
	}
}

/**
 * The options of every session call: n8n's own renewal (on 401, once per request in flight) is
 * off, this module renews once per run; `data` is what n8n authenticates the request with.
 */
function sessionOptions(
	ctx: IExecuteFunctions,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): IAdditionalCredentialOptions {
	// The same options for every call of the run with the same data (n8n only reads them; it
	// writes a new token into `data` itself).
	const made = perRun(ctx, 'session:options', () => new WeakMap<ICredentialDataDecryptedObject, IAdditionalCredentialOptions>());
	const known = made.get(data);
	if (known && known.credentialsDecrypted?.type === credentialType) return known;
	const reference = nodeOnce(ctx).credentials?.[credentialType];
	const options: IAdditionalCredentialOptions = {
		preAuthenticationRetryStatusCode: [],
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: credentialType, data },
	};
	made.set(data, options);
	return options;
}

function unauthorized(error: unknown): boolean {
	return error instanceof VendorError && error.details.httpCode === 401;
}

/**
 * While the credential's `field` (filled by its preAuthentication: a session token, a check) is
 * empty, the first request of the run goes alone and the others wait until it has finished, so
 * that n8n signs on once (n8n does not coalesce preAuthentication) and they use what it stored.
 * After a first request that failed, the next one goes alone in turn.
 */
export async function firstSignOnAlone<T>(
	ctx: IExecuteFunctions,
	credentialType: string,
	readField: () => Promise<unknown>,
	send: () => Promise<T>,
): Promise<T> {
	const state = perRun(ctx, `signOn:${credentialType}`, () => ({ done: false, first: undefined as Promise<unknown> | undefined }));
	while (!state.done) {
		if (state.first) {
			await state.first.catch(() => undefined);
			continue;
		}
		if (String((await readField()) ?? '') !== '') {
			state.done = true;
			break;
		}
		if (state.first) continue; // another item became first while the field was read
		const attempt = send();
		state.first = attempt;
		try {
			return await attempt;
		} finally {
			state.first = undefined;
		}
	}
	return await send();
}

/**
 * Renews a refused token once for all the requests that were refused with it: the first one is
 * sent again with a copy of the credential data whose token is emptied (n8n signs on, writes the
 * new token into the copy, stores it and sends the request with it), and the new token goes into
 * the run's data; the others wait for that, then are sent again with the run's data.
 */
async function renewOnce<T>(ctx: IExecuteFunctions, call: SessionCall<T>, refusedToken: string): Promise<SessionOutcome<T>> {
	const renewals = perRun(ctx, `renewal:${call.credentialType}`, () => new Map<string, Promise<SessionOutcome<T>>>());
	const renewal = renewals.get(refusedToken);
	if (renewal) {
		await renewal;
		return await settle(call.send(sessionOptions(ctx, call.credentialType, call.credentials)));
	}
	const renewed: ICredentialDataDecryptedObject = { ...call.credentials, [call.tokenField]: '' };
	const attempt = (async () => {
		const outcome = await settle(call.send(sessionOptions(ctx, call.credentialType, renewed)));
		if (String(renewed[call.tokenField] ?? '') !== '') call.credentials[call.tokenField] = renewed[call.tokenField];
		return outcome;
	})();
	renewals.set(refusedToken, attempt);
	return await attempt;
}

/**
 * Sends a call with the session token, renewing a refused token once (see above), and masks the
 * credential's secrets (the token read before the call and the one renewed during it) and the
 * call's own secrets in any VendorError it throws.
 */
export async function callWithSessionToken<T>(
	ctx: IExecuteFunctions,
	session: VendorSession<T>,
	request: SessionRequest<T>,
): Promise<T> {
	const credentials = await credentialsOnce(ctx, session.credentialType);
	const call: SessionCall<T> = { ...session, ...request, credentials, secretsBefore: session.secretsOf(credentials) };
	const refused = (outcome: SessionOutcome<T>) => call.tokenRefused(outcome) || (!outcome.ok && unauthorized(outcome.error));
	const token = () => String(credentials[call.tokenField] ?? '');
	try {
		let tokenSent = '';
		let outcome = await firstSignOnAlone(ctx, call.credentialType, async () => token(), async () => {
			tokenSent = token();
			return await settle(call.send(sessionOptions(ctx, call.credentialType, credentials)));
		});
		if (refused(outcome)) {
			// A request sent without a token was refused with the one n8n signed on for.
			outcome = await renewOnce(ctx, call, tokenSent || token());
			if (refused(outcome)) throw refusedTwice(call, outcome);
		}
		if (!outcome.ok) throw outcome.error;
		return outcome.value;
	} catch (error) {
		throw await maskSessionError(ctx, error, call);
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
	call: Pick<SessionCall<T>, 'credentialType' | 'secretsOf' | 'extraSecrets'> & { secretsBefore?: Array<string | undefined> },
): Promise<unknown> {
	if (!(error instanceof VendorError)) return error;
	const current = await credentialsOnce(ctx, call.credentialType);
	// The credential store too: another run may have renewed the token meanwhile.
	const stored = await ctx.getCredentials(call.credentialType).catch(() => current);
	const secrets = [
		...(call.secretsBefore ?? []),
		...call.secretsOf(current),
		...call.secretsOf(stored),
		...(call.extraSecrets ?? []),
	];
	error.message = redactText(error.message, secrets);
	if (error.details.description) error.details.description = redactText(error.details.description, secrets);
	return error;
}
