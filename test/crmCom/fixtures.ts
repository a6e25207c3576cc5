import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import { vendorFixtures } from '../harness/suite';
import { CrmComSimulator } from '../simulators/crmCom';
import {
	DEMO_CRM_ORGANISATION,
	DEMO_CRM_PASSWORD,
	DEMO_CRM_USERNAME,
	DEMO_CRM_WEB_API_KEY,
	seedCrmComDemo,
} from '../simulators/serve';

export const NODE = 'crmCom';
export const CREDENTIAL = 'crmComApi';

/** A CRM.COM simulator with the demo credentials; `resetSimulator` loads the demo ledger. */
export function createSimulator(): CrmComSimulator {
	const sim = new CrmComSimulator({
		username: DEMO_CRM_USERNAME,
		password: DEMO_CRM_PASSWORD,
		organisation: DEMO_CRM_ORGANISATION,
		webApiKey: DEMO_CRM_WEB_API_KEY,
	});
	return sim;
}

/** Clears the simulator and loads the demo ledger (INV001 225.00 open, INV002 12.50 open, INV003 paid). */
export function resetSimulator(sim: CrmComSimulator): void {
	sim.reset();
	sim.tokenTtlMs = 2 * 60 * 60 * 1000;
	sim.invalidTokenHttpStatus = 200;
	seedCrmComDemo(sim);
}

export function passwordCredentials(sim: CrmComSimulator, overrides: ICredentialDataDecryptedObject = {}) {
	return {
		serverUrl: sim.baseUrl,
		authMethod: 'password',
		username: DEMO_CRM_USERNAME,
		password: DEMO_CRM_PASSWORD,
		organisation: DEMO_CRM_ORGANISATION,
		...overrides,
	} as ICredentialDataDecryptedObject;
}

export const { simulatorForSuite, storeFor, run } = vendorFixtures<CrmComSimulator>({
	nodeType: NODE,
	credential: CREDENTIAL,
	create: createSimulator,
	reset: resetSimulator,
	credentialData: (sim) => passwordCredentials(sim),
});

/** A resourceLocator value as n8n stores it. */
export function rl(mode: string, value: string | number): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}

/** The Pay Invoice parameters of the seed's example 1 (everything else can be overridden). */
export function payParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'payment',
		operation: 'payInvoice',
		invoice_identifier: rl('reference_number', '328'),
		accounts_receivable_identifier: rl('number', '192'),
		type_identifier: rl('name', 'Invoices Balance Payment'),
		payment_method_identifier: rl('name', 'Direct Debit'),
		...overrides,
	} as INodeParameters;
}

/** Payments the simulator made per invoice ID. */
export function paymentsPerInvoice(sim: CrmComSimulator): Map<string, number> {
	const counts = new Map<string, number>();
	for (const payment of sim.payments) counts.set(payment.invoice_id, (counts.get(payment.invoice_id) ?? 0) + 1);
	return counts;
}

/** The JSON bodies the simulator received for a method, without their token. */
export function bodiesSentTo(sim: CrmComSimulator, method: string): IDataObject[] {
	return sim.requestsTo(method).map((request) => {
		const body = { ...(request.json as IDataObject) };
		delete body.token;
		return body;
	});
}
