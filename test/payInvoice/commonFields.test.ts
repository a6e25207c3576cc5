import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ADAPTERS } from '../../nodes/PayInvoice/adapters';
import { PayInvoice } from '../../nodes/PayInvoice/PayInvoice.node';
import { runPay } from '../faults/recorder';
import { VENDORS } from '../faults/vendors';
import type { RecordedRequest } from '../simulators/framework';

/**
 * Pay Invoice's common fields (Payment Date, Payment Reference, Payment Method), generated over
 * the vendors × the fields, from each adapter's capabilities: a valid value either arrives at the
 * vendor in the field the adapter names (`sentAs`), or the item is refused naming the field and
 * nothing at all is sent; a value of the wrong kind is refused before anything is sent, for
 * every vendor.
 */

const FIELDS = { paymentDate: 'Payment Date', paymentReference: 'Payment Reference', paymentMethod: 'Payment Method' } as const;
type Field = keyof typeof FIELDS;

/** A valid value per field, and what the vendor must receive for it. A payment method is in the vendor's own words. */
const VALID: Record<Field, (vendorKey: string) => { value: string; wire: (received: string) => boolean }> = {
	paymentDate: () => ({ value: '2021-10-22T12:01:44', wire: (received) => received.startsWith('2021-10-22') }),
	paymentReference: () => ({ value: 'REF-GEN-0001', wire: (received) => received === 'REF-GEN-0001' }),
	paymentMethod: (vendorKey) => {
		const inVendorWords: Record<string, [string, string]> = {
			adilas: ['Cash', '2'],
			cloudCommercePro: ['BankTransfer', 'BankTransfer'],
			cnbsWebAr: ['CC', 'CC'],
			crmCom: ['Direct Debit', 'Direct Debit'],
			evoSnap: ['Credit', 'Credit'],
		};
		const [value, wire] = inVendorWords[vendorKey];
		return { value, wire: (received) => received === wire };
	},
};

/** Values of the wrong kind, given by expressions: refused for every vendor, whatever it can take. */
const BAD: Record<Field, Array<[string, string]>> = {
	paymentDate: [
		['an impossible date', '2021-02-30'],
		['words', 'soon'],
		['an object', '={{ { day: 22 } }}'],
		['a list', '={{ ["2021-10-22"] }}'],
		['a boolean', '={{ true }}'],
	],
	paymentReference: [
		['an object', '={{ { ref: "A1" } }}'],
		['a list', '={{ ["A1", "A2"] }}'],
		['a boolean', '={{ true }}'],
	],
	paymentMethod: [
		['an object', '={{ { name: "Cash" } }}'],
		['a list', '={{ ["Cash"] }}'],
		['a boolean', '={{ false }}'],
	],
};

/** Every value at a dotted path of the request: in its JSON (also inside form fields) or its XML elements. */
function valuesAt(request: RecordedRequest, path: string): string[] {
	const documents: unknown[] = [];
	if (request.json !== undefined) documents.push(request.json);
	for (const value of new URLSearchParams(request.body).values()) {
		try {
			documents.push(JSON.parse(value));
		} catch {
			// not a JSON form field
		}
	}
	const found: string[] = [];
	const walk = (value: unknown, keys: string[]): void => {
		if (Array.isArray(value)) return value.forEach((entry) => walk(entry, keys));
		if (keys.length === 0) {
			if (value !== undefined && value !== null && typeof value !== 'object') found.push(String(value));
			return;
		}
		if (value !== null && typeof value === 'object') walk((value as IDataObject)[keys[0]], keys.slice(1));
	};
	for (const document of documents) walk(document, path.split('.'));
	const last = path.split('.').pop()!;
	for (const match of request.body.matchAll(new RegExp(`<(?:\\w+:)?${last}>([^<]*)</`, 'g'))) found.push(match[1]);
	return found;
}

const CASES = VENDORS.flatMap((vendor) => {
	const adapter = ADAPTERS.find((entry) => entry.key === vendor.key)!;
	return (Object.keys(FIELDS) as Field[]).map((field) => [vendor.name, FIELDS[field], { vendor, adapter, field }] as const);
});

describe.each(CASES)('%s, %s', (_name, label, { vendor, adapter, field }) => {
	const support = adapter.capabilities[field];

	async function payWith(value: string) {
		const sim = vendor.create();
		await sim.start();
		const [invoice] = vendor.load(sim, 1);
		try {
			const result = await runPay(vendor, 'payInvoice', sim, {
				items: [invoice.item],
				parameters: { [field]: value } as INodeParameters,
				label: `${vendor.key} ${field}`,
			});
			return { result, requests: [...sim.requests], sim };
		} finally {
			await sim.stop();
		}
	}

	test('the hint says what this vendor does with it', () => {
		const property = new PayInvoice().description.properties.find((entry) => entry.name === field)!;
		expect(property.hint).toContain('sentAs' in support ? `${support.sentAs} (${adapter.vendor})` : `${adapter.vendor} cannot take it`);
	});

	test(`a valid value is ${'sentAs' in support ? `sent as ${support.sentAs}` : 'refused naming the field, nothing sent'}`, async () => {
		const valid = VALID[field](vendor.key);
		const { result, requests } = await payWith(valid.value);
		expect(result.items).toHaveLength(1);
		const output = result.items[0].json;
		if ('sentAs' in support) {
			expect(output.error).toBeNull();
			expect(output.status).toBe('paid');
			const payments = requests.filter((request) => vendor.isPayment(request));
			expect(payments).toHaveLength(1);
			const received = valuesAt(payments[0], support.sentAs);
			expect(received.length).toBeGreaterThan(0);
			expect(received.filter(valid.wire)).toEqual([received[0]]);
		} else {
			expect(output.status).toBe('failed');
			expect(output.error).toBe(`${adapter.vendor} cannot take a ${label}: ${support.refusedBecause}. Leave ${label} empty.`);
			expect(output.errorDescription).toContain(`"${label}"`);
			expect(requests).toHaveLength(0);
		}
	});

	test.each(BAD[field])('%s is refused naming the field, nothing sent', async (_kind, value) => {
		const { result, requests } = await payWith(value);
		expect(result.items).toHaveLength(1);
		const output = result.items[0].json;
		expect(output.status).toBe('failed');
		expect(String(output.error)).toContain(label);
		expect(requests).toHaveLength(0);
	});
});
