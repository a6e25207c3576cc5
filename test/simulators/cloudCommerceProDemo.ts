import { CloudCommerceProSimulator } from './cloudCommercePro';

/** The seed's own BrandID and SecurityHash, so the seed's example envelope works against the demo. */
export const DEMO_CCP_BRAND_ID = 12;
export const DEMO_CCP_SECURITY_HASH =
	'98,114,159,142,193,251,85,184,254,121,38,92,206,180,142,179,121,224,68,1,122,17,132,158,161,85,26,91,35,133,149,245,249,30,232,38,46,136,226,91,92,75,42,87,66,254,33,14,189,56,127,61,73,130,74,177,221,164,220,185,187,148,1,78,153,81,198,54,170,115,167,130,150,131,242,183,8,208,2,110,61,185,217,246,38,108,235,177,4,231,20,218,60,104,219,37,209,139,29,195,160,80,62,44,7,234,167,220,219,228,30,82,223,173,14,73,105,67,44,211,1,16,255,181,125,179,141,103';
export const DEMO_CCP_SALES_CHANNEL_ID = 36;
export const DEMO_CCP_CUSTOMER_ID = 96354316;

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

/** A new Cloud Commerce Pro simulator with the demo brand and ledger (not started). */
export function createCloudCommerceProDemo(): CloudCommerceProSimulator {
	const sim = new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH });
	seedCloudCommerceProDemo(sim);
	return sim;
}

/** n8n credential data for a Cloud Commerce Pro simulator listening on `baseUrl`. */
export function cloudCommerceProDemoCredentialData(baseUrl: string): Record<string, string | number | boolean> {
	return { environment: 'custom', customUrl: baseUrl, brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH };
}
