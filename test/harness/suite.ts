/**
 * One helper set for every vendor's tests (CONTRIBUTING.md): a simulator per test file and
 * `run(parameters, items?, options?)`, the node run in n8n's engine against that simulator.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CredentialStore } from './credentials';
import type { RunNodeOptions, RunNodeResult } from './run-node';
import { runNode } from './run-node';

export interface SuiteSimulator {
	start(): Promise<unknown>;
	stop(): Promise<unknown>;
}

/** Starts `sim` before the test file's tests, stops it after them, and resets it before each test. */
export function simulatorForSuite<S extends SuiteSimulator>(sim: S, reset: (sim: S) => void): S {
	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => reset(sim));
	return sim;
}

/** What `run` takes besides the parameters and items (the credentials default to the suite's). */
export type RunOptions = Partial<Omit<RunNodeOptions, 'nodeType' | 'parameters' | 'items'>>;

export interface VendorFixtures<S extends SuiteSimulator> {
	/** The vendor's demo simulator for this test file (started, stopped, reset to the demo ledger). */
	simulatorForSuite(): S;
	/** The credential data for `sim` (default: the suite's simulator), with changes. */
	credentialsFor(sim?: S, changes?: IDataObject): ICredentialDataDecryptedObject;
	/** A new credential store holding only the vendor's credential for `sim`. */
	storeFor(sim?: S, changes?: IDataObject): CredentialStore;
	/** Runs the vendor's node once; credentials default to `storeFor()` (a new store each run). */
	run(parameters: INodeParameters, items?: IDataObject[], options?: RunOptions): Promise<RunNodeResult>;
	/** Everything runs showed a user in this test file (items, error message and description). */
	shown: string[];
}

export interface VendorSetup<S extends SuiteSimulator> {
	nodeType: string;
	credential: string;
	create: () => S;
	/** Back to the demo ledger, before each test. */
	reset: (sim: S) => void;
	credentialData: (sim: S) => IDataObject;
	/** Secrets no run of the test file may show: checked after the file's tests. */
	secrets?: string[];
}

export function vendorFixtures<S extends SuiteSimulator>(setup: VendorSetup<S>): VendorFixtures<S> {
	let current: S | undefined;
	const shown: string[] = [];
	const suiteSimulator = (): S => {
		if (!current) throw new Error(`no ${setup.nodeType} simulator: call simulatorForSuite() in the test file`);
		return current;
	};
	const credentialsFor = (sim: S = suiteSimulator(), changes: IDataObject = {}) =>
		({ ...setup.credentialData(sim), ...changes }) as ICredentialDataDecryptedObject;
	const storeFor = (sim: S = suiteSimulator(), changes: IDataObject = {}) =>
		new CredentialStore({ [setup.credential]: credentialsFor(sim, changes) });
	return {
		simulatorForSuite() {
			const sim = setup.create();
			current = sim;
			simulatorForSuite(sim, setup.reset);
			if (setup.secrets) {
				afterAll(() => {
					expect(shown.length).toBeGreaterThan(0);
					for (const secret of setup.secrets!) for (const text of shown) expect(text).not.toContain(secret);
				});
			}
			return sim;
		},
		credentialsFor,
		storeFor,
		async run(parameters, items, options = {}) {
			const result = await runNode({
				nodeType: setup.nodeType,
				...options,
				parameters,
				items,
				credentials: options.credentials ?? storeFor(),
			});
			shown.push(JSON.stringify(result.items));
			if (result.error) shown.push(JSON.stringify(result.error), String(result.error.message), String(result.error.description));
			return result;
		},
		shown,
	};
}
