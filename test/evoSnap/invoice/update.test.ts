import type { IDataObject } from 'n8n-workflow';

import { DEMO_EVO_INVOICES } from '../../simulators/evoSnapDemo';
import { cmsRequests, run, simulatorForSuite, storeFor } from '../fixtures';

const sim = simulatorForSuite();

describe('Create, Get, Update, Update State', () => {
	test('Update replaces the invoice (every field, empty ones null); Update State cancels it', async () => {
		const store = storeFor(sim);
		const id = DEMO_EVO_INVOICES.pending;
		const updated = await run({
			resource: 'invoice',
			operation: 'update',
			InvoiceReferenceId: id,
			Amount: '13.75',
			MerchantInvoiceId: '14C4E',
			AutomationInfo: { EmailInvoice: true },
			Order: { CurrencyCode: 'USD' },
		}, undefined, { credentials: store });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ status: 'updated', InvoiceReferenceId: id, Amount: '13.75' });
		const [request] = cmsRequests(sim, `/Invoices/${id}`);
		expect(request.method).toBe('PUT');
		expect((request.json as IDataObject).Invoice).toEqual({
			Amount: 13.75,
			MerchantInvoiceId: '14C4E',
			AutomationInfo: { NoAutomation: false, CreateInvoice: false, EmailInvoice: true, ProcessPayment: false },
			Order: expect.objectContaining({ BillingData: null, ShippingData: null, CurrencyCode: 'USD', Enable3D: false, OrderItems: null }),
			CustomerReferenceId: null,
			PaymentData: null,
			EmployeeId: null,
		});
		expect(sim.invoice(id)?.invoice.Amount).toBe(13.75);

		const state = await run({ resource: 'invoice', operation: 'updateState', InvoiceReferenceId: id, InvoiceState: 'Cancelled' }, undefined, { credentials: store });
		expect(state.items[0].json).toEqual({ status: 'updated', InvoiceReferenceId: id, InvoiceState: 'Cancelled' });
		expect(cmsRequests(sim, '/state')[0].json).toEqual({ MerchantProfileId: 'Dev_Test_28', InvoiceState: 'Cancelled' });
		expect(sim.invoice(id)?.InvoiceState).toBe('Cancelled');
	});
});
