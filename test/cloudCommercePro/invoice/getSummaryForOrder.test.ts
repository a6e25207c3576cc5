
import { run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Cloud Commerce Pro node in the n8n engine', () => {
	describe('Invoice > Get Summary for Order', () => {
		it('returns every summary field and the open amount', async () => {
			const { items, error } = await run({ resource: 'invoice', operation: 'getSummaryForOrder', orderId: '5001' });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				OrderID: '5001',
				ID: '86592563',
				SalesChannelID: '36',
				CustomerID: '96354316',
				Amount: '12.00',
				AmountPaid: '0.00',
				OutstandingAmount: '12.00',
			});
			for (const field of ['ProformaID', 'BrandID', 'InvoiceDate', 'NetAmount', 'VATAmount']) expect(items[0].json).toHaveProperty(field);
			expect(sim.requestsTo('/CCPApiOrderService.svc')[0].headers.soapaction).toBe('"http://tempuri.org/ICCPApiOrderService/getInvoiceSummaryForOrderID"');
		});

		it('an unknown order fails with the vendor message', async () => {
			const { error } = await run({ resource: 'invoice', operation: 'getSummaryForOrder', orderId: '999999' });
			expect(error?.message).toContain('getInvoiceSummaryForOrderID failed: Order not found');
		});
	});
});
