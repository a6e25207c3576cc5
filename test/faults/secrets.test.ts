import { expectNoSecretsShown, forgetShown, recordShown, runPay, secretsFound } from './recorder';
import type { NodeKind } from './vendors';
import { ALL_SECRETS, SECRETS, VENDORS } from './vendors';

/**
 * The secret scan's own checks, and the dry runs: every vendor node and Pay Invoice return the
 * request they would send, and neither it nor anything else shown holds a planted secret. (The
 * matrix, the corpus and the follow-up files feed their own recorder, checked in their afterAll.)
 */

const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];

describe('the secret scan', () => {
	afterAll(() => expectNoSecretsShown(10));

	test('finds a planted secret anywhere in what was shown, and a short CVV only standing alone', () => {
		expect(ALL_SECRETS.length).toBeGreaterThanOrEqual(8);
		const before = secretsFound().length;
		recordShown('self-test', `{"error":"failed with ${SECRETS.crmPassword} in it"}`);
		recordShown('self-test', `cvv ${SECRETS.cnbsCvv}.`);
		recordShown('self-test', `an id 9${SECRETS.cnbsCvv}7 is not a CVV`);
		const found = secretsFound().slice(before);
		expect(found).toEqual([
			['self-test', SECRETS.crmPassword],
			['self-test', SECRETS.cnbsCvv],
		]);
		// Forget the self-test's own plants before the real scan.
		forgetShown('self-test');
		expect(secretsFound()).toEqual([]);
	});

	describe.each(VENDORS.flatMap((vendor) => KINDS.map((kind) => [vendor.name, kind, vendor] as const)))('%s %s', (_name, kind, vendor) => {
		test('a dry run shows the request, secrets masked, and sends nothing', async () => {
			const sim = vendor.create();
			await sim.start();
			try {
				const invoices = vendor.load(sim, 2);
				const result = await runPay(vendor, kind, sim, {
					items: invoices.map((invoice) => invoice.item),
					options: { dryRun: true },
					label: `dry run ${vendor.key} ${kind}`,
				});
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(2);
				const shown = JSON.stringify(result.items.map((item) => item.json));
				expect(shown).toContain('***');
				for (const secret of ALL_SECRETS) expect(shown).not.toContain(secret);
				expect(sim.requests).toHaveLength(0);
			} finally {
				await sim.stop();
			}
		});
	});
});
