/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test code: runs in Node and jest, never ships to n8n */
import { readdirSync, statSync } from 'fs';
import { join } from 'path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OUTCOME_KEYS, STATUS_KEY } from '../../nodes/shared/outputShape';
import { CredentialStore, runNode } from '../harness';
import type { NodeKind } from '../faults/vendors';
import { VENDORS } from '../faults/vendors';

/**
 * Issue 20, one output shape: for every vendor, with its node and with Pay Invoice, the items of
 * a paid, a skipped, a failed (Continue On Fail) and a dry-run item carry the same keys, each key
 * declared with its meaning by the operation (`output`), so the README's tables cover them all.
 */
const KINDS: NodeKind[] = ['vendorNode', 'payInvoice'];
const COMMON = [...Object.keys(STATUS_KEY), ...Object.keys(OUTCOME_KEYS)];

/** The declared outputs of every operation that pays, from the built package. */
function declaredOutputs(): Array<Record<string, string>> {
	return operationFiles(join(__dirname, '../../nodes'))
		.map((file) => require(file) as { payment?: unknown; output?: Record<string, string> })
		.filter((module) => module.payment !== undefined && module.output !== undefined)
		.map((module) => module.output!);
}

function operationFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return operationFiles(path);
		return name.endsWith('.operation.ts') ? [path] : [];
	});
}

test('every operation that pays declares the keys of its output, with a meaning for each', () => {
	const files = operationFiles(join(__dirname, '../../nodes'));
	const paying = files
		.map((file) => ({ file, module: require(file) as { payment?: unknown; output?: Record<string, string> } }))
		.filter(({ module }) => module.payment !== undefined);
	expect(paying.length).toBeGreaterThanOrEqual(8);
	const undeclared = paying.filter(({ module }) => !module.output).map(({ file }) => file);
	expect(undeclared).toEqual([]);
	const meaningless = paying.flatMap(({ file, module }) =>
		Object.entries(module.output ?? {})
			.filter(([, meaning]) => typeof meaning !== 'string' || meaning.length < 10)
			.map(([key]) => `${file}: ${key}`),
	);
	expect(meaningless).toEqual([]);
});

describe.each(VENDORS.flatMap((vendor) => KINDS.map((kind) => [vendor.name, kind, vendor] as const)))('%s (%s)', (_name, kind, vendor) => {
	test('paid, skipped, failed and dry-run items carry the same keys, all declared', async () => {
		const sim = vendor.create();
		await sim.start();
		try {
			const [first, second, third] = vendor.load(sim, 3);
			const credentials = new CredentialStore({ [vendor.credentialType]: vendor.credentialData(sim.baseUrl) });
			const check = vendor.balanceCheck?.[kind];
			const parameters = (extra: IDataObject, checked: boolean): INodeParameters => {
				const base = { ...vendor.parameters[kind], ...(checked ? (check?.parameters ?? {}) : {}) } as IDataObject;
				const options = { ...((base.options as IDataObject) ?? {}), ...(checked ? (check?.options ?? {}) : {}), ...extra };
				return { ...base, options } as INodeParameters;
			};
			const run = async (given: INodeParameters, items: IDataObject[]) =>
				(
					await runNode({
						nodeType: kind === 'payInvoice' ? 'payInvoice' : vendor.key,
						parameters: given,
						items,
						credentials,
						credentialType: vendor.credentialType,
						continueOnFail: true,
					})
				).items.map((item) => item.json);
			// One operation's items: paid, failed, dry run; and where the balance can be read, the same
			// invoice again, skipped (with CCP the check is another operation, Pay Order in Full).
			const [paid] = await run(parameters({}, false), [first.item]);
			const [failed] = await run(parameters({}, false), [vendor.refuse(sim, third, kind).item]);
			const [dryRun] = await run(parameters({ dryRun: true }, false), [second.item]);
			expect(String(paid.status)).toMatch(/^(paid|deposited)$/);
			expect(failed.status).toBe('failed');
			expect(failed.error).toEqual(expect.any(String));
			expect(dryRun.status).toBe('dry run');
			const groups = [[paid, failed, dryRun]];
			if (check) {
				const sameOperation = check.parameters === undefined;
				const [checkedPaid] = sameOperation ? [paid] : await run(parameters({}, true), [second.item]);
				const [skipped] = await run(parameters({}, true), [sameOperation ? first.item : second.item]);
				expect(skipped.status).toBe('skipped: already paid');
				if (sameOperation) groups[0].push(skipped);
				else groups.push([checkedPaid, skipped]);
			}
			for (const all of groups) {
				const keys = Object.keys(all[0]);
				for (const item of all) expect(Object.keys(item)).toEqual(keys);
				for (const key of COMMON) expect(keys).toContain(key);
				expect(all.some((item) => Object.values(item).includes(undefined as never))).toBe(false);
				// Every key has its meaning written down: the operation's declaration covers them all.
				const own = keys.filter((key) => !COMMON.includes(key));
				const covering = declaredOutputs().find((declared) => own.every((key) => key in declared));
				expect({ keys: own, declared: covering !== undefined }).toEqual({ keys: own, declared: true });
			}
		} finally {
			await sim.stop();
		}
	});
});
