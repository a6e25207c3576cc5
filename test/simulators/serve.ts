/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: runs in Node and jest, never ships to n8n */
import type { AdilasSimulator } from './adilas';
import { adilasDemoCredentialData, createAdilasDemo, seedAdilasDemo } from './adilasDemo';
import type { CloudCommerceProSimulator } from './cloudCommercePro';
import { cloudCommerceProDemoCredentialData, createCloudCommerceProDemo, seedCloudCommerceProDemo } from './cloudCommerceProDemo';
import type { CnbsWebArSimulator } from './cnbsWebAr';
import { cnbsWebArDemoCredentialData, createCnbsWebArDemo, loadCnbsWebArDemoLedger } from './cnbsWebArDemo';
import type { CrmComSimulator } from './crmCom';
import { createCrmComDemo, crmComDemoCredentialData, seedCrmComDemo } from './crmComDemo';
import type { EvoSnapSimulator } from './evoSnap';
import { createEvoSnapDemo, evoSnapDemoCredentialData, seedEvoSnapDemo } from './evoSnapDemo';
import type { VendorSimulator } from './framework';

/**
 * The demo: one simulator per vendor with demo credentials and a demo ledger, and the n8n
 * credential that points at it. `npm run dev` (scripts/dev.js) and the tests read it from here.
 */
export * from './adilasDemo';
export * from './cloudCommerceProDemo';
export * from './cnbsWebArDemo';
export * from './crmComDemo';
export * from './evoSnapDemo';

export interface DemoVendor {
	/** Key of the simulator in startAllSimulators' result. */
	key: string;
	displayName: string;
	/** Port `npm run dev` starts the simulator on, unless `portEnv` names another. */
	defaultPort: number;
	portEnv: string;
	/** The n8n credential `npm run dev` imports (the example workflows reference its id). */
	credential: { id: string; name: string; type: string };
	create(): VendorSimulator;
	/** Loads the demo ledger into a simulator of this vendor (after `reset()`). */
	seed(sim: VendorSimulator): void;
	credentialData(baseUrl: string): Record<string, string | number | boolean>;
	/** A change to the credential data that the vendor refuses (a wrong secret): its test must fail. */
	refusedChange: Record<string, string | number | boolean>;
}

export const DEMO_VENDORS: DemoVendor[] = [
	{
		key: 'cloudCommercePro',
		displayName: 'Cloud Commerce Pro',
		defaultPort: 8801,
		portEnv: 'CCP_SIMULATOR_PORT',
		credential: { id: 'ccpSimulator', name: 'Cloud Commerce Pro (simulator)', type: 'cloudCommerceProApi' },
		create: createCloudCommerceProDemo,
		seed: (sim) => seedCloudCommerceProDemo(sim as CloudCommerceProSimulator),
		credentialData: cloudCommerceProDemoCredentialData,
		refusedChange: { securityHash: 'not-the-demo-security-hash' },
	},
	{
		key: 'crmCom',
		displayName: 'CRM.COM',
		defaultPort: 8802,
		portEnv: 'CRMCOM_SIMULATOR_PORT',
		credential: { id: 'crmComSimulator', name: 'CRM.COM (simulator)', type: 'crmComApi' },
		create: createCrmComDemo,
		seed: (sim) => seedCrmComDemo(sim as CrmComSimulator),
		credentialData: crmComDemoCredentialData,
		refusedChange: { password: 'not-the-demo-password' },
	},
	{
		key: 'evoSnap',
		displayName: 'EVO Snap*',
		defaultPort: 8803,
		portEnv: 'EVOSNAP_SIMULATOR_PORT',
		credential: { id: 'evoSnapSimulator', name: 'EVO Snap* (simulator)', type: 'evoSnapApi' },
		create: createEvoSnapDemo,
		seed: (sim) => seedEvoSnapDemo(sim as EvoSnapSimulator),
		credentialData: evoSnapDemoCredentialData,
		refusedChange: { identityToken: 'not-the-demo-identity-token' },
	},
	{
		key: 'cnbsWebAr',
		displayName: 'CNBS WebAR',
		defaultPort: 8804,
		portEnv: 'CNBS_SIMULATOR_PORT',
		credential: { id: 'cnbsWebArSimulator', name: 'CNBS WebAR (simulator)', type: 'cnbsWebArApi' },
		create: createCnbsWebArDemo,
		seed: (sim) => loadCnbsWebArDemoLedger(sim as CnbsWebArSimulator),
		credentialData: cnbsWebArDemoCredentialData,
		refusedChange: { systemIdSecret: 'NOT-THE-DEMO-SYSTEM-ID' },
	},
	{
		key: 'adilas',
		displayName: 'adilas',
		defaultPort: 8805,
		portEnv: 'ADILAS_SIMULATOR_PORT',
		credential: { id: 'adilasSimulator', name: 'adilas (simulator)', type: 'adilasApi' },
		create: createAdilasDemo,
		seed: (sim) => seedAdilasDemo(sim as AdilasSimulator),
		credentialData: adilasDemoCredentialData,
		refusedChange: { password: 'not-the-demo-adilas-password' },
	},
];

export interface RunningSimulators {
	cloudCommercePro: CloudCommerceProSimulator;
	crmCom: CrmComSimulator;
	[key: string]: VendorSimulator | (() => Promise<void>);
	stop(): Promise<void>;
}

/** Starts every demo simulator (port 0 or none given = a free port). */
export async function startAllSimulators(ports: Record<string, number | undefined> = {}): Promise<RunningSimulators> {
	const started: Array<[string, VendorSimulator]> = [];
	const stop = async () => {
		await Promise.all(started.map(([, sim]) => sim.stop()));
	};
	try {
		for (const vendor of DEMO_VENDORS) {
			const sim = vendor.create();
			started.push([vendor.key, sim]);
			await sim.start(ports[vendor.key] ?? 0);
		}
	} catch (error) {
		await stop();
		throw error;
	}
	return { ...Object.fromEntries(started), stop } as RunningSimulators;
}
