/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node and jest, never ships to n8n */
// The shape of the nodes/ tree (CONTRIBUTING.md): what shared/ holds is shared, operations are
// not each other's libraries, and every vendor folder has the same rooms.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const NODES = path.join(ROOT, 'nodes');
const VENDORS = ['Adilas', 'CloudCommercePro', 'CnbsWebAr', 'CrmCom', 'EvoSnap'];
const TEST = path.join(ROOT, 'test');
/** nodes/CrmCom -> test/crmCom. */
const testFolder = (vendor: string) => path.join(TEST, vendor[0].toLowerCase() + vendor.slice(1));
const exists = (file: string) => !!statSync(file, { throwIfNoEntry: false });

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

	it('every operation has its test, mirrored: test/<vendor>/<resource>/<op>.test.ts', () => {
		const missing = VENDORS.flatMap((vendor) =>
			filesUnder(path.join(NODES, vendor, 'actions'))
				.filter((file) => file.endsWith('.operation.ts'))
				.map((file) => path.relative(path.join(NODES, vendor, 'actions'), file).replace(/\.operation\.ts$/, '.test.ts'))
				.map((test) => path.join(testFolder(vendor), test))
				.filter((test) => !exists(test))
				.map((test) => path.relative(ROOT, test)),
		);
		expect(missing).toEqual([]);
	});

	it('every vendor test folder has fixtures.ts and transport, credential, simulator and example tests (methods where the node has methods/)', () => {
		for (const vendor of VENDORS) {
			const rooms = ['fixtures.ts', 'transport.test.ts', 'credential.test.ts', 'simulator.test.ts', 'example.test.ts'];
			if (exists(path.join(NODES, vendor, 'methods'))) rooms.push('methods.test.ts');
			for (const room of rooms) {
				const file = path.join(testFolder(vendor), room);
				expect(`${path.relative(ROOT, file)}: ${exists(file) ? 'present' : 'missing'}`).toBe(`${path.relative(ROOT, file)}: present`);
			}
		}
	});

	it('no test file in a vendor test folder outside the mirrored layout', () => {
		const known = new Set(['fixtures.ts', 'seed.ts', 'xmlOrder.ts', 'transport.test.ts', 'credential.test.ts', 'simulator.test.ts', 'example.test.ts', 'helpers.test.ts', 'methods.test.ts']);
		const strays = VENDORS.flatMap((vendor) => {
			const operations = new Set(
				filesUnder(path.join(NODES, vendor, 'actions'))
					.filter((file) => file.endsWith('.operation.ts'))
					.map((file) => path.relative(path.join(NODES, vendor, 'actions'), file).replace(/\.operation\.ts$/, '.test.ts')),
			);
			return filesUnder(testFolder(vendor))
				.map((file) => path.relative(testFolder(vendor), file).split(path.sep).join('/'))
				.filter((file) => !known.has(file) && !operations.has(file))
				.map((file) => `${path.relative(ROOT, testFolder(vendor))}/${file}`);
		});
		expect(strays).toEqual([]);
	});
});
