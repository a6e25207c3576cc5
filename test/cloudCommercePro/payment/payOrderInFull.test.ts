import type { IDataObject } from 'n8n-workflow';

import { run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

function createPaymentRequests() {
	return sim.requestsTo('/CCPApiPaymentService.svc');
}

const batch = (batchSize: number, batchInterval = 0) => ({ batching: { batch: { batchSize, batchInterval } } });

describe('Cloud Commerce Pro node in the n8n engine', () => {
	describe('Payment > Pay Order in Full', () => {
		const payOrder = { resource: 'payment', operation: 'payOrderInFull', orderId: '={{ $json.order }}' };

		it('pays what is open, skips what is paid and refuses an order without invoice', async () => {
			const { items, error } = await run(payOrder, [{ order: 5001 }, { order: 5002 }, { order: 5003 }], { continueOnFail: true });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ status: 'paid', orderId: '5001', invoiceId: '86592563', amount: '12.00', paymentId: '84975726' });
			expect(items[1].json).toMatchObject({ status: 'skipped: already paid', orderId: '5002', amount: '0.00' });
			expect(items[2].json.error).toContain('Order 5003 has no invoice (InvoiceID 0');
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(sim.payments).toHaveLength(1);
			expect(sim.payments[0]).toMatchObject({ invoiceId: 86592563, amount: '12.00', salesChannelId: 36, customerId: 96354316, reference: 'Payment made against order 5001' });
			// Only one CreatePayment went out: the paid order and the invoiceless one sent none.
			expect(createPaymentRequests()).toHaveLength(1);
		});

		it('pays the rest of a partly paid invoice, then skips it', async () => {
			sim.addInvoice({ orderId: 6001, invoiceId: 6101, salesChannelId: 36, customerId: 96354316, netAmount: '0.25', vatAmount: '0.05', amount: '0.30', amountPaid: '0.10' });
			const first = await run(payOrder, [{ order: 6001 }]);
			expect(first.items[0].json).toMatchObject({ status: 'paid', amount: '0.20' });
			const second = await run(payOrder, [{ order: 6001 }]);
			expect(second.items[0].json.status).toBe('skipped: already paid');
			expect(sim.payments.map((payment) => payment.amount)).toEqual(['0.20']);
		});

		it('dry run reads the summary but sends no payment', async () => {
			const { items } = await run({ ...payOrder, options: { dryRun: true } }, [{ order: 5001 }]);
			expect(items[0].json).toMatchObject({ status: 'dry run', amount: '12.00' });
			expect(String((items[0].json.request as IDataObject).body)).toContain('<tem:dbPaymentAmount>12.00</tem:dbPaymentAmount>');
			expect(createPaymentRequests()).toHaveLength(0);
		});
	});
});

describe('Cloud Commerce Pro at batch size 10', () => {
	it('Pay Order in Full: items for the same order go one after the other, so the order is paid once', async () => {
		sim.latencyMs = 20;
		const { items: output, error } = await run({ resource: 'payment', operation: 'payOrderInFull', orderId: '={{ $json.order }}', options: batch(10) }, [{ order: 5001 }, { order: 5001 }, { order: 5002 }, { order: 5001 }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.status)).toEqual(['paid', 'skipped: already paid', 'skipped: already paid', 'skipped: already paid']);
		expect(sim.payments).toHaveLength(1);
		expect(sim.invoice(86592563)?.outstanding).toBe('0.00');
	});
});
