import type { INodeType } from 'n8n-workflow';

import { loadPackage, testCredential } from '../harness';
import { AdilasSimulator } from '../simulators/adilas';
import { adilasDemoCredentialData, createAdilasDemo, DEMO_ADILAS_PASSWORD, seedAdilasDemo } from '../simulators/adilasDemo';

const sim: AdilasSimulator = createAdilasDemo();
let data: Record<string, string | number | boolean>;

beforeAll(async () => {
	await sim.start();
	data = adilasDemoCredentialData(sim.baseUrl);
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	seedAdilasDemo(sim);
});

describe('adilas credential test (declarative, through n8n RoutingNode)', () => {
	it('is a declarative test: no node tests the credential with a function', async () => {
		const { credentialTypes, nodeTypes } = await loadPackage();
		const type = credentialTypes.getByName('adilasApi');
		expect(type.displayName).toBe('adilas API');
		expect(type.test?.request).toBeDefined();
		const adilas = nodeTypes.getByName('n8n-nodes-invoice-payments.adilas') as INodeType;
		expect(adilas.description.credentials).toEqual([{ name: 'adilasApi', required: true }]);
		expect(adilas.methods?.credentialTest).toBeUndefined();
	});

	it('passes with the right credentials, reading JSON that adilas labels text/html', async () => {
		const result = await testCredential('adilasApi', data);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		// The answer really was text/html with whitespace before the JSON: the rules still read it.
		expect(sim.calls[0]).toMatchObject({
			style: 'formField',
			status: 'ok',
			call: {
				API_CALL_FUNCTION_NAME: 'getCorpWideSettings',
				CORP_ID: 53,
				API_CORP_KEY_ID: 'PLA-0053',
				API_USER_NAME: 'demo',
				API_USER_PASSWORD: DEMO_ADILAS_PASSWORD,
				API_CURRENT_PAYEE_ID: '3',
				API_INPUT_OUTPUT_TYPE: 'JSON',
				API_URL_ENCODING: 'AUTO',
			},
		});
	});

	it('passes with a raw JSON body too', async () => {
		const result = await testCredential('adilasApi', { ...data, requestStyle: 'jsonBody' });
		expect(result.status).toBe('OK');
		expect(sim.calls[0].style).toBe('jsonBody');
		expect(sim.requests[0].headers['content-type']).toBe('application/json');
	});

	it.each([
		['a wrong password', { password: 'not-the-password' }, 'RET_STATUS "login"'],
		['a wrong API user name', { userName: 'someone' }, 'RET_STATUS "login"'],
		['a corp key of another corporation', { corpKey: 'PLA-0054' }, 'RET_STATUS "login"'],
		['a payee that may not call', { payeeId: '99' }, 'RET_STATUS "payee"'],
	])('refuses %s', async (_name, change, expected) => {
		const result = await testCredential('adilasApi', { ...data, ...change });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(expected);
		expect(result.message).not.toContain(DEMO_ADILAS_PASSWORD);
	});

	it('refuses when getCorpWideSettings is closed for the API user', async () => {
		sim.enabledMethods.delete('getCorpWideSettings');
		const result = await testCredential('adilasApi', data);
		expect(result).toMatchObject({ status: 'Error' });
		expect(result.message).toContain('RET_STATUS "permission"');
		expect(result.message).toContain('getCorpWideSettings');
	});

	it('refuses the seed\'s failure statuses (dataIn, db, zero, dataIn2) in any case', async () => {
		for (const status of ['dataIn', 'DATAIN2', 'zero', 'db']) {
			sim.fail({ kind: 'status', status: 200, contentType: 'text/html', body: `{"RET_STATUS":"${status}","RET_MAIN_MESSAGE":"x"}` });
			const result = await testCredential('adilasApi', data);
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`RET_STATUS "${status}"`);
		}
	});

	it('refuses a 200 answer that is not an adilas answer (an HTML page, JSON without RET_STATUS)', async () => {
		sim.fail({ kind: 'status', status: 200, contentType: 'text/html', body: '<html><body>Welcome to adilas</body></html>' });
		const html = await testCredential('adilasApi', data);
		expect(html.status).toBe('Error');
		expect(html.message).toContain('not an adilas API answer');
		sim.fail({ kind: 'status', status: 200, contentType: 'application/json', body: '{"hello":"world"}' });
		const other = await testCredential('adilasApi', data);
		expect(other.status).toBe('Error');
		expect(other.message).toContain('not an adilas API answer');
	});

	it('refuses a wrong endpoint path (HTTP 404) and an unreachable server', async () => {
		const wrongPath = await testCredential('adilasApi', { ...data, apiUrl: `${sim.baseUrl}/web/other.cfm` });
		expect(wrongPath.status).toBe('Error');
		const closed = await testCredential('adilasApi', { ...data, apiUrl: 'http://127.0.0.1:9/web/adilas_api_calls.cfm' });
		expect(closed.status).toBe('Error');
	});

	it('cannot see an unnamed failure status: documented in the credential notice', async () => {
		// A status nobody has named passes the Test button: the notice says so.
		sim.fail({ kind: 'status', status: 200, contentType: 'text/html', body: '{"RET_STATUS":"somethingNew"}' });
		expect((await testCredential('adilasApi', data)).status).toBe('OK');
		const { credentialTypes } = await loadPackage();
		const notice = credentialTypes.getByName('adilasApi').properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/getCorpWideSettings/);
		expect(notice?.displayName).toMatch(/cannot prove that addInvoicePayment/);
	});
});
