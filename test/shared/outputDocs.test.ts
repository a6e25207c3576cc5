/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test code: runs in Node and jest, never ships to n8n */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join, relative } from 'path';

import { OUTCOME_KEYS, STATUS_KEY } from '../../nodes/shared/outputShape';

/**
 * docs/output.md is generated from the operations' `output` declarations: a key added to an
 * operation without its meaning in the docs fails here. `UPDATE_DOCS=1 npx jest outputDocs` writes it.
 */
const ROOT = join(__dirname, '../..');
const DOC = join(ROOT, 'docs/output.md');

function operationFiles(dir: string): string[] {
	return readdirSync(dir)
		.sort()
		.flatMap((name) => {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) return operationFiles(path);
			return name.endsWith('.operation.ts') ? [path] : [];
		});
}

const NODE_NAMES: Record<string, string> = {
	Adilas: 'adilas',
	CloudCommercePro: 'Cloud Commerce Pro',
	CnbsWebAr: 'CNBS WebAR',
	CrmCom: 'CRM.COM',
	EvoSnap: 'EVO Snap\\*',
	PayInvoice: 'Pay Invoice',
};

function table(keys: Record<string, string>): string {
	return ['| Key | Meaning |', '|---|---|', ...Object.entries(keys).map(([key, meaning]) => `| \`${key}\` | ${meaning} |`)].join('\n');
}

function render(): string {
	const sections = operationFiles(join(ROOT, 'nodes'))
		.map((file) => ({ file, module: require(file) as { payment?: unknown; output?: Record<string, string> } }))
		.filter(({ module }) => module.payment !== undefined && module.output !== undefined)
		.map(({ file, module }) => {
			const path = relative(join(ROOT, 'nodes'), file).split('/');
			const operation = path[path.length - 1].replace('.operation.ts', '');
			const resource = path[path.length - 2];
			return `## ${NODE_NAMES[path[0]] ?? path[0]}: ${resource} › ${operation}\n\n${table(module.output!)}\n`;
		});
	return [
		'# What the paying operations output',
		'',
		'Generated from the operations\' `output` declarations by `test/shared/outputDocs.test.ts`; do not edit by hand.',
		'',
		'Every output item of a paying operation carries the same keys, paid, skipped, dry run or failed',
		'(with Continue On Fail): the status first, the operation\'s keys below, then the outcome keys. A key',
		'with no value is `null`. Amounts are decimal strings. Keys a vendor adds to its answer beyond these',
		'follow as the vendor sent them, on every item of the run.',
		'',
		'## Every paying operation',
		'',
		table({ ...STATUS_KEY, ...OUTCOME_KEYS }),
		'',
		...sections,
	].join('\n');
}

test('docs/output.md says what every output key of every paying operation means', () => {
	const rendered = render();
	if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, rendered);
	expect(readFileSync(DOC, 'utf8')).toBe(rendered);
	expect(rendered.match(/^## /gm)?.length).toBeGreaterThanOrEqual(9);
});
