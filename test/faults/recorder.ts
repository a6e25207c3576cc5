import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunNodeOptions, RunNodeResult } from '../harness';
import { CredentialStore, runNode } from '../harness';
import type { VendorSimulator } from '../simulators/framework';
import type { NodeKind, VendorEntry } from './vendors';
import { ALL_SECRETS } from './vendors';

/**
 * The secret scan: every helper of the fault suite feeds what a node showed (output items, error
 * message and description, dry-run requests inside the items) to one recorder per test file,
 * with the session tokens the simulators issued; `expectNoSecretsShown()` (afterAll) finds 0.
 */
const shown: Array<{ label: string; text: string }> = [];
const issued = new Set<string>();

export function recordShown(label: string, text: string): void {
	shown.push({ label, text });
}

/** Drops what was recorded under `label` (the scanner's self-test plants secrets on purpose). */
export function forgetShown(label: string): void {
	for (let index = shown.length - 1; index >= 0; index--) if (shown[index].label === label) shown.splice(index, 1);
}

export function recordIssuedSecrets(values: Iterable<string>): void {
	for (const value of values) if (value) issued.add(value);
}

export function recordResult(label: string, result: RunNodeResult): void {
	recordShown(label, JSON.stringify(result.items.map((item) => item.json)));
	if (result.error) {
		recordShown(label, String(result.error.message));
		recordShown(label, String(result.error.description ?? ''));
	}
}

function matcher(secret: string): RegExp {
	const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	// A short digit secret (a CVV) is a leak only where it stands alone as a value, not inside a
	// longer number or word: a random UUID's "-8461-" group or an ID like "a8461" is not the CVV.
	return /^\d{1,6}$/.test(secret) ? new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`) : new RegExp(escaped);
}

/** The leaks found: [label, secret] pairs (empty when none). */
export function secretsFound(): Array<[string, string]> {
	const found: Array<[string, string]> = [];
	const secrets = [...ALL_SECRETS, ...issued];
	for (const { label, text } of shown) {
		for (const secret of secrets) if (matcher(secret).test(text)) found.push([label, secret]);
	}
	return found;
}

export function shownCount(): number {
	return shown.length;
}

/** afterAll of every fault-suite file. */
export function expectNoSecretsShown(minimum: number): void {
	expect(shown.length).toBeGreaterThanOrEqual(minimum);
	expect(secretsFound()).toEqual([]);
}

export interface RunOptions {
	items: IDataObject[];
	parameters?: INodeParameters;
	options?: IDataObject;
	batchSize?: number;
	continueOnFail?: boolean;
	/** A credential store to reuse (e.g. holding a session token of an earlier run). */
	credentials?: CredentialStore;
	/** Credential data instead of the simulator's (e.g. a closed port). */
	credentialData?: Record<string, string | number | boolean>;
	label?: string;
	/** The package to load (default the repository; a bundled soak run gives it). */
	packageDir?: string;
	/** Node settings such as Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`). */
	nodeSettings?: RunNodeOptions['nodeSettings'];
	mode?: RunNodeOptions['mode'];
	/** The workflow's static data an earlier execution left (`result.workflow.staticData`). */
	staticData?: IDataObject;
}

export const NODE_TYPE: Record<NodeKind, (vendor: VendorEntry) => string> = {
	vendorNode: (vendor) => vendor.key,
	payInvoice: () => 'payInvoice',
};

/** Runs the vendor's paying node (or Pay Invoice) over the items and records what it showed. */
export async function runPay(
	vendor: VendorEntry,
	kind: NodeKind,
	sim: VendorSimulator,
	run: RunOptions,
): Promise<RunNodeResult & { credentials: CredentialStore }> {
	const credentials =
		run.credentials ?? new CredentialStore({ [vendor.credentialType]: run.credentialData ?? vendor.credentialData(sim.baseUrl) });
	const base = { ...vendor.parameters[kind], ...run.parameters };
	const options: IDataObject = {
		...(base.options as IDataObject | undefined),
		...run.options,
		...(run.batchSize ? { batching: { batch: { batchSize: run.batchSize, batchInterval: 0 } } } : {}),
	};
	const result = await runNode({
		nodeType: NODE_TYPE[kind](vendor),
		parameters: { ...base, options: options as INodeParameters },
		items: run.items,
		credentials,
		credentialType: vendor.credentialType,
		continueOnFail: run.continueOnFail ?? true,
		packageDir: run.packageDir,
		nodeSettings: run.nodeSettings,
		mode: run.mode,
		staticData: run.staticData,
	});
	recordResult(run.label ?? `${vendor.key} ${kind}`, result);
	if (vendor.issuedTokens) {
		try {
			recordIssuedSecrets(vendor.issuedTokens(sim));
		} catch {
			// the simulator was not started (closed-port runs)
		}
	}
	return { ...result, credentials };
}
