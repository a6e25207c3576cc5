import axios from 'axios';

import { SEED_REQUEST } from '../cloudCommercePro/seed';
import { CCP_SOAP_ACTIONS } from './cloudCommercePro';
import { startAllSimulators } from './serve';

// Each vendor's simulator is tested beside its node tests (test/<vendor>/simulator.test.ts).

// The seed's "Example Minimal Request", verbatim (test/cloudCommercePro/seed.ts).
const SEED_ENVELOPE = SEED_REQUEST;

// What the simulator answers to it: the seed's success response, on one line.
const SEED_SUCCESS_RESPONSE =
	'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
	'<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
	'<CreatePaymentResponse xmlns="http://tempuri.org/"><CreatePaymentResult><Success>true</Success><ErrorLevel>0</ErrorLevel>' +
	'<ErrorMessage /><Content>84975726</Content><Errors /></CreatePaymentResult></CreatePaymentResponse></s:Body></s:Envelope>';

describe('startAllSimulators', () => {
	test('starts both with the demo ledgers and stops them', async () => {
		const sims = await startAllSimulators();
		try {
			expect(sims.cloudCommercePro.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(sims.cloudCommercePro.order(5002)).toMatchObject({ outstanding: '0.00' });
			expect(sims.cloudCommercePro.order(5003)).toMatchObject({ invoiceId: 0 });
			expect(sims.crmCom.invoice({ number: 'INV003' })?.outstanding_amount).toBe('0.00');
			const res = await axios.post(`${sims.cloudCommercePro.baseUrl}/CCPApiPaymentService.svc`, SEED_ENVELOPE, {
				headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: CCP_SOAP_ACTIONS.CreatePayment },
				responseType: 'text',
			});
			expect(res.data).toBe(SEED_SUCCESS_RESPONSE);
		} finally {
			await sims.stop();
		}
	});
});
