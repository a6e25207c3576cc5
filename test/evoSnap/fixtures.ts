import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunNodeResult } from '../harness';
import { vendorFixtures } from '../harness/suite';
import type { EvoSnapSimulator } from '../simulators/evoSnap';
import { createEvoSnapDemo, evoSnapDemoCredentialData, seedEvoSnapDemo } from '../simulators/evoSnapDemo';

export const NODE = 'evoSnap';
export const CREDENTIAL = 'evoSnapApi';

export const { simulatorForSuite, credentialsFor, storeFor, run } = vendorFixtures<EvoSnapSimulator>({
	nodeType: NODE,
	credential: CREDENTIAL,
	create: createEvoSnapDemo,
	reset: (sim) => {
		sim.reset();
		sim.tokenTtlMs = 30 * 60 * 1000;
		seedEvoSnapDemo(sim);
	},
	credentialData: (sim) => evoSnapDemoCredentialData(sim.baseUrl),
});

/** Requests to the CMS service (not the sign-on), optionally of one operation's path suffix. */
export function cmsRequests(sim: EvoSnapSimulator, suffix?: string) {
	return sim.requests.filter(
		(request) => request.path.startsWith(sim.cmsPath) && (suffix === undefined || request.path.endsWith(suffix)),
	);
}

export function signOnRequests(sim: EvoSnapSimulator) {
	return sim.requests.filter((request) => request.path.endsWith('/REST/SIS.svc/token'));
}

/** The user name of a request's Basic header ("token:" with an empty password). */
export function basicUser(headers: Record<string, string>): string {
	const value = /^Basic (\S+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
	return Buffer.from(value, 'base64').toString('utf8');
}

/** Everything a run produced, as text: output items, the error, the whole run data. */
export function everything(result: RunNodeResult): string {
	return JSON.stringify({ items: result.items, error: result.error, run: result.run });
}

/**
 * What a run shows of the node: its output items and its error (message, description, response),
 * without the node's own parameters that n8n attaches to an error (what the user typed is in the
 * workflow anyway).
 */
export function shown(result: RunNodeResult): string {
	const error = result.error ? { ...(result.error as unknown as IDataObject) } : undefined;
	if (error) delete error.node;
	return JSON.stringify({ items: result.items, error });
}

/** The Process parameters paying with the seed's card. */
export function processParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'process',
		InvoiceReferenceId: '6177CCEE97C84FF7B1CFF11EAA347DBE',
		TransactionType: 'AuthorizeAndCapture',
		PaymentData: {
			PaymentType: 'NotSet',
			CardType: 'Visa',
			BankAccountType: 'NotSet',
			PaymentAccountNumber: '4111111111194053',
			PaymentAccountExpiration: '1220',
		},
		...overrides,
	} as INodeParameters;
}

export type { IDataObject };
