import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialStore, RunNodeResult } from '../harness';
import { createAdditionalData, HarnessCredentialsHelper, loadPackage } from '../harness';
import { vendorFixtures } from '../harness/suite';
import type { CnbsWebArSimulator } from '../simulators/cnbsWebAr';
import {
	cnbsWebArDemoCredentialData,
	createCnbsWebArDemo,
	DEMO_CNBS_CARD,
	DEMO_CNBS_COMPANY_CODE,
	DEMO_CNBS_PAYER,
	loadCnbsWebArDemoLedger,
} from '../simulators/cnbsWebArDemo';

export const NODE = 'cnbsWebAr';
export const CREDENTIAL = 'cnbsWebArApi';

export const { simulatorForSuite, credentialsFor, storeFor, run } = vendorFixtures<CnbsWebArSimulator>({
	nodeType: NODE,
	credential: CREDENTIAL,
	create: createCnbsWebArDemo,
	reset: (sim) => {
		sim.reset();
		loadCnbsWebArDemoLedger(sim);
	},
	credentialData: (sim) => cnbsWebArDemoCredentialData(sim.baseUrl),
});

/** Get Many of a payer's open documents. */
export function listParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'getMany',
		payer_number: DEMO_CNBS_PAYER,
		company_code: DEMO_CNBS_COMPANY_CODE,
		document_search_status: '01',
		...overrides,
	};
}

/** Pay Invoices with the demo card; the document fields keep their defaults (Get Many's output). */
export function payParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'payment',
		operation: 'payInvoices',
		requestMode: 'combined',
		payment_method: 'CC',
		...DEMO_CNBS_CARD,
		...overrides,
	};
}

/** Runs Get Many and returns its output items' JSON (the input of a following Pay Invoices). */
export async function listDocuments(sim: CnbsWebArSimulator, overrides: INodeParameters = {}): Promise<IDataObject[]> {
	const result = await run(listParameters(overrides), undefined, { credentials: storeFor(sim) });
	if (result.error) throw new Error(`Get Many failed: ${result.error.message}`);
	return result.items.map((item) => item.json);
}

/** The payment requests the simulator received. */
export function paymentRequests(sim: CnbsWebArSimulator) {
	return sim.requestsTo((req) => req.method === 'POST' && req.path === '/cnbs/v1/invoices/payments');
}

/** Adds `count` open documents for payer 4000 (company code 3000): 1500000000.. with amounts 10.01, 10.02 ... */
export function addDocuments(sim: CnbsWebArSimulator, count: number, payer = '4000'): void {
	for (let n = 0; n < count; n++) {
		sim.addDocument({
			document_number_finance: String(1500000000 + n),
			fiscal_year: 2024,
			line_item: 1,
			payer_number: payer,
			company_code: DEMO_CNBS_COMPANY_CODE,
			total_amount: `${10 + Math.floor(n / 100)}.${String((n % 100) + 1).padStart(2, '0').slice(-2)}`,
		});
	}
}

/** Every string of an output, error message and description, for secret checks. */
export function everythingShown(result: RunNodeResult): string {
	return JSON.stringify({ items: result.items.map((item) => item.json), error: result.error ? { message: result.error.message, description: result.error.description } : undefined });
}

/** Runs one of the node's dropdown methods in n8n-core's LoadOptionsContext, as the editor does. */
export async function loadOptionsOf(sim: CnbsWebArSimulator, method: string, store: CredentialStore = storeFor(sim)) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const fullType = nodeTypes.resolveName(NODE);
	const nodeType = nodeTypes.getByNameAndVersion(fullType, 1);
	const node: INode = {
		id: 'load-options',
		name: 'CNBS WebAR',
		type: fullType,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL]: { id: '1', name: 'test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = createAdditionalData(new HarnessCredentialsHelper(store, credentialTypes, nodeTypes));
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.company_code');
	const fn = nodeType.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`No loadOptions method ${method}`);
	return await fn.call(context);
}
