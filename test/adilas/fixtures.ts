import type { INodeParameters } from 'n8n-workflow';

import { vendorFixtures } from '../harness/suite';
import type { AdilasSimulator } from '../simulators/adilas';
import { adilasDemoCredentialData, createAdilasDemo, DEMO_ADILAS_PASSWORD, seedAdilasDemo } from '../simulators/adilasDemo';

export const NODE = 'adilas';
export const CREDENTIAL = 'adilasApi';

/**
 * One demo simulator per test file, reset and re-seeded before each test. Everything a run shows a
 * user (output items, error messages and descriptions) is collected; after the file it must not
 * hold the API password.
 */
export const { simulatorForSuite, credentialsFor, storeFor, run } = vendorFixtures<AdilasSimulator>({
	nodeType: NODE,
	credential: CREDENTIAL,
	create: createAdilasDemo,
	reset: (sim) => {
		sim.reset();
		seedAdilasDemo(sim);
	},
	credentialData: (sim) => adilasDemoCredentialData(sim.baseUrl),
	secrets: [DEMO_ADILAS_PASSWORD],
});

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
