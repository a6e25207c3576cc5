import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness';
import type { RunNodeResult } from '../harness';
import type { AdilasSimulator } from '../simulators/adilas';
import { adilasDemoCredentialData, createAdilasDemo, DEMO_ADILAS_PASSWORD, seedAdilasDemo } from '../simulators/adilasDemo';

/**
 * One demo simulator per suite, reset and re-seeded before each test. Everything a run shows a
 * user (output items, error messages and descriptions) is collected; after the suite it must not
 * hold the API password.
 */
export function useAdilasSuite(): {
	sim: AdilasSimulator;
	store: (changes?: IDataObject) => CredentialStore;
	run: (parameters: INodeParameters, options?: { items?: IDataObject[]; continueOnFail?: boolean; credentials?: CredentialStore; timezone?: string }) => Promise<RunNodeResult>;
	shown: string[];
} {
	const sim = createAdilasDemo();
	const shown: string[] = [];
	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
		expect(shown.length).toBeGreaterThan(0);
		for (const text of shown) expect(text).not.toContain(DEMO_ADILAS_PASSWORD);
	});
	beforeEach(() => {
		sim.reset();
		seedAdilasDemo(sim);
	});
	const store = (changes: IDataObject = {}) =>
		new CredentialStore({ adilasApi: { ...adilasDemoCredentialData(sim.baseUrl), ...changes } as ICredentialDataDecryptedObject });
	const run = async (
		parameters: INodeParameters,
		options: { items?: IDataObject[]; continueOnFail?: boolean; credentials?: CredentialStore; timezone?: string } = {},
	) => {
		const result = await runNode({
			nodeType: 'adilas',
			parameters,
			items: options.items,
			continueOnFail: options.continueOnFail,
			credentials: options.credentials ?? store(),
			timezone: options.timezone,
		});
		shown.push(JSON.stringify(result.items));
		if (result.error) {
			shown.push(JSON.stringify(result.error), String(result.error.message), String(result.error.description));
		}
		return result;
	};
	return { sim, store, run, shown };
}

/** Add with the demo's invoice 78 and a plain cash payment. */
export const ADD: INodeParameters = {
	resource: 'invoicePayment',
	operation: 'add',
	INVOICE_NUMBER: '78',
	AMOUNT_PAID: '5.00',
	MONEY_TYPE_ID: 2,
	MERCHANT_SETTING_ID: 1,
	additionalFields: {},
};

export const START: INodeParameters = {
	resource: 'invoice',
	operation: 'start',
	CUSTOMER_ID: '1',
	INVOICE_TYPE_ID: 3,
	INVOICE_AMOUNT: '15.00',
	additionalFields: {},
};
