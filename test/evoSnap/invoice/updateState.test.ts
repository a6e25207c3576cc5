import { DEMO_EVO_INVOICES } from '../../simulators/evoSnapDemo';
import { cmsRequests, run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

// Update State is also run after an Update in update.test.ts; these run it alone.
describe('Update State (PUT Invoices/{id}/state)', () => {
	test('cancels a pending invoice by itself, for every input item\'s invoice', async () => {
		const id = DEMO_EVO_INVOICES.pending;
		const result = await run({ resource: 'invoice', operation: 'updateState', InvoiceReferenceId: '={{ $json.id }}', InvoiceState: 'Cancelled' }, [{ id }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ status: 'updated', InvoiceReferenceId: id, InvoiceState: 'Cancelled' }]);
		expect(cmsRequests(sim, '/state').map((request) => request.method)).toEqual(['PUT']);
		expect(sim.invoice(id)?.InvoiceState).toBe('Cancelled');
	});

	test('dry run shows the request and changes nothing', async () => {
		const id = DEMO_EVO_INVOICES.pending;
		const before = sim.invoice(id)?.InvoiceState;
		const result = await run({ resource: 'invoice', operation: 'updateState', InvoiceReferenceId: id, InvoiceState: 'Cancelled', options: { dryRun: true } });
		expect(result.error).toBeUndefined();
		expect(cmsRequests(sim)).toHaveLength(0);
		expect(sim.invoice(id)?.InvoiceState).toBe(before);
	});
});
