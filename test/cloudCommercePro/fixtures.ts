import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CredentialStore } from '../harness';
import type { RunNodeResult } from '../harness';
import type { RunOptions } from '../harness/suite';
import { vendorFixtures } from '../harness/suite';
import { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import { DEMO_CCP_BRAND_ID, DEMO_CCP_SECURITY_HASH, seedCloudCommerceProDemo } from '../simulators/serve';

export const NODE = 'cloudCommercePro';
export const CREDENTIAL = 'cloudCommerceProApi';

const fixtures = vendorFixtures<CloudCommerceProSimulator>({
	nodeType: NODE,
	credential: CREDENTIAL,
	create: () => new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH }),
	reset: (sim) => {
		sim.reset();
		sim.latencyMs = 0;
		seedCloudCommerceProDemo(sim);
	},
	credentialData: (sim) => ({ environment: 'custom', customUrl: sim.baseUrl, brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH }),
	secrets: [DEMO_CCP_SECURITY_HASH],
});

export const { credentialsFor, storeFor, shown } = fixtures;

// CCP's runs share one store per test, as n8n keeps a credential: the check's result
// (credentialCheck) and what a test changes in it stay for the test's later runs.
let credentials: CredentialStore;

/** The demo simulator for the test file; before each test a store whose check already passed. */
export function simulatorForSuite(): CloudCommerceProSimulator {
	const sim = fixtures.simulatorForSuite();
	beforeEach(() => {
		// A credential n8n has used before: its check (preAuthentication) already passed.
		credentials = new CredentialStore({ [CREDENTIAL]: { ...credentialsFor(sim), credentialCheck: 'Brand 12 accepted' } });
	});
	afterAll(() => {
		// Not even a part of the Security Hash in any output item, error message or description.
		expect(shown.join('\n')).not.toContain(DEMO_CCP_SECURITY_HASH.slice(0, 40));
	});
	return sim;
}

/** The test's credential store (what `run` uses unless told otherwise). */
export function testCredentials(): CredentialStore {
	return credentials;
}

/** Replaces the test's credential store, e.g. with credentials n8n has not checked yet. */
export function useCredentials(store: CredentialStore): CredentialStore {
	credentials = store;
	return store;
}

export async function run(parameters: INodeParameters, items?: IDataObject[], options: RunOptions = {}): Promise<RunNodeResult> {
	return await fixtures.run(parameters, items, { ...options, credentials: options.credentials ?? credentials });
}

/** Payment > Create with the seed request's values. */
export const seedPayment = {
	resource: 'payment',
	operation: 'create',
	intInvoiceID: '86592563',
	intSalesChannelID: '36',
	strPaymentReference: 'Payment made against external order: TEST23456',
	dbPaymentAmount: '12.00',
	intCustomerID: '96354316',
	dtPaymentDate: '2021-10-22T12:01:44',
	TransactionTypeID: 'Invoice',
};
