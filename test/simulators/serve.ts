import { CloudCommerceProSimulator } from './cloudCommercePro';
import { CrmComSimulator } from './crmCom';

/** The seed's own BrandID and SecurityHash, so the seed's example envelope works against the demo. */
export const DEMO_CCP_BRAND_ID = 12;
export const DEMO_CCP_SECURITY_HASH =
	'98,114,159,142,193,251,85,184,254,121,38,92,206,180,142,179,121,224,68,1,122,17,132,158,161,85,26,91,35,133,149,245,249,30,232,38,46,136,226,91,92,75,42,87,66,254,33,14,189,56,127,61,73,130,74,177,221,164,220,185,187,148,1,78,153,81,198,54,170,115,167,130,150,131,242,183,8,208,2,110,61,185,217,246,38,108,235,177,4,231,20,218,60,104,219,37,209,139,29,195,160,80,62,44,7,234,167,220,219,228,30,82,223,173,14,73,105,67,44,211,1,16,255,181,125,179,141,103';
export const DEMO_CCP_SALES_CHANNEL_ID = 36;
export const DEMO_CCP_CUSTOMER_ID = 96354316;

export const DEMO_CRM_USERNAME = 'demo';
export const DEMO_CRM_PASSWORD = 'demo-password';
export const DEMO_CRM_ORGANISATION = 'DEMO';
export const DEMO_CRM_WEB_API_KEY = 'demo-web-api-key';
export const DEMO_CRM_ACCOUNTS_RECEIVABLE = { id: 'A6F1C2D3E4B5A6978812345678ABCDEF', number: '192', name: 'Dina Mika' };

/**
 * Demo ledger for Cloud Commerce Pro:
 * order 5001 -> invoice 86592563, 12.00 open (the seed's invoice);
 * order 5002 -> invoice 86592564, 30.00 already paid;
 * order 5003 -> no invoice (InvoiceID 0, a trade customer's order).
 */
export function seedCloudCommerceProDemo(sim: CloudCommerceProSimulator): void {
	const common = { salesChannelId: DEMO_CCP_SALES_CHANNEL_ID, customerId: DEMO_CCP_CUSTOMER_ID };
	sim.addInvoice({ ...common, orderId: 5001, invoiceId: 86592563, invoiceDate: '2021-10-22T12:01:44', netAmount: '10.00', vatAmount: '2.00', amount: '12.00' });
	sim.addInvoice({
		...common,
		orderId: 5002,
		invoiceId: 86592564,
		invoiceDate: '2021-10-23T09:15:00',
		netAmount: '25.00',
		vatAmount: '5.00',
		amount: '30.00',
		amountPaid: '30.00',
	});
	sim.addInvoice({ ...common, orderId: 5003, invoiceId: 0, invoiceDate: '2021-10-24T16:30:00', netAmount: '40.00', vatAmount: '8.00', amount: '48.00' });
	sim.addCustomer({
		id: DEMO_CCP_CUSTOMER_ID,
		salesChannelId: DEMO_CCP_SALES_CHANNEL_ID,
		companyName: 'Demo Ltd',
		tradingName: 'Demo',
		firstName: 'Ada',
		lastName: 'Lovelace',
		emailAddress: 'ada@example.com',
	});
}

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

export interface RunningSimulators {
	cloudCommercePro: CloudCommerceProSimulator;
	crmCom: CrmComSimulator;
	stop(): Promise<void>;
}

/** Starts both simulators with the demo credentials and demo ledgers (port 0 = a free port). */
export async function startAllSimulators(ports: { cloudCommercePro?: number; crmCom?: number } = {}): Promise<RunningSimulators> {
	const cloudCommercePro = new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH });
	const crmCom = new CrmComSimulator({
		username: DEMO_CRM_USERNAME,
		password: DEMO_CRM_PASSWORD,
		organisation: DEMO_CRM_ORGANISATION,
		webApiKey: DEMO_CRM_WEB_API_KEY,
	});
	seedCloudCommerceProDemo(cloudCommercePro);
	seedCrmComDemo(crmCom);
	try {
		await cloudCommercePro.start(ports.cloudCommercePro ?? 0);
		await crmCom.start(ports.crmCom ?? 0);
	} catch (error) {
		await Promise.all([cloudCommercePro.stop(), crmCom.stop()]);
		throw error;
	}
	return {
		cloudCommercePro,
		crmCom,
		stop: async () => {
			await Promise.all([cloudCommercePro.stop(), crmCom.stop()]);
		},
	};
}
