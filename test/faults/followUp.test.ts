import { expectNoSecretsShown, runPay } from './recorder';
import type { NodeKind } from './vendors';
import { payRequestsFor, VENDORS } from './vendors';

/**
 * Follow-up after an unknown outcome: the answer to a payment is lost (the vendor processed it,
 * the connection was reset), the item says to check before paying again; running the same item
 * again with the balance check on finds the payment and skips it: paid once in all. adilas cannot
 * read a balance: the check is refused with a clear error and nothing is sent (see the README).
 */

const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];
const CHECKING = VENDORS.filter((vendor) => vendor.balanceCheck);
const ADILAS = VENDORS.find((vendor) => vendor.key === 'adilas')!;

describe('follow-up after an unknown outcome', () => {
	afterAll(() => expectNoSecretsShown(1));

	test('every vendor but adilas can check a balance', () => {
		expect(CHECKING.map((vendor) => vendor.key).sort()).toEqual(['cloudCommercePro', 'cnbsWebAr', 'crmCom', 'evoSnap']);
	});

	describe.each(CHECKING.flatMap((vendor) => KINDS.map((kind) => [vendor.name, kind, vendor] as const)))('%s %s', (_name, kind, vendor) => {
		test('the payment whose answer was lost is found by the balance check and skipped: paid once', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const [invoice] = vendor.load(sim, 1);
				sim.fail({ kind: 'reset', afterProcessing: true }, { when: (request) => vendor.isPayment(request) });
				const first = await runPay(vendor, kind, sim, { items: [invoice.item], label: `follow-up ${vendor.key} ${kind} first` });
				expect(String(first.items[0].json.errorDescription)).toMatch(/may have reached the vendor\. It was not sent again: check the vendor before paying again/);
				expect(vendor.paidRefs(sim)).toEqual([invoice.ref]);

				const check = vendor.balanceCheck![kind];
				const again = await runPay(vendor, kind, sim, {
					items: [invoice.item],
					parameters: check.parameters,
					options: check.options,
					label: `follow-up ${vendor.key} ${kind} again`,
				});
				expect(again.items[0].json.error).toBeNull();
				expect(String(again.items[0].json.status)).toMatch(/^skipped/);
				expect(payRequestsFor(vendor, sim)).toHaveLength(1);
				expect(vendor.paidRefs(sim)).toEqual([invoice.ref]);
			} finally {
				await sim.stop();
			}
		});
	});

	test('adilas: Pay Invoice refuses Check Balance First (nothing sent); the vendor node has no such option', async () => {
		const sim = ADILAS.create();
		await sim.start();
		try {
			const [invoice] = ADILAS.load(sim, 1);
			const result = await runPay(ADILAS, 'payInvoice', sim, { items: [invoice.item], options: { checkBalanceFirst: true }, label: 'follow-up adilas' });
			expect(result.items[0].json.error).toBe("adilas cannot check the balance first: it cannot read an invoice's balance. Turn Check Balance First off.");
			expect(sim.requests).toHaveLength(0);
		} finally {
			await sim.stop();
		}
	});
});
