import { CredentialStore, testCredential } from '../harness';
import { DEMO_CCP_SECURITY_HASH, seedCloudCommerceProDemo } from '../simulators/serve';
import { credentialsFor, run, seedPayment, shown, simulatorForSuite, testCredentials, useCredentials } from './fixtures';

const sim = simulatorForSuite();

function createPaymentRequests() {
	return sim.requestsTo('/CCPApiPaymentService.svc');
}

describe('Cloud Commerce Pro node in the n8n engine', () => {
	describe('credential test (declarative, so n8n\'s community-package scanner accepts it)', () => {
		const data = () => credentialsFor(sim);
		const orderRequests = () => sim.requestsTo('/CCPApiOrderService.svc');
		const hashesSent = () => orderRequests().map((request) => /<tem:SecurityHash>([^<]*)</.exec(request.body)?.[1]);

		it('succeeds with the right hash: the hash is proven against a made-up one, then n8n\'s own test request', async () => {
			const result = await testCredential('cloudCommerceProApi', data());
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(hashesSent()).toEqual([DEMO_CCP_SECURITY_HASH, 'n8n-credential-check-not-a-security-hash', DEMO_CCP_SECURITY_HASH]);
			expect(orderRequests().every((request) => /<tem:Content>0<\/tem:Content>/.test(request.body))).toBe(true);
			expect(sim.payments).toHaveLength(0);
		});

		it.each([
			['a wrong hash', { securityHash: 'not-the-hash-0000' }],
			['a wrong Brand ID', { brandId: 13 }],
		])('fails on %s with CCP\'s words, without showing the hash', async (_, change) => {
			const result = await testCredential('cloudCommerceProApi', { ...data(), ...change });
			expect(result.status).toBe('Error');
			expect(result.message).toBe(
				'Cloud Commerce Pro credential check failed: the Brand ID or Security Hash was refused: Invalid security credentials',
			);
			shown.push(result.message);
		});

		it.each([
			['an unreachable URL', () => 'http://127.0.0.1:1', /the connection to 127\.0\.0\.1:1 was refused \(is the URL right\?\)/],
			['a URL that is not a CCP service', () => `${sim.baseUrl}/not-ccp`, /HTTP 404 from .*not-ccp\/CCPApiOrderService\.svc/],
		])('fails on %s', async (_, url, expected) => {
			const result = await testCredential('cloudCommerceProApi', { ...data(), customUrl: url() });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(expected);
		});
	});

	describe('the first call with new credentials proves them, once', () => {
		beforeEach(() => {
			useCredentials(new CredentialStore({ cloudCommerceProApi: credentialsFor(sim) }));
		});

		it('checks the hash before the first payment, stores the result and does not check again', async () => {
			const first = await run(seedPayment);
			expect(first.items[0].json.status).toBe('paid');
			expect(testCredentials().get('cloudCommerceProApi')?.credentialCheck).toBe('Brand 12 accepted');
			expect(sim.requests.map((request) => request.path)).toEqual([
				'/CCPApiOrderService.svc',
				'/CCPApiOrderService.svc',
				'/CCPApiPaymentService.svc',
			]);
			sim.reset();
			seedCloudCommerceProDemo(sim);
			await run(seedPayment);
			expect(sim.requests.map((request) => request.path)).toEqual(['/CCPApiPaymentService.svc']);
		});

		it('a refused hash fails the item in CCP\'s words before any payment is sent', async () => {
			testCredentials().patch('cloudCommerceProApi', { securityHash: 'wrong-hash-value-123' });
			const { error } = await run(seedPayment);
			expect(error?.message).toBe(
				'Cloud Commerce Pro CreatePayment failed: credential check failed: the Brand ID or Security Hash was refused: Invalid security credentials',
			);
			expect(createPaymentRequests()).toHaveLength(0);
			expect(JSON.stringify(error)).not.toContain('wrong-hash-value-123');
		});
	});
});
