import type { IDataObject } from 'n8n-workflow';

import { listDocuments, run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Invoice > Get and Download PDF', () => {
	test('Get reads header, items, partners and document status; its defaults read Get Many\'s output', async () => {
		const [document] = await listDocuments(sim);
		const result = await run({ resource: 'invoice', operation: 'get' }, [document]);
		expect(result.error).toBeUndefined();
		const [request] = sim.requestsTo('/cnbs/v1/invoices/id');
		expect(request.query).toMatchObject({ billing_document_number: '90036748', customer_number: '3000', document_type: '01' });
		const output = result.items[0].json;
		expect((output.header_data as IDataObject).fiscal_year_of_the_relevant_invoice).toBe(2017);
		expect((output.header_data as IDataObject).document_status).toBe('01');
		expect(output.document_status_text).toBe('open');
		expect(output.item_data).toHaveLength(1);
		expect(output.partner_data).toHaveLength(2);
	});

	test('an unknown document is a failure with CNBS\'s words', async () => {
		const result = await run({ resource: 'invoice', operation: 'get', billing_document_number: '123', customer_number: '3000' });
		expect(result.error?.message).toBe('CNBS WebAR GET invoices/id failed: Document 123 not found for customer 3000 [/CNBS/X_API 31]');
	});
});
