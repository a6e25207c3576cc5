/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
import { CnbsWebArSimulator } from './cnbsWebAr';

/** The seed's own system ID, SAP client and API ID, so the seed's cURL example works against the demo. */
export const DEMO_CNBS_SYSTEM_ID = 'gPuM1VyY1dxlTE2MEs2yajJUkX3/4+2Pw1alRw4BOtI=';
export const DEMO_CNBS_SAP_CLIENT = '800';
export const DEMO_CNBS_SAP_LANGUAGE = 'EN';
export const DEMO_CNBS_API_ID = 'CNBSMV01R';
/** The seed's payer and company code. */
export const DEMO_CNBS_PAYER = '3000';
export const DEMO_CNBS_COMPANY_CODE = '3000';
/** The seed's card data (a token from a card vault, not a card number). */
export const DEMO_CNBS_CARD = {
	payment_card_type: 'VISA',
	payment_card_token: '-E803-1111-1000000000000H',
	payment_card_name: 'John Doe',
	valid_to: '05-31-2027',
} as const;

/**
 * Demo ledger: payer 3000 in company code 3000 has the seed's document 1400000229 (fiscal year
 * 2017, 7000.50 USD open) and 1400000230 (250.00 open of 400.00); 1400000231 is fully paid.
 * Payer 3100 has 1400000232 (99.90 open). Customizing allows partial payments, not overpayments.
 */
export function loadCnbsWebArDemoLedger(sim: CnbsWebArSimulator): void {
	const common = { payer_number: DEMO_CNBS_PAYER, company_code: DEMO_CNBS_COMPANY_CODE, fiscal_year: 2017 };
	sim.addDocument({ ...common, document_number_finance: '1400000229', billing_document_number: '90036748', total_amount: '7000.50', posting_date: '03-24-2017', due_date: '04-23-2017' });
	sim.addDocument({ ...common, document_number_finance: '1400000230', billing_document_number: '90036749', total_amount: '400.00', open_amount: '250.00', posting_date: '03-25-2017', due_date: '04-24-2017' });
	sim.addDocument({ ...common, document_number_finance: '1400000231', billing_document_number: '90036750', total_amount: '120.00', open_amount: '0.00', posting_date: '03-26-2017', due_date: '04-25-2017' });
	sim.addDocument({ payer_number: '3100', company_code: DEMO_CNBS_COMPANY_CODE, fiscal_year: 2017, document_number_finance: '1400000232', billing_document_number: '90036751', total_amount: '99.90', posting_date: '03-27-2017' });
	sim.customizing = { partialPaymentsAllowed: true, overpaymentAllowed: false };
}

/** A new CNBS simulator with the demo system ID and the demo ledger (not started). */
export function createCnbsWebArDemo(): CnbsWebArSimulator {
	const sim = new CnbsWebArSimulator({ systemId: DEMO_CNBS_SYSTEM_ID, sapClient: DEMO_CNBS_SAP_CLIENT });
	loadCnbsWebArDemoLedger(sim);
	return sim;
}

/** The n8n credential data (cnbsWebArApi) for a demo simulator listening on baseUrl. */
export function cnbsWebArDemoCredentialData(baseUrl: string): Record<string, string | number | boolean> {
	return {
		serverUrl: baseUrl,
		sapClient: DEMO_CNBS_SAP_CLIENT,
		sapLanguage: DEMO_CNBS_SAP_LANGUAGE,
		apiId: DEMO_CNBS_API_ID,
		systemIdSecret: DEMO_CNBS_SYSTEM_ID,
		useBasicAuth: false,
	};
}
