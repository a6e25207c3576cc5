import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness';
import type { VendorSimulator } from '../simulators/framework';
import { createCrmComDemo, createEvoSnapDemo, crmComDemoCredentialData, DEMO_CRM_ACCOUNTS_RECEIVABLE, evoSnapDemoCredentialData } from '../simulators/serve';
import type { CrmComSimulator } from '../simulators/crmCom';
import type { EvoSnapSimulator } from '../simulators/evoSnap';

/**
 * One sign-on per run at any batch size, and a token that expires while requests are in flight
 * renewed once: for both vendors whose session token n8n keeps (CRM.COM, EVO Snap*).
 */
interface SessionVendor {
	name: string;
	nodeType: string;
	credentialType: string;
	create(): VendorSimulator;
	credentialData(url: string): ICredentialDataDecryptedObject;
	/** Adds `count` open invoices; returns what identifies each in the items. */
	addInvoices(sim: VendorSimulator, count: number): string[];
	/** The node's paying parameters for items `{ invoice }`, at a batch size. */
	parameters(batchSize: number): INodeParameters;
	/** The path part of a payment request. */
	paymentPath: RegExp;
	signOns(sim: VendorSimulator): number;
	expireAllTokens(sim: VendorSimulator): void;
	/** How many times each invoice was paid, by what identifies it in the items. */
	paidTimes(sim: VendorSimulator, invoice: string): number;
}

const batching = (batchSize: number) => ({ batching: { batch: { batchSize, batchInterval: 0 } } });

const VENDORS: SessionVendor[] = [
	{
		name: 'CRM.COM',
		nodeType: 'crmCom',
		credentialType: 'crmComApi',
		create: createCrmComDemo,
		credentialData: crmComDemoCredentialData,
		addInvoices: (sim, count) =>
			Array.from({ length: count }, (_, index) => {
				const number = `B${String(index + 1).padStart(3, '0')}`;
				(sim as CrmComSimulator).addInvoice({
					number,
					reference_number: `R${number}`,
					total_amount: '10.00',
					outstanding_amount: '10.00',
					accounts_receivable: DEMO_CRM_ACCOUNTS_RECEIVABLE,
				});
				return number;
			}),
		parameters: (batchSize) => ({
			resource: 'payment',
			operation: 'payInvoice',
			invoice_identifier: { __rl: true, mode: 'number', value: '={{ $json.invoice }}' },
			accounts_receivable_identifier: { __rl: true, mode: 'number', value: '192' },
			type_identifier: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
			payment_method_identifier: { __rl: true, mode: 'name', value: 'Direct Debit' },
			options: batching(batchSize),
		}),
		paymentPath: /payments\/pay_invoice$/,
		signOns: (sim) => (sim as CrmComSimulator).signIns,
		expireAllTokens: (sim) => (sim as CrmComSimulator).expireAllTokens(),
		paidTimes: (sim, invoice) => {
			const id = (sim as CrmComSimulator).invoice({ number: invoice })!.id;
			return (sim as CrmComSimulator).payments.filter((payment) => payment.invoice_id === id).length;
		},
	},
	{
		name: 'EVO Snap*',
		nodeType: 'evoSnap',
		credentialType: 'evoSnapApi',
		create: createEvoSnapDemo,
		credentialData: evoSnapDemoCredentialData,
		addInvoices: (sim, count) =>
			Array.from(
				{ length: count },
				(_, index) => (sim as EvoSnapSimulator).addInvoice({ Amount: `${index + 1}.25`, MerchantInvoiceId: `B${index + 1}` }).InvoiceReferenceId,
			),
		parameters: (batchSize) => ({
			resource: 'invoice',
			operation: 'process',
			InvoiceReferenceId: '={{ $json.invoice }}',
			PaymentData: { CardType: 'Visa', PaymentAccountNumber: '4111111111193231', PaymentAccountExpiration: '0530' },
			options: batching(batchSize),
		}),
		paymentPath: /\/process$/,
		signOns: (sim) => (sim as EvoSnapSimulator).signOns,
		expireAllTokens: (sim) => (sim as EvoSnapSimulator).expireAllTokens(),
		paidTimes: (sim, invoice) => (sim as EvoSnapSimulator).paymentsPerInvoice().get(invoice) ?? 0,
	},
];

describe.each(VENDORS)('$name: one sign-on per run, at any batch size', (vendor) => {
	let sim: VendorSimulator;
	beforeEach(async () => {
		sim = vendor.create();
		sim.latencyMs = 5;
		await sim.start();
	});
	afterEach(async () => {
		await sim.stop();
	});

	async function run(store: CredentialStore, batchSize: number, invoices: string[]) {
		return await runNode({
			nodeType: vendor.nodeType,
			parameters: vendor.parameters(batchSize),
			items: invoices.map((invoice) => ({ invoice })),
			credentials: store,
		});
	}

	function expectEachPaidOnce(invoices: string[]): void {
		for (const invoice of invoices) expect(vendor.paidTimes(sim, invoice)).toBe(1);
	}

	test.each([1, 10, 50])('50 payments at batch size %i: exactly one sign-on, each invoice paid once, outputs in order', async (batchSize) => {
		const invoices = vendor.addInvoices(sim, 50);
		const store = new CredentialStore({ [vendor.credentialType]: vendor.credentialData(sim.baseUrl) });
		const { items, error } = await run(store, batchSize, invoices);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(invoices.map(() => 'paid'));
		expect(items.map((item) => item.pairedItem)).toEqual(invoices.map((_, item) => ({ item })));
		expect(vendor.signOns(sim)).toBe(1);
		expect(store.preAuthenticationCalls[vendor.credentialType]).toBe(1);
		expectEachPaidOnce(invoices);
	});

	test('a token expiring while 10 requests are in flight is renewed once; each invoice paid once', async () => {
		const invoices = vendor.addInvoices(sim, 40);
		let payments = 0;
		// Every token expires just before the 15th payment request reaches the vendor.
		sim.fail(
			{ kind: 'delay', ms: 0 },
			{
				when: (request) => {
					if (vendor.paymentPath.test(request.path) && ++payments === 15) vendor.expireAllTokens(sim);
					return false;
				},
			},
		);
		const store = new CredentialStore({ [vendor.credentialType]: vendor.credentialData(sim.baseUrl) });
		const { items, error } = await run(store, 10, invoices);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(invoices.map(() => 'paid'));
		expect(vendor.signOns(sim)).toBe(2);
		// Several requests in flight were refused with the expired token, and sent again once each.
		const sent = sim.requests.filter((request) => vendor.paymentPath.test(request.path)).length;
		expect(sent).toBeGreaterThan(invoices.length + 1);
		expect(sent).toBeLessThanOrEqual(invoices.length + 10);
		expectEachPaidOnce(invoices);
	});
});
