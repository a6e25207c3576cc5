import { AdilasSimulator } from './adilas';

/** The seed's corp key, user name and payee; a password of the demo's own (the seed's "1234" is too short to mask). */
export const DEMO_ADILAS_CORP_KEY = 'PLA-0053';
export const DEMO_ADILAS_CORP_ID = 53;
export const DEMO_ADILAS_USER_NAME = 'demo';
export const DEMO_ADILAS_PASSWORD = 'demo-adilas-api-password';
export const DEMO_ADILAS_PAYEE_ID = '3';
/** The seed's invoice 78 (15.00) and merchant settings 1 and 4. */
export const DEMO_ADILAS_INVOICE_NUMBER = 78;
export const DEMO_ADILAS_MERCHANT_SETTING_IDS = [1, 4];
/** An invoice started without an amount: addInvoicePayment answers `zero` for it. */
export const DEMO_ADILAS_EMPTY_INVOICE_NUMBER = 79;

/**
 * A new adilas simulator (not started) with the demo credentials and ledger: invoice 78 of
 * 15.00 (the seed's), invoice 79 with no amount; payees 3 and 178 may call; every method enabled.
 */
export function createAdilasDemo(): AdilasSimulator {
	const sim = new AdilasSimulator({
		corpKey: DEMO_ADILAS_CORP_KEY,
		userName: DEMO_ADILAS_USER_NAME,
		password: DEMO_ADILAS_PASSWORD,
		payeeIds: [DEMO_ADILAS_PAYEE_ID, '178'],
		merchantSettingIds: DEMO_ADILAS_MERCHANT_SETTING_IDS,
	});
	seedAdilasDemo(sim);
	return sim;
}

/** Loads the demo ledger (after `sim.reset()`). */
export function seedAdilasDemo(sim: AdilasSimulator): void {
	sim.addInvoice({ invoiceNumber: DEMO_ADILAS_INVOICE_NUMBER, customerId: 1, typeId: 3, amount: '15.00', invoiceDate: '2015-03-24' });
	sim.addInvoice({ invoiceNumber: DEMO_ADILAS_EMPTY_INVOICE_NUMBER, customerId: 1, typeId: 2 });
}

/** n8n credential data (adilasApi) for a demo simulator listening on baseUrl. */
export function adilasDemoCredentialData(baseUrl: string): Record<string, string | number | boolean> {
	return {
		apiUrl: `${baseUrl.replace(/\/+$/, '')}/web/adilas_api_calls.cfm`,
		requestStyle: 'formField',
		corpKey: DEMO_ADILAS_CORP_KEY,
		userName: DEMO_ADILAS_USER_NAME,
		password: DEMO_ADILAS_PASSWORD,
		payeeId: DEMO_ADILAS_PAYEE_ID,
	};
}
