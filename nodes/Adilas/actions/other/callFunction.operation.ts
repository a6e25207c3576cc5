import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { requireText } from '../../../shared/input';
import { InvalidInputError } from '../../../shared/errors';
import { callAdilas, describeRequest, resolveCorpId } from '../../transport';
import { RESERVED_KEYS } from '../../transport/credential';
import { getAdilasCredentials, readOptions } from '../../helpers/utils';

const show = { resource: ['other'], operation: ['callFunction'] };

export const description: INodeProperties[] = [
	withKind(kinds.identifier(100, { pattern: '^[A-Za-z_][A-Za-z0-9_]*$', expected: 'a method name such as getCorpWideSettings' }), {
		displayName: 'Function Name (API_CALL_FUNCTION_NAME)',
		name: 'API_CALL_FUNCTION_NAME',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'getCorpWideSettings',
		description:
			'Any adilas Main Web API method, as its documentation names it. An adilas admin must tick it for the API user first.',
		displayOptions: { show },
	}),
	{
		displayName: 'Send Arguments As',
		name: 'argumentsMode',
		type: 'options',
		options: [
			{ name: 'Key/Value Pairs', value: 'keyValue' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'keyValue',
		displayOptions: { show },
	},
	{
		displayName: 'Arguments',
		name: 'arguments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Argument',
		default: {},
		description: 'The method\'s arguments under their documented names (e.g. CORP_ID)',
		displayOptions: { show: { ...show, argumentsMode: ['keyValue'] } },
		options: [
			{
				displayName: 'Argument',
				name: 'argument',
				values: [
					withKind(kinds.identifier(100, { expected: 'an argument name such as CORP_ID' }), {
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'CORP_ID',
					}),
					withKind(kinds.text(), {
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					}),
					{
						displayName: 'Send As',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Text', value: 'string' },
							{ name: 'Number', value: 'number' },
							{ name: 'Boolean', value: 'boolean' },
						],
						default: 'string',
						description: 'The JSON type of the value: adilas\'s samples send Numeric arguments as numbers',
					},
				],
			},
		],
	},
	{
		displayName: 'Arguments (JSON)',
		name: 'argumentsJson',
		type: 'json',
		default: '{\n  "CORP_ID": 53\n}',
		description: 'The method\'s arguments as one JSON object; values keep their JSON types',
		displayOptions: { show: { ...show, argumentsMode: ['json'] } },
	},
	{
		displayName: 'Add CORP_ID From Corp Key',
		name: 'addCorpId',
		type: 'boolean',
		default: true,
		description:
			'Whether to send CORP_ID (the corp key\'s number) when the arguments do not give it; a CORP_ID that does not match the corp key is refused either way',
		displayOptions: { show },
	},
	optionsCollection(show, [dryRunOption, timeoutOption]),
];

function typedValue(value: unknown, type: string, name: string): unknown {
	if (type === 'number') {
		const text = String(value ?? '').trim();
		const number = Number(text);
		if (text === '' || !Number.isFinite(number)) {
			throw new InvalidInputError(name, `${name} must be a number, got "${text}"`);
		}
		return number;
	}
	if (type === 'boolean') {
		if (typeof value === 'boolean') return value;
		const text = String(value ?? '').trim().toLowerCase();
		if (text !== 'true' && text !== 'false') throw new InvalidInputError(name, `${name} must be true or false, got "${text}"`);
		return text === 'true';
	}
	return value === undefined || value === null ? '' : String(value);
}

function readArguments(fields: IDataObject): IDataObject {
	const mode = (fields.argumentsMode ?? 'keyValue') as string;
	if (mode === 'json') {
		// Checked and parsed by readFields (its kind is json); empty: no arguments.
		const parsed: unknown = fields.argumentsJson ?? {};
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new InvalidInputError('argumentsJson', 'Arguments (JSON) must be one JSON object such as {"CORP_ID": 53}');
		}
		return parsed as IDataObject;
	}
	const pairs = ((fields.arguments as IDataObject | undefined)?.argument ?? []) as IDataObject[];
	const args: IDataObject = {};
	for (const pair of pairs) {
		const name = requireText(pair.name, 'Arguments: Name');
		if (name in args) throw new InvalidInputError('arguments', `The argument ${name} is given twice`);
		args[name] = typedValue(pair.value, String(pair.type ?? 'string'), name) as IDataObject[string];
	}
	return args;
}

export async function buildCall(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject = readFields(ctx, itemIndex, description)): Promise<IDataObject> {
	const credentials = await getAdilasCredentials(ctx);
	const functionName = fields.API_CALL_FUNCTION_NAME as string;
	const args = readArguments(fields);
	for (const key of Object.keys(args)) {
		if (RESERVED_KEYS.includes(key.toUpperCase())) {
			throw new InvalidInputError(
				key,
				`${key} cannot be an argument: the function name is its own field and the credential writes the API_ keys`,
			);
		}
	}
	const corpKey = Object.keys(args).find((key) => key.toUpperCase() === 'CORP_ID');
	const addCorpId = fields.addCorpId !== false;
	if (corpKey !== undefined) {
		args[corpKey] = resolveCorpId(args[corpKey], credentials);
	} else if (addCorpId) {
		return { API_CALL_FUNCTION_NAME: functionName, CORP_ID: resolveCorpId(undefined, credentials), ...args };
	}
	return { API_CALL_FUNCTION_NAME: functionName, ...args };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// Every field checked first, named by its display name; the call is built from the checked values.
	const fields = readFields(this, itemIndex, description);
	const credentials = await getAdilasCredentials(this);
	const { dryRun, timeout } = readOptions(this, itemIndex);
	const call = await buildCall(this, itemIndex, fields);
	const functionName = String(call.API_CALL_FUNCTION_NAME);
	if (dryRun) {
		return { status: 'dry run', function: functionName, request: describeRequest(credentials, call) };
	}
	const answer = await callAdilas(this, credentials, call, timeout);
	return { function: functionName, ...answer };
}
