/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test code: runs in Node and jest, never ships to n8n */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PayInvoice } from '../../nodes/PayInvoice/PayInvoice.node';
import type { RunNodeResult } from '../harness';
import { CredentialStore, runNode } from '../harness';
import { BATCH_MODES } from '../harness/batching';
import type { CrmComSimulator } from '../simulators/crmCom';
import type { VendorSimulator } from '../simulators/framework';
import type { DemoVendor } from '../simulators/serve';
import {
	DEMO_ADILAS_PASSWORD,
	DEMO_CCP_SECURITY_HASH,
	DEMO_CNBS_CARD,
	DEMO_CNBS_SYSTEM_ID,
	DEMO_CRM_PASSWORD,
	DEMO_EVO_IDENTITY_TOKEN,
	DEMO_EVO_INVOICES,
	DEMO_VENDORS,
} from '../simulators/serve';

/**
 * The Pay Invoice node, the same cases for all five vendors against their demo simulators: each
 * case checks the output and the simulator's ledger (the payments it recorded).
 */

/** A payment the vendor can make: its fields, and the amount it pays. */
interface Payment {
	reference: string;
	fields?: INodeParameters;
	amount: string;
}

interface VendorCase {
	key: string;
	vendor: string;
	/** Fields every payment of this vendor needs. */
	fields: INodeParameters;
	/** An open invoice paid in full; absent where the vendor cannot pay a full balance. */
	full?: Payment;
	/** A given amount paid; absent where the vendor always pays the whole balance. */
	given?: Payment;
	/** An invoice with nothing open; absent where the vendor cannot read a balance. */
	alreadyPaid?: { reference: string; fields?: INodeParameters };
	/** A payment the vendor refuses, and its words. */
	refused: { reference: string; fields?: INodeParameters; amount?: string; message: RegExp };
	/** Input refused before anything is sent, and the field the error names. */
	badInput: { reference: string; fields?: INodeParameters; amount?: string; field: string };
	/** The payments the simulator recorded. */
	payments(sim: VendorSimulator): unknown[];
	/** Secrets and card data that must never show. */
	secrets: string[];
}

const CNBS_PAYER = { cnbsWebArCustomerNumber: '3000', cnbsWebArCompanyCode: '3000' };
const CNBS_CARD = { cnbsWebArPaymentMethod: 'CC', cnbsWebArPaymentDetail: { ...DEMO_CNBS_CARD, card_validation_code: '737' } };

const CASES: VendorCase[] = [
	{
		key: 'adilas',
		vendor: 'adilas',
		fields: { adilasMoneyTypeId: '7' },
		given: { reference: '78', amount: '4.25' },
		refused: {
			reference: '79',
			amount: '5.00',
			message: /adilas Pay Invoice failed: .*\[zero\]/,
		},
		badInput: { reference: 'abc', amount: '5.00', field: 'Invoice Reference' },
		payments: (sim) => (sim as unknown as { payments: unknown[] }).payments,
		secrets: [DEMO_ADILAS_PASSWORD],
	},
	{
		key: 'cloudCommercePro',
		vendor: 'Cloud Commerce Pro',
		fields: {},
		full: { reference: '5001', amount: '12.00' },
		given: { reference: '5001', amount: '5.00' },
		alreadyPaid: { reference: '5002' },
		refused: { reference: '9999', message: /Cloud Commerce Pro getInvoiceSummaryForOrderID failed: Order not found/ },
		badInput: { reference: 'ORD-1', field: 'Invoice Reference' },
		payments: (sim) => (sim as unknown as { payments: unknown[] }).payments,
		secrets: [DEMO_CCP_SECURITY_HASH],
	},
	{
		key: 'cnbsWebAr',
		vendor: 'CNBS WebAR',
		fields: { ...CNBS_PAYER, ...CNBS_CARD },
		full: { reference: '1400000229', amount: '7000.50' },
		given: { reference: '1400000230', amount: '100.00' },
		alreadyPaid: { reference: '1400000231' },
		refused: {
			// An open amount that is no longer right: CNBS refuses it.
			reference: '1400000229',
			fields: { cnbsWebArFiscalYear: '2017', cnbsWebArLineItem: '1', cnbsWebArOpenAmount: '7000.00', currency: 'USD' },
			message: /CNBS WebAR Pay Invoice failed: the invoice changed since it was read: nothing was paid/,
		},
		badInput: { reference: '1400000229', fields: { cnbsWebArPaymentDetail: { payment_card_type: 'VISA' } }, field: 'Card Token' },
		payments: (sim) => (sim as unknown as { payments: unknown[] }).payments,
		secrets: [DEMO_CNBS_SYSTEM_ID, DEMO_CNBS_CARD.payment_card_token, '737'],
	},
	{
		key: 'crmCom',
		vendor: 'CRM.COM',
		fields: {
			crmComAccountsReceivable: { __rl: true, mode: 'number', value: '192' },
			crmComType: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
			paymentMethod: 'Direct Debit',
		},
		full: { reference: 'INV001', amount: '225.00' },
		alreadyPaid: { reference: 'INV003' },
		refused: { reference: 'INV999', message: /CRM\.COM payments\/pay_invoice failed: .*\[NOT_FOUND\]/ },
		badInput: {
			reference: 'INV001',
			fields: { crmComType: { __rl: true, mode: 'json', value: '{"id":"A1","name":"Invoices Balance Payment"}' } },
			field: 'type_identifier',
		},
		payments: (sim) => (sim as unknown as { payments: unknown[] }).payments,
		secrets: [DEMO_CRM_PASSWORD],
	},
	{
		key: 'evoSnap',
		vendor: 'EVO Snap*',
		fields: {
			evoSnapPaymentData: { CardType: 'Visa', PaymentAccountNumber: '4111111111193231', PaymentAccountExpiration: '0530' },
		},
		full: { reference: DEMO_EVO_INVOICES.pending, amount: '12.50' },
		alreadyPaid: { reference: DEMO_EVO_INVOICES.paid },
		refused: { reference: DEMO_EVO_INVOICES.cancelled, message: /EVO Snap\* Pay Invoice failed: the invoice is Cancelled/ },
		badInput: {
			reference: DEMO_EVO_INVOICES.pending,
			fields: { evoSnapPaymentData: { PaymentAccountNumber: '4111111111193231', PaymentAccountExpiration: '1320' } },
			field: 'Payment Account Expiration',
		},
		payments: (sim) => (sim as unknown as { payments: unknown[] }).payments,
		secrets: [DEMO_EVO_IDENTITY_TOKEN, '4111111111193231'],
	},
];

/** The keys every output item has, whatever the vendor. */
const OUTPUT_KEYS = ['amount', 'currency', 'error', 'errorDescription', 'invoice', 'paidAt', 'paymentId', 'reason', 'reference', 'request', 'status', 'vendor', 'vendorResponse'];

function demoOf(key: string): DemoVendor {
	return DEMO_VENDORS.find((vendor) => vendor.key === key)!;
}

// Every vendor's tests run one item at a time and with 10 items in flight at once (Batching).
describe.each(BATCH_MODES.flatMap(([mode, batching]) => CASES.map((vendorCase) => ({ ...vendorCase, mode, batching }))))(
	'Pay Invoice with $vendor ($mode)',
	({ batching, ...vendorCase }) => {
		const demo = demoOf(vendorCase.key);
		let sim: VendorSimulator;
		let credentials: CredentialStore;
		/** Everything the node showed in this vendor's tests: searched for secrets at the end. */
		const shown: string[] = [];

		beforeEach(async () => {
			sim = demo.create();
			await sim.start();
			credentials = new CredentialStore({ [demo.credential.type]: demo.credentialData(sim.baseUrl) });
		});
		afterEach(async () => {
			await sim.stop();
		});
		afterAll(() => {
			expect(shown.length).toBeGreaterThan(5);
			for (const secret of vendorCase.secrets) expect(shown.join('\n')).not.toContain(secret);
		});

		async function pay(
			reference: string,
			{ fields = {}, amount, options = {}, continueOnFail = false }: { fields?: INodeParameters; amount?: string; options?: IDataObject; continueOnFail?: boolean } = {},
		): Promise<RunNodeResult> {
			const parameters: INodeParameters = {
				vendor: vendorCase.key,
				invoiceReference: reference,
				amountMode: amount === undefined ? 'full' : 'amount',
				...(amount === undefined ? {} : { amount }),
				...vendorCase.fields,
				...fields,
				options: { ...options, ...batching } as INodeParameters,
			};
			const result = await runNode({ nodeType: 'payInvoice', parameters, credentials, credentialType: demo.credential.type, continueOnFail });
			shown.push(JSON.stringify(result.items));
			// The error's message and description (its `node` holds the parameters the user typed).
			if (result.error) shown.push(String(result.error.message), String(result.error.description));
			return result;
		}

		const paymentRequests = () => sim.requests.length;

		if (vendorCase.full) {
			const full = vendorCase.full;
			test('pays the full open balance: one payment in the ledger, the output in the common shape', async () => {
				const { items, error } = await pay(full.reference, { fields: full.fields });
				expect(error).toBeUndefined();
				expect(items).toHaveLength(1);
				const output = items[0].json;
				expect(Object.keys(output).sort()).toEqual(OUTPUT_KEYS);
				expect(output).toMatchObject({ vendor: vendorCase.vendor, status: 'paid', invoice: full.reference, amount: full.amount });
				expect(typeof output.amount).toBe('string');
				expect(vendorCase.payments(sim)).toHaveLength(1);
			});
		} else {
			test('refuses the full open balance with a clear error naming the vendor and the capability, nothing sent', async () => {
				const { error } = await pay(vendorCase.given!.reference);
				expect(error?.message).toBe(
					`${vendorCase.vendor} cannot pay the full open balance: it cannot read an invoice's balance. Choose "Amount" and give the amount to pay.`,
				);
				expect(sim.requests).toHaveLength(0);
			});
		}

		if (vendorCase.given) {
			const given = vendorCase.given;
			test('pays a given amount', async () => {
				const { items, error } = await pay(given.reference, { fields: given.fields, amount: given.amount });
				expect(error).toBeUndefined();
				expect(Object.keys(items[0].json).sort()).toEqual(OUTPUT_KEYS);
				expect(items[0].json).toMatchObject({ status: 'paid', invoice: given.reference, amount: given.amount });
				expect(vendorCase.payments(sim)).toHaveLength(1);
			});
		} else {
			test('refuses a given amount with a clear error naming the vendor and the capability, nothing sent', async () => {
				const { error } = await pay(vendorCase.full!.reference, { amount: '1.00' });
				expect(error?.message).toBe(
					`${vendorCase.vendor} cannot pay a given amount: it always pays the invoice's whole open balance. Choose "Full Open Balance".`,
				);
				expect(sim.requests).toHaveLength(0);
			});
		}

		if (vendorCase.alreadyPaid) {
			const alreadyPaid = vendorCase.alreadyPaid;
			test('with Check Balance First, skips an invoice with nothing open: no payment sent', async () => {
				const { items, error } = await pay(alreadyPaid.reference, { fields: alreadyPaid.fields, options: { checkBalanceFirst: true } });
				expect(error).toBeUndefined();
				expect(Object.keys(items[0].json).sort()).toEqual(OUTPUT_KEYS);
				expect(items[0].json).toMatchObject({ vendor: vendorCase.vendor, status: 'skipped: already paid', invoice: alreadyPaid.reference });
				expect(vendorCase.payments(sim)).toHaveLength(0);
				expect(sim.requests.every((request) => request.method === 'GET' || !/pay|process|CreatePayment/i.test(request.path + request.body))).toBe(true);
			});
		} else {
			test('refuses Check Balance First with a clear error naming the vendor and the capability, nothing sent', async () => {
				const { error } = await pay(vendorCase.given!.reference, { amount: vendorCase.given!.amount, options: { checkBalanceFirst: true } });
				expect(error?.message).toBe(
					`${vendorCase.vendor} cannot check the balance first: it cannot read an invoice's balance. Turn Check Balance First off.`,
				);
				expect(sim.requests).toHaveLength(0);
			});
		}

		test('a dry run returns the request, secrets masked, and sends nothing at all', async () => {
			const payment = vendorCase.full ?? vendorCase.given!;
			const { items, error } = await pay(payment.reference, {
				fields: payment.fields,
				amount: vendorCase.full ? undefined : payment.amount,
				options: { dryRun: true },
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ vendor: vendorCase.vendor, status: 'dry run', invoice: payment.reference });
			expect(items[0].json.request).toEqual(expect.any(Object));
			expect(JSON.stringify(items[0].json.request)).toContain('***');
			expect(paymentRequests()).toBe(0);
		});

		test('a vendor-level refusal fails the item in the vendor\'s words; Continue On Fail keeps the common fields', async () => {
			const { refused } = vendorCase;
			const { error } = await pay(refused.reference, { fields: refused.fields, amount: refused.amount });
			expect(error?.message).toMatch(refused.message);
			expect(vendorCase.payments(sim)).toHaveLength(0);

			const continued = await pay(refused.reference, { fields: refused.fields, amount: refused.amount, continueOnFail: true });
			expect(continued.items[0].json).toMatchObject({ vendor: vendorCase.vendor, status: 'failed', invoice: refused.reference });
			expect(String(continued.items[0].json.error)).toMatch(refused.message);
		});

		test('bad input is refused naming the field, before anything is sent', async () => {
			const { badInput } = vendorCase;
			const { error } = await pay(badInput.reference, { fields: badInput.fields, amount: badInput.amount });
			expect(error?.name).toBe('NodeOperationError');
			expect(`${error?.message} ${error?.description}`).toContain(badInput.field);
			expect(sim.requests).toHaveLength(0);
		});

		test('an amount written wrongly is refused naming the field, before anything is sent', async () => {
			if (!vendorCase.given) return; // the capability test above covers vendors that take no amount
			const { error } = await pay(vendorCase.given.reference, { fields: vendorCase.given.fields, amount: '12,50' });
			expect(error?.message).toBe('Amount must be a decimal amount such as 12.00, got "12,50"');
			expect(sim.requests).toHaveLength(0);
		});

		test('Maximum Amount: a payment above it is refused and nothing is paid; one within it is paid', async () => {
			const payment = vendorCase.full ?? vendorCase.given!;
			const amount = vendorCase.full ? undefined : payment.amount;
			const { error } = await pay(payment.reference, { fields: payment.fields, amount, options: { maximumAmount: '1.00' } });
			expect(error?.message).toBe(`The payment of ${payment.amount} is above the Maximum Amount of 1.00: nothing was paid`);
			expect(vendorCase.payments(sim)).toHaveLength(0);
			if (!vendorCase.full) expect(sim.requests).toHaveLength(0);

			const within = await pay(payment.reference, { fields: payment.fields, amount, options: { maximumAmount: payment.amount } });
			expect(within.items[0].json).toMatchObject({ status: 'paid', amount: payment.amount });
			expect(vendorCase.payments(sim)).toHaveLength(1);
		});

		test('a currency is checked or refused, never ignored', async () => {
			const payment = vendorCase.full ?? vendorCase.given!;
			const amount = vendorCase.full ? undefined : payment.amount;
			const { error } = await pay(payment.reference, { fields: { ...payment.fields, currency: 'JPY' }, amount });
			expect(error?.message).toMatch(
				new RegExp(`${vendorCase.vendor.replace(/[.*]/g, '\\$&')} (cannot take a currency|Pay Invoice failed: .*not JPY: nothing was paid)`),
			);
			expect(vendorCase.payments(sim)).toHaveLength(0);
		});
	},
);

describe('Pay Invoice at batch size 10', () => {
	test('items about the same invoice go one after the other: paid once, then skipped; order and pairing kept', async () => {
		const demo = demoOf('crmCom');
		const sim = demo.create();
		sim.latencyMs = 10;
		await sim.start();
		try {
			const credentials = new CredentialStore({ [demo.credential.type]: demo.credentialData(sim.baseUrl) });
			const invoices = ['INV001', 'INV002', 'INV001', 'INV003', 'INV002'];
			const { items, error } = await runNode({
				nodeType: 'payInvoice',
				parameters: {
					vendor: 'crmCom',
					invoiceReference: '={{ $json.invoice }}',
					amountMode: 'full',
					paymentMethod: 'Direct Debit',
					crmComAccountsReceivable: { __rl: true, mode: 'number', value: '192' },
					crmComType: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
					options: { checkBalanceFirst: true, batching: { batch: { batchSize: 10, batchInterval: 0 } } },
				},
				items: invoices.map((invoice) => ({ invoice })),
				credentials,
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.invoice, item.json.status])).toEqual([
				['INV001', 'paid'],
				['INV002', 'paid'],
				['INV001', 'skipped: already paid'],
				['INV003', 'skipped: already paid'],
				['INV002', 'skipped: already paid'],
			]);
			expect(items.map((item) => item.pairedItem)).toEqual(invoices.map((_, item) => ({ item })));
			expect((sim as unknown as { payments: unknown[] }).payments).toHaveLength(2);
		} finally {
			await sim.stop();
		}
	});
});

describe('Pay Invoice with CRM.COM: a Payment Reference CRM.COM already has (its back office code)', () => {
	const crmFields = {
		vendor: 'crmCom',
		amountMode: 'full',
		paymentMethod: 'Direct Debit',
		crmComAccountsReceivable: { __rl: true, mode: 'number', value: '192' },
		crmComType: { __rl: true, mode: 'name', value: 'Invoices Balance Payment' },
	};

	async function payWithReference(sim: CrmComSimulator, invoiceReference: string, paymentReference: string): Promise<RunNodeResult> {
		const demo = demoOf('crmCom');
		const credentials = new CredentialStore({ [demo.credential.type]: demo.credentialData(sim.baseUrl) });
		return await runNode({
			nodeType: 'payInvoice',
			parameters: { ...crmFields, invoiceReference, paymentReference, options: {} },
			credentials,
			continueOnFail: true,
		});
	}

	test('used by a payment of another invoice: the item fails in CRM.COM\'s words, the invoice stays unpaid', async () => {
		const sim = demoOf('crmCom').create() as CrmComSimulator;
		await sim.start();
		try {
			sim.addPayment({ invoice: { number: 'INV001' }, back_office_code: 'BANK-7781' });
			const open = sim.invoice({ number: 'INV002' })?.outstanding_amount;
			const { items } = await payWithReference(sim, 'INV002', 'BANK-7781');
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ status: 'failed', vendor: 'CRM.COM', invoice: 'INV002', reference: 'BANK-7781' });
			expect(items[0].json.error).toMatch(
				/^CRM\.COM Pay Invoice failed: back_office_code BANK-7781 already exists \(the back office code BANK-7781 was used before.*\) \[DUPLICATE_BACK_OFFICE_CODE\]$/,
			);
			expect(items[0].json.errorDescription).toMatch(/NOT paid/);
			expect(sim.invoice({ number: 'INV002' })?.outstanding_amount).toBe(open);
		} finally {
			await sim.stop();
		}
	});

	test('on the invoice it paid before: skipped: already paid, because the invoice\'s balance is 0', async () => {
		const sim = demoOf('crmCom').create() as CrmComSimulator;
		await sim.start();
		try {
			const first = await payWithReference(sim, 'INV002', 'BANK-7782');
			expect(first.items[0].json.status).toBe('paid');
			const again = await payWithReference(sim, 'INV002', 'BANK-7782');
			expect(again.items[0].json).toMatchObject({ status: 'skipped: already paid', invoice: 'INV002', reference: 'BANK-7782' });
			expect(String((again.items[0].json.vendorResponse as IDataObject).reason)).toMatch(/^The invoice's outstanding amount is 0 \(and CRM\.COM refused the back office code: back_office_code BANK-7782 already exists\)$/);
			expect(sim.payments.filter((payment) => payment.back_office_code === 'BANK-7782')).toHaveLength(1);
		} finally {
			await sim.stop();
		}
	});
});

describe('the subtitle under the node on the canvas', () => {
	// n8n evaluates the text between ={{ and }} with the node's parameters as $parameter.
	const subtitle = new PayInvoice().description.subtitle as string;
	const evaluate = (vendor: string) => new Function('$parameter', `return ${subtitle.replace(/^={{/, '').replace(/}}$/, '')}`)({ vendor }) as string;

	test.each(DEMO_VENDORS.map((demo) => [demo.key, demo.displayName]))('%s reads as "Pay an invoice in %s"', (key, name) => {
		expect(evaluate(key)).toBe(`Pay an invoice in ${name}`);
	});
});
