/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code: runs in Node and jest, never ships to n8n */
/**
 * The simulators' process for `npm run dev` and `npm run e2e` (scripts/lib/simulators.js bundles
 * this file with esbuild and runs it with the machine's Node): starts every demo simulator of
 * test/simulators/serve.ts on 127.0.0.1, gives each the e2e admin view of its ledger (ledgers.ts,
 * served under /__sim/), prints one ready line with what the scripts need, and stops when its
 * parent closes stdin or sends SIGTERM/SIGINT.
 *
 * SIMULATOR_PORTS: JSON object vendor key (or '*': every vendor) -> port (0 = a free port); a vendor not named there gets
 * the port in its `portEnv` variable, else its default port (serve.ts, DEMO_VENDORS).
 */
import { DEMO_VENDORS, startAllSimulators } from '../simulators/serve';
import type { VendorSimulator } from '../simulators/framework';
import { attachE2eAdmin } from './ledgers';

export const SIMULATORS_READY = 'DEV_SIMULATORS_READY ';
const UNREACHABLE_URL = 'http://127.0.0.1:1';

async function main(): Promise<void> {
	const given = JSON.parse(process.env.SIMULATOR_PORTS || '{}') as Record<string, number>;
	const ports: Record<string, number> = {};
	for (const vendor of DEMO_VENDORS) ports[vendor.key] = given[vendor.key] ?? given['*'] ?? Number(process.env[vendor.portEnv] || vendor.defaultPort);
	const sims = await startAllSimulators(ports);
	const vendors = DEMO_VENDORS.map((vendor) => {
		const sim = sims[vendor.key] as VendorSimulator;
		attachE2eAdmin(vendor.key, sim);
		sim.admin = { ...sim.admin, demo: () => vendor.seed(sim) };
		const url = sim.baseUrl;
		const data = vendor.credentialData(url);
		return {
			key: vendor.key,
			displayName: vendor.displayName,
			url,
			credential: { ...vendor.credential, data },
			// Credentials whose test must fail: the vendor refuses them, or nothing answers.
			refused: [
				{ what: 'a wrong secret', data: { ...data, ...vendor.refusedChange } },
				{ what: 'an unreachable URL', data: vendor.credentialData(UNREACHABLE_URL) },
			],
		};
	});
	process.stdout.write(SIMULATORS_READY + JSON.stringify({ vendors }) + '\n');
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		try {
			await sims.stop();
		} catch (e) {
			console.error('stopping the simulators:', e);
		}
		process.exit(0);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	// The parent holds our stdin open: when it goes away, so do we.
	process.stdin.on('end', stop);
	process.stdin.on('error', stop);
	process.stdin.resume();
}

main().catch((e) => {
	console.error('simulators failed to start:', e && e.stack ? e.stack : e);
	process.exit(1);
});
