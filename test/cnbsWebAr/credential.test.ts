import { testCredential } from '../harness';
import { CnbsWebArSimulator } from '../simulators/cnbsWebAr';
import { DEMO_CNBS_SYSTEM_ID, loadCnbsWebArDemoLedger } from '../simulators/cnbsWebArDemo';
import { CREDENTIAL, credentialsFor, listParameters, run, simulatorForSuite, storeFor } from './fixtures';

const sim = simulatorForSuite();

describe('the credential test (GET /cnbs/v1/customizing, n8n\'s declarative test)', () => {
	test('passes with the right system ID, and reads customizing with the credential\'s query and header', async () => {
		const result = await testCredential(CREDENTIAL, credentialsFor(sim));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = sim.requestsTo('/cnbs/v1/customizing');
		expect(request.method).toBe('GET');
		expect(request.query).toEqual({ 'sap-client': '800', 'sap-language': 'EN', apiid: 'CNBSMV01R' });
		expect(request.headers.cnbssysid).toBe(DEMO_CNBS_SYSTEM_ID);
		expect(request.headers.authorization).toBeUndefined();
	});

	test('a Server URL that already ends in /cnbs/v1/ works too', async () => {
		const result = await testCredential(CREDENTIAL, credentialsFor(sim, { serverUrl: `${sim.baseUrl}/cnbs/v1/` }));
		expect(result.status).toBe('OK');
		expect(sim.requestsTo('/cnbs/v1/customizing')).toHaveLength(1);
	});

	test('fails on a wrong system ID (CNBS answers HTTP 403 with its status)', async () => {
		const result = await testCredential(CREDENTIAL, credentialsFor(sim, { systemIdSecret: 'wrong-system-id' }));
		expect(result).toEqual({ status: 'Error', message: 'CNBS refused the request (HTTP 403): check the System ID and the API ID' });
	});

	test('fails on an API ID that is not active, and on a wrong SAP client', async () => {
		expect((await testCredential(CREDENTIAL, credentialsFor(sim, { apiId: 'CNBSXX99' }))).status).toBe('Error');
		const client = await testCredential(CREDENTIAL, credentialsFor(sim, { sapClient: '100' }));
		expect(client).toEqual({
			status: 'Error',
			message: 'SAP refused the logon (HTTP 401): check the SAP Client and, if your system needs them, the SAP user and password',
		});
	});

	test.each([
		['E', false],
		['A', false],
		['X', false],
		['E', true],
		['A', true],
		['X', true],
	])('fails on a CNBS error status in an HTTP 200: message type %s, status as array: %s', async (type, asArray) => {
		sim.statusAsArray.other = asArray;
		sim.forcedMessage = { type, text: 'The API is locked for maintenance' };
		const result = await testCredential(CREDENTIAL, credentialsFor(sim));
		expect(result).toEqual({
			status: 'Error',
			message: `CNBS refused the request (message type ${type}): check the system ID, API ID and SAP client`,
		});
	});

	test('a Server URL without the CNBS API reads as such (HTTP 404)', async () => {
		const result = await testCredential(CREDENTIAL, credentialsFor(sim, { serverUrl: `${sim.baseUrl}/elsewhere` }));
		expect(result).toEqual({ status: 'Error', message: 'No CNBS WebAR API at this address (HTTP 404): check the Server URL' });
	});

	test('passes with W and I messages (not failures)', async () => {
		sim.forcedMessage = { type: 'W', text: 'License expires soon', times: 1 };
		expect((await testCredential(CREDENTIAL, credentialsFor(sim))).status).toBe('OK');
	});
});

describe('HTTP Basic (SAP user and password)', () => {
	const basicSim = new CnbsWebArSimulator({ systemId: DEMO_CNBS_SYSTEM_ID, basic: { user: 'N8N_RFC', password: 'Sap-Passw0rd!' } });
	beforeAll(async () => {
		await basicSim.start();
		loadCnbsWebArDemoLedger(basicSim);
	});
	afterAll(async () => {
		await basicSim.stop();
	});
	const basic = { useBasicAuth: true, user: 'N8N_RFC', password: 'Sap-Passw0rd!' };

	test('the credential test passes with the SAP user and fails without or with a wrong password', async () => {
		expect((await testCredential(CREDENTIAL, credentialsFor(basicSim, basic))).status).toBe('OK');
		expect((await testCredential(CREDENTIAL, credentialsFor(basicSim))).status).toBe('Error');
		const wrong = await testCredential(CREDENTIAL, credentialsFor(basicSim, { ...basic, password: 'nope-nope' }));
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^SAP refused the logon \(HTTP 401\)/);
	});

	test('the node sends Basic with every call; a refused logon names no secret', async () => {
		const ok = await run(listParameters(), undefined, { credentials: storeFor(basicSim, basic) });
		expect(ok.error).toBeUndefined();
		expect(ok.items.length).toBeGreaterThan(0);
		const refused = await run(listParameters(), undefined, { credentials: storeFor(basicSim, { ...basic, password: 'Wrong-Passw0rd' }) });
		expect(refused.error?.message).toContain('HTTP 401');
		expect(JSON.stringify(refused.error)).not.toContain('Wrong-Passw0rd');
		expect(JSON.stringify(refused.error)).not.toContain(Buffer.from('N8N_RFC:Wrong-Passw0rd').toString('base64'));
	});
});
