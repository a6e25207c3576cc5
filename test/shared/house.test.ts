/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
// The shape of the nodes/ tree (CONTRIBUTING.md): what shared/ holds is shared, operations are
// not each other's libraries, and every vendor folder has the same rooms.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const NODES = path.join(ROOT, 'nodes');
const VENDORS = ['Adilas', 'CloudCommercePro', 'CnbsWebAr', 'CrmCom', 'EvoSnap'];

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
	});
}

const sources = [...filesUnder(NODES), ...filesUnder(path.join(ROOT, 'credentials'))];
const imports = (file: string) =>
	[...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => path.resolve(path.dirname(file), m[1]));

describe('the house', () => {
	it('every module in nodes/shared is imported by two or more folders (vendors, PayInvoice, credentials)', () => {
		const lonely = readdirSync(path.join(NODES, 'shared'))
			.filter((name) => name.endsWith('.ts'))
			.map((name) => path.join(NODES, 'shared', name.replace(/\.ts$/, '')))
			.filter((module) => {
				const users = new Set(
					sources
						.filter((file) => !file.startsWith(path.join(NODES, 'shared')) && imports(file).includes(module))
						.map((file) => path.relative(ROOT, file).split(path.sep).slice(0, 2).join('/')),
				);
				return users.size < 2;
			});
		expect(lonely.map((module) => path.relative(ROOT, module))).toEqual([]);
	});

	it('no operation imports another operation', () => {
		const offenders = sources
			.filter((file) => file.endsWith('.operation.ts'))
			.flatMap((file) => imports(file).filter((target) => target.endsWith('.operation')).map((target) => `${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`));
		expect(offenders).toEqual([]);
	});

	it('every vendor folder has the same rooms', () => {
		for (const vendor of VENDORS) {
			const dir = path.join(NODES, vendor);
			for (const room of ['actions/router.ts', 'actions/common.descriptions.ts', 'transport/index.ts', 'transport/credential.ts', 'helpers', 'payInvoice.ts', `${vendor}.node.ts`, `${vendor}.node.json`]) {
				expect(`${vendor}/${room}: ${statSync(path.join(dir, room), { throwIfNoEntry: false }) ? 'present' : 'missing'}`).toBe(`${vendor}/${room}: present`);
			}
		}
	});
});
