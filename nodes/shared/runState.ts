import type { ICredentialDataDecryptedObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * State that lives for one run of one node: n8n creates a new execute context (`this` of
 * `execute`) for every run of a node and hands the same object to every operation call and
 * every `sendVendorRequest` of that run, so the context is the key. Nothing here outlives the
 * run (a WeakMap lets the context and its state be collected together) and nothing is shared
 * between runs, workflows or workers.
 *
 * Use it for what is the same for every item of a run and costs something to get again: the
 * credential data a node reads for URLs and IDs (`credentialsOnce`), request parts built from
 * constant parameters (`perRun`), a single-flight promise such as a sign-on that many items in
 * flight wait for together (`singleFlight`), and the gate that makes a whole run wait after a
 * vendor asked to slow down (`requestGate`, used by `sendVendorRequest`).
 */
const states = new WeakMap<object, Map<string, unknown>>();

/**
 * The value stored under `key` for this run, created by `create` on first use. `create` runs
 * once per run and key, even when many items ask at the same time (a promise is stored as is,
 * so concurrent callers share it).
 */
export function perRun<T>(ctx: object, key: string, create: () => T): T {
	let state = states.get(ctx);
	if (!state) {
		state = new Map();
		states.set(ctx, state);
	}
	if (!state.has(key)) state.set(key, create());
	return state.get(key) as T;
}

/** Forgets the value stored under `key` for this run (the next `perRun` creates it again). */
export function forgetPerRun(ctx: object, key: string): void {
	states.get(ctx)?.delete(key);
}

/**
 * Runs `task` once for all callers that ask while it is in flight: the first caller starts it,
 * every caller until it settles gets the same promise, and the next caller after that starts it
 * anew. This is the building block for "one sign-on per run" and "a refused token is renewed
 * once, not once per request in flight": e.g. a transport wraps its sign-on (or its
 * renewal) in `singleFlight(ctx, 'crmCom:signOn', () => ...)`, so ten items in flight that all
 * find no token (or a refused one) wait for one sign-on and then all use its token.
 *
 * A failure is shared by the callers that were waiting, and not remembered after that.
 */
export async function singleFlight<T>(ctx: object, key: string, task: () => Promise<T>): Promise<T> {
	const slot = `singleFlight:${key}`;
	const running = perRun<{ promise?: Promise<T> }>(ctx, slot, () => ({}));
	if (running.promise) return await running.promise;
	const promise = (async () => {
		try {
			return await task();
		} finally {
			running.promise = undefined;
		}
	})();
	running.promise = promise;
	return await promise;
}

/**
 * The credential data of a type, read ONCE per run and shared by every item (the node's own
 * reading: URLs, brand IDs, environment). Safe because n8n injects the secrets and any session
 * token itself when each request is sent (`authenticate` / `preAuthentication` work on the data
 * n8n reads at send time, not on this copy), so a token renewed during the run is still used.
 * Do not use it for data that changes during a run and that the node itself sends (e.g. a
 * token the node copies into a request by hand), nor for credentials whose fields are
 * expressions that depend on the item.
 */
export async function credentialsOnce(
	ctx: IExecuteFunctions,
	credentialType: string,
): Promise<ICredentialDataDecryptedObject> {
	const key = `credentials:${credentialType}`;
	return await perRun(ctx, key, () => {
		const read = ctx.getCredentials(credentialType);
		// A failed read is not kept: the next item asks n8n again (and gets n8n's own error).
		read.catch(() => forgetPerRun(ctx, key));
		return read;
	});
}

/**
 * One gate per run and vendor that every request passes before it is sent. When the vendor
 * answers 429 or 503 with a Retry-After, `holdUntil` closes the gate until that time, so the
 * requests of the other items that have not been sent yet wait too: the whole batch slows
 * down, not only the request that was refused. Requests already on the wire are not touched.
 */
export class RequestGate {
	private openAt = 0;

	/** Closes the gate until `time` (ms since the epoch); a later time than the current one wins. */
	holdUntil(time: number): void {
		if (time > this.openAt) this.openAt = time;
	}

	/** The time the gate opens (0: open). */
	get opensAt(): number {
		return this.openAt;
	}

	/** Resolves once the gate is open (at once when it is). */
	async pass(): Promise<void> {
		for (let wait = this.openAt - Date.now(); wait > 0; wait = this.openAt - Date.now()) {
			await sleep(wait);
		}
	}
}

export function requestGate(ctx: object, credentialType: string): RequestGate {
	return perRun(ctx, `gate:${credentialType}`, () => new RequestGate());
}

/**
 * The node as n8n's `getNode()` gives it, read once per run: `getNode()` deep-copies the node
 * (its parameters included) on every call, and nothing in it changes during a run. Read-only.
 */
export function nodeOnce(ctx: IExecuteFunctions): INode {
	return perRun(ctx, 'node', () => ctx.getNode());
}
