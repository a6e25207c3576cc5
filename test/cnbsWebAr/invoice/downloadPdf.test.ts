import { listDocuments, run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Invoice > Get and Download PDF', () => {
	test('Download PDF returns n8n binary data with the file name CNBS gives', async () => {
		const [document] = await listDocuments(sim);
		const result = await run({ resource: 'invoice', operation: 'downloadPdf' }, [document]);
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo('/cnbs/v1/invoices/id/format/pdf');
		expect(request.headers.accept).toBe('application/pdf');
		const binary = result.items[0].binary?.data;
		expect(binary?.fileName).toBe('Invoice_90036748.pdf');
		expect(binary?.mimeType).toBe('application/pdf');
		expect(Buffer.from(binary?.data ?? '', 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(result.items[0].json).toMatchObject({ billing_document_number: '90036748', fileName: 'Invoice_90036748.pdf' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Download PDF of an unknown document fails with CNBS\'s words, not a broken file', async () => {
		const result = await run({ resource: 'invoice', operation: 'downloadPdf', billing_document_number: '1', customer_number: '3000' });
		expect(result.error?.message).toContain('Document 1 not found for customer 3000');
	});
});
