import type { IDataObject } from 'n8n-workflow';

import { run, simulatorForSuite } from '../fixtures';

const sim = simulatorForSuite();

describe('Other > Call Function', () => {
	it('key/value arguments with their types; CORP_ID added from the corp key; answer decoded', async () => {
		const { items, error } = await run({
			resource: 'other',
			operation: 'callFunction',
			API_CALL_FUNCTION_NAME: 'getSpecificCorpWideSettings',
			argumentsMode: 'keyValue',
			arguments: { argument: [{ name: 'FIELD_LIST', value: 'web_merchant_setting_id,corp_name', type: 'string' }] },
		});
		expect(error).toBeUndefined();
		expect(sim.calls[0].call).toMatchObject({ API_CALL_FUNCTION_NAME: 'getSpecificCorpWideSettings', CORP_ID: 53, FIELD_LIST: 'web_merchant_setting_id,corp_name' });
		// CORP_NAME came URL-encoded twice ("Demo%2520Corp%2520%2526%2520Sons").
		expect(sim.requests).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			function: 'getSpecificCorpWideSettings',
			RET_STATUS: 'ok',
			CORP_WIDE_SETTINGS_ARRAY: [{ WEB_MERCHANT_SETTING_ID: 1, CORP_NAME: 'Demo Corp & Sons' }],
		});
	});

	it('JSON arguments keep their JSON types; a number argument is sent as a number', async () => {
		await run({
			resource: 'other',
			operation: 'callFunction',
			API_CALL_FUNCTION_NAME: 'getCorpWideSettings',
			argumentsMode: 'json',
			argumentsJson: '{"CORP_ID": 53, "PAGE": 2, "ACTIVE": true}',
		});
		expect(sim.calls[0].call).toMatchObject({ CORP_ID: 53, PAGE: 2, ACTIVE: true });
		await run({
			resource: 'other',
			operation: 'callFunction',
			API_CALL_FUNCTION_NAME: 'getCorpWideSettings',
			arguments: { argument: [{ name: 'PAGE', value: '2', type: 'number' }] },
		});
		expect(sim.calls[1].call).toMatchObject({ CORP_ID: 53, PAGE: 2 });
	});

	it('refuses API_ keys among the arguments and a CORP_ID of another corporation, before sending', async () => {
		const base = { resource: 'other', operation: 'callFunction', API_CALL_FUNCTION_NAME: 'getCorpWideSettings', argumentsMode: 'json' };
		expect((await run({ ...base, argumentsJson: '{"API_USER_PASSWORD": "x"}' })).error?.message).toContain('API_USER_PASSWORD cannot be an argument');
		expect((await run({ ...base, argumentsJson: '{"CORP_ID": 54}' })).error?.message).toContain('CORP_ID 54 does not match');
		expect((await run({ ...base, argumentsJson: '[1]' })).error?.message).toContain('must be one JSON object');
		expect((await run({ ...base, API_CALL_FUNCTION_NAME: 'get settings' })).error?.message).toContain('Function Name (API_CALL_FUNCTION_NAME) must be a method name');
		expect(sim.requests).toHaveLength(0);
	});

	it('a closed method fails with adilas\'s words; dry run sends nothing', async () => {
		const closed = await run({ resource: 'other', operation: 'callFunction', API_CALL_FUNCTION_NAME: 'getInventoryItems' });
		expect(closed.error?.message).toContain('This API method is not enabled for this API user. Ask an adilas admin to turn the method on. [permission]');
		sim.reset();
		const dry = await run({ resource: 'other', operation: 'callFunction', API_CALL_FUNCTION_NAME: 'getInventoryItems', options: { dryRun: true } });
		expect(dry.items[0].json).toMatchObject({ status: 'dry run', function: 'getInventoryItems' });
		expect((dry.items[0].json.request as IDataObject).callObject).toMatchObject({ API_USER_PASSWORD: '***', CORP_ID: 53 });
		expect(sim.requests).toHaveLength(0);
	});
});
