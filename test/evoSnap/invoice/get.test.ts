import { DEMO_EVO_INVOICES } from '../../simulators/evoSnapDemo';
import { run, simulatorForSuite, storeFor } from '../fixtures';

const sim = simulatorForSuite();

describe('Create, Get, Update, Update State', () => {
	test('an unknown invoice fails with EVO\'s fault; Continue On Fail keeps the other items', async () => {
		const result = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: '={{ $json.id }}' }, [{ id: 'NOPE0000' }, { id: DEMO_EVO_INVOICES.paid }], { continueOnFail: true });
		expect(result.items[0].json.error).toBe('EVO Snap* GetInvoice failed: Invoice NOPE0000 was not found [500]');
		expect(result.items[1].json).toMatchObject({ InvoiceReferenceId: DEMO_EVO_INVOICES.paid, InvoiceState: 'Paid' });
	});

	test('a validation fault names EVO\'s rule; an HTML or empty 500 is reported as such', async () => {
		const store = storeFor(sim);
		const bad = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: DEMO_EVO_INVOICES.paid, additionalFields: { MerchantProfileId: 'Other' } }, undefined, { credentials: store });
		expect(bad.error?.message).toBe('EVO Snap* GetInvoice failed: Validation Errors Occurred; merchantProfileId: Unknown merchant profile: Other [0]');
		sim.fail({ kind: 'status', status: 500 });
		const empty = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: DEMO_EVO_INVOICES.paid }, undefined, { credentials: store });
		expect(empty.error?.message).toBe('EVO Snap* GetInvoice failed: HTTP 500');
		sim.fail({ kind: 'html', status: 502 });
		const html = await run({ resource: 'invoice', operation: 'get', InvoiceReferenceId: DEMO_EVO_INVOICES.paid }, undefined, { credentials: store });
		expect(html.error?.message).toBe('EVO Snap* GetInvoice failed: HTTP 502, an HTML page instead of an API answer: 502 Bad Gateway');
	});
});
