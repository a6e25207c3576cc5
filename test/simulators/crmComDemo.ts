import { CrmComSimulator } from './crmCom';

export const DEMO_CRM_USERNAME = 'demo';
export const DEMO_CRM_PASSWORD = 'demo-password';
export const DEMO_CRM_ORGANISATION = 'DEMO';
export const DEMO_CRM_WEB_API_KEY = 'demo-web-api-key';
export const DEMO_CRM_ACCOUNTS_RECEIVABLE = { id: 'A6F1C2D3E4B5A6978812345678ABCDEF', number: '192', name: 'Dina Mika' };

/**
 * Demo ledger for CRM.COM: INV001 225.00 open (reference_number 328, as in the seed's example 1),
 * INV002 12.50 open of 50.00, INV003 fully paid. All on accounts receivable number 192.
 */
export function seedCrmComDemo(sim: CrmComSimulator): void {
	const accounts_receivable = DEMO_CRM_ACCOUNTS_RECEIVABLE;
	sim.addInvoice({
		id: '54F3A49F23024C51AFF21B7C728F3549',
		number: 'INV001',
		reference_number: '328',
		total_amount: '225.00',
		outstanding_amount: '225.00',
		due_on: '2014-08-14T00:00:00',
		accounts_receivable,
	});
	sim.addInvoice({
		id: '0B1C2D3E4F5061728394A5B6C7D8E9F0',
		number: 'INV002',
		reference_number: '2023',
		back_office_code: 'BO-INV002',
		total_amount: '50.00',
		outstanding_amount: '12.50',
		due_on: '2016-07-09T00:00:00',
		accounts_receivable,
	});
	sim.addInvoice({
		id: 'F0E1D2C3B4A5968778695A4B3C2D1E0F',
		number: 'INV003',
		reference_number: '2024',
		total_amount: '80.00',
		outstanding_amount: '0.00',
		due_on: '2016-08-09T00:00:00',
		accounts_receivable,
	});
}

/** A new CRM.COM simulator with the demo users and ledger (not started). */
export function createCrmComDemo(): CrmComSimulator {
	const sim = new CrmComSimulator({
		username: DEMO_CRM_USERNAME,
		password: DEMO_CRM_PASSWORD,
		organisation: DEMO_CRM_ORGANISATION,
		webApiKey: DEMO_CRM_WEB_API_KEY,
	});
	seedCrmComDemo(sim);
	return sim;
}

/** n8n credential data for a CRM.COM simulator listening on `baseUrl` (user name and password). */
export function crmComDemoCredentialData(baseUrl: string): Record<string, string | number | boolean> {
	return {
		serverUrl: baseUrl,
		authMethod: 'password',
		username: DEMO_CRM_USERNAME,
		password: DEMO_CRM_PASSWORD,
		organisation: DEMO_CRM_ORGANISATION,
		unit: '',
	};
}
