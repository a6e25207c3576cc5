/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code: runs in Node and jest, never ships to n8n */
/**
 * For test/bench/real-n8n.js: every vendor's simulator answering after a set latency, with
 * `7 * n + 1` open invoices each, and, per vendor, what the two workflows need: the vendor node's
 * parameters, credential and items, and the HTTP Request node's request. That request is the
 * one the package's node itself sends (its last open invoice is paid once through the node in
 * n8n's engine, and the simulator's record of that payment request is the template), with the
 * item's varying fields (in the URL and the body) as `{{ $json.<field> }}` and the secrets and session token in clear, as
 * a user of the HTTP Request node must send them. Prints one JSON line; GET on `statsUrl` answers
 * each simulator's payment count.
 *
 *   argv: n latencyMs vendor,vendor,...
 */
import * as http from 'node:http';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness';
import type { RecordedRequest, VendorSimulator } from '../simulators/framework';

import { VENDORS } from './vendors';

const PACKAGE_DIR = process.env.PACKAGE_DIR ?? path.resolve(__dirname, '..', '..');
const n = Number(process.argv[2] ?? 500);
const latency = Number(process.argv[3] ?? 20);
const wanted = (process.argv[4] ?? 'cloudCommercePro,crmCom,evoSnap,cnbsWebAr,adilas').split(',');

/** Headers a client sets per connection, or that the HTTP Request node sets from its own fields. */
const NOT_COPIED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'accept-encoding', 'user-agent', 'content-type']);

/** The recorded body as an n8n expression: each item field's value (4 characters or more) as `{{ $json.<field> }}`. */
function template(body: string, item: IDataObject): string {
	const fields = Object.entries(item)
		.map(([field, value]) => [field, String(value)] as const)
		.filter(([, value]) => value.length >= 4)
		.sort((a, b) => b[1].length - a[1].length);
	let text = body;
	for (const [field, value] of fields) text = text.split(value).join(`{{ $json.${field} }}`);
	return `=${text}`;
}

async function prepare(name: string) {
	const vendor = VENDORS.find((entry) => entry.name === name);
	if (!vendor) throw new Error(`unknown vendor ${name}`);
	const sim: VendorSimulator = vendor.createSimulator();
	const baseUrl = await sim.start();
	const total = 7 * n + 1;
	vendor.load(sim, total);
	const items = vendor.items(total);
	const credentialData = vendor.credentialData(baseUrl);
	const credentials = new CredentialStore({ [vendor.credentialType]: credentialData });
	const probe = items[total - 1];
	const result = await runNode({ nodeType: vendor.nodeType, packageDir: PACKAGE_DIR, credentials, items: [probe], parameters: vendor.parameters });
	if (result.error || (result.items[0]?.json.error ?? null) !== null) {
		throw new Error(`${name}: the template payment failed: ${result.error?.message ?? String(result.items[0]?.json.error)}`);
	}
	const recorded = sim.requests.filter((request: RecordedRequest) => vendor.isPayment(request)).pop();
	if (!recorded) throw new Error(`${name}: no payment request was recorded`);
	sim.latencyMs = latency;
	const query = new URLSearchParams(recorded.query).toString();
	return {
		sim,
		vendor,
		out: {
			name,
			nodeType: vendor.nodeType,
			credentialType: vendor.credentialType,
			// With the session token the template payment signed on with (the HTTP Request node's user has one too).
			credentialData: { ...credentialData, ...credentials.get(vendor.credentialType) },
			parameters: vendor.parameters,
			items: items.slice(0, total - 1),
			http: {
				method: recorded.method,
				// EVO's invoice is in the path.
				url: template(`${baseUrl}${recorded.path}${query ? `?${query}` : ''}`, probe),
				contentType: recorded.headers['content-type'] ?? 'application/json',
				headers: Object.entries(recorded.headers)
					.filter(([header]) => !NOT_COPIED.has(header))
					.map(([header, value]) => ({ name: header, value: String(value) })),
				body: template(recorded.body, probe),
			},
		},
	};
}

async function main(): Promise<void> {
	const prepared: Array<Awaited<ReturnType<typeof prepare>>> = [];
	for (const name of wanted) prepared.push(await prepare(name));
	const stats = http.createServer((_, res) => {
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify(Object.fromEntries(prepared.map(({ vendor, sim }) => [vendor.name, vendor.payments(sim)]))));
	});
	await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
	const { port } = stats.address() as { port: number };
	console.log(JSON.stringify({ statsUrl: `http://127.0.0.1:${port}/`, vendors: prepared.map(({ out }) => out) }));
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
