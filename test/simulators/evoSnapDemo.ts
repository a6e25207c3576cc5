/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import { EvoSnapSimulator } from './evoSnap';

/** What `npm run dev` starts for EVO Snap*: the simulator with these credentials and a small ledger. */

export const DEMO_EVO_IDENTITY_TOKEN =
	'PHNhbWw6QXNzZXJ0aW9uIE1ham9yVmVyc2lvbj0iMSIgTWlub3JWZXJzaW9uPSIxIiBBc3NlcnRpb25JRD0iX2RlbW8tZXZvLXNuYXAtaWRlbnRpdHktdG9rZW4iIElzc3Vlcj0iSXBQYXltZW50cyI+ZGVtbzwvc2FtbDpBc3NlcnRpb24+';
export const DEMO_EVO_MERCHANT_PROFILE_ID = 'Dev_Test_28';
export const DEMO_EVO_SERVICE_ID = '39C6700001';
export const DEMO_EVO_APPLICATION_PROFILE_ID = '772763';
export const DEMO_EVO_API_VERSION = '2.1.28';

/** The seed's invoice (12.50, Pending), an invoice already paid and a cancelled one. */
export const DEMO_EVO_INVOICES = {
	pending: '6177CCEE97C84FF7B1CFF11EAA347DBE',
	paid: '0A1B2C3D4E5F60718293A4B5C6D7E8F9',
	cancelled: 'F9E8D7C6B5A4938271605F4E3D2C1B0A',
} as const;

export function createEvoSnapDemo(): EvoSnapSimulator {
	const sim = new EvoSnapSimulator({
		identityTokens: [DEMO_EVO_IDENTITY_TOKEN],
		merchantProfileIds: [DEMO_EVO_MERCHANT_PROFILE_ID],
		version: DEMO_EVO_API_VERSION,
	});
	seedEvoSnapDemo(sim);
	return sim;
}

/** Loads the demo ledger (after `sim.reset()`, for instance). */
export function seedEvoSnapDemo(sim: EvoSnapSimulator): void {
	sim.addInvoice({
		InvoiceReferenceId: DEMO_EVO_INVOICES.pending,
		Amount: '12.50',
		MerchantInvoiceId: '14C4E',
		CustomerReferenceId: 'D1342986EA7646148EF29AB1EDC7A170',
	});
	sim.addInvoice({ InvoiceReferenceId: DEMO_EVO_INVOICES.paid, Amount: '30.00', MerchantInvoiceId: '14C4F', InvoiceState: 'Paid' });
	sim.addInvoice({ InvoiceReferenceId: DEMO_EVO_INVOICES.cancelled, Amount: '8.00', MerchantInvoiceId: '14C50', InvoiceState: 'Cancelled' });
}

export function evoSnapDemoCredentialData(baseUrl: string): Record<string, string | number | boolean> {
	return {
		environment: 'custom',
		customUrl: baseUrl,
		apiVersion: DEMO_EVO_API_VERSION,
		identityToken: DEMO_EVO_IDENTITY_TOKEN,
		merchantProfileId: DEMO_EVO_MERCHANT_PROFILE_ID,
		serviceId: DEMO_EVO_SERVICE_ID,
		applicationProfileId: DEMO_EVO_APPLICATION_PROFILE_ID,
	};
}
