/**
 * For test/bench/real-n8n.js: a Cloud Commerce Pro simulator answering after a set latency, with
 * `n` open invoices (900000 + i), and the SOAP envelope the node sends for an invoice (the
 * Security Hash in clear, as n8n's HTTP Request node must send it). Prints one JSON line.
 */
import { buildEnvelope } from '../../nodes/CloudCommercePro/transport/credential';
import { CloudCommerceProSimulator } from '../simulators/cloudCommercePro';
import { DEMO_CCP_BRAND_ID, DEMO_CCP_SECURITY_HASH } from '../simulators/serve';

const n = Number(process.argv[2] ?? 1000);
const latency = Number(process.argv[3] ?? 20);
const sim = new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH });
for (let i = 0; i < n; i++) {
	sim.addInvoice({ orderId: 800000 + i, invoiceId: 900000 + i, salesChannelId: 36, customerId: 96354316, netAmount: '10.00', vatAmount: '2.00', amount: '12.00' });
}
sim.latencyMs = latency;
const envelope = (invoice: string) =>
	buildEnvelope(
		'CreatePayment',
		String(DEMO_CCP_BRAND_ID),
		[
			['intInvoiceID', invoice],
			['intBrandID', String(DEMO_CCP_BRAND_ID)],
			['intSalesChannelID', '36'],
			['strPaymentReference', 'Bench'],
			['dbPaymentAmount', '12.00'],
			['intCustomerID', '96354316'],
			['dtPaymentDate', '2021-10-22T12:01:44'],
			['TransactionTypeID', 'Invoice'],
		],
		DEMO_CCP_SECURITY_HASH,
	);
void sim.start().then((baseUrl) => {
	console.log(JSON.stringify({ baseUrl, brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH, envelopeTemplate: envelope('INVOICE_ID') }));
	setInterval(() => {
		console.error(`payments=${sim.payments.length} requests=${sim.requests.length} maxInFlight=${sim.maxInFlight}`);
	}, 5000).unref();
});
