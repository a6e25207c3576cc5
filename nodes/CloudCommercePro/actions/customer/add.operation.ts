import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { additionalFieldsCollection, optionsCollection, timeoutOption } from '../../../shared/fields';
import { optionalText, parseIntegerId, requireText } from '../../../shared/input';
import { InvalidInputError } from '../../../shared/errors';
import type { XmlElement } from '../../transport/credential';
import type { XmlNode } from '../../transport/soap';
import { buildEnvelope } from '../../transport/credential';
import { callCcp } from '../../transport';
import { CCP_ID, CCP_TEXT } from '../common.descriptions';
import { credentialBrandId, getCcpCredentials, itemKeyOf, readOptions } from '../../helpers/utils';

const show = { resource: ['customer'], operation: ['add'] };

const requiredText = (displayName: string, name: string, placeholder: string): INodeProperties =>
	withKind(CCP_TEXT, {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		displayOptions: { show },
	});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const description: INodeProperties[] = [
	withKind(CCP_ID, {
		displayName: 'Sales Channel ID (SalesChannelID)',
		name: 'SalesChannelID',
		type: 'string',
		required: true,
		default: '',
		placeholder: '36',
		description: 'The sales channel the customer buys through',
		displayOptions: { show },
	}),
	requiredText('Company Name (CompanyName)', 'CompanyName', 'Acme Ltd'),
	requiredText('Trading Name (TradingName)', 'TradingName', 'Acme'),
	requiredText('First Name (FirstName)', 'FirstName', 'Jane'),
	requiredText('Last Name (LastName)', 'LastName', 'Doe'),
	withKind(kinds.identifier(254, { xml: true, expected: 'an e-mail address such as name@email.com' }), {
		...requiredText('Email Address (EmailAddress)', 'EmailAddress', 'name@email.com'),
		description: 'CCP returns the existing customer when a customer with this e-mail exists',
	}),
	additionalFieldsCollection(show, [
		withKind(CCP_ID, {
			displayName: 'Brand ID (intBrandID)',
			name: 'intBrandID',
			type: 'string',
			default: '',
			description: 'Empty: the Brand ID of the credential',
		}),
		{
			displayName: 'Other Customer Fields',
			name: 'otherFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Customer Field',
			description:
				'Any other AddCustomer element (e.g. Telephone, Mobile, Address1, Town, Postcode, CountryID), sent by its exact CCP name. Empty values are not sent.',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						withKind(kinds.identifier(100, { xml: true, pattern: '^[A-Za-z_][\\w.-]*$', expected: 'an XML element name such as Telephone' }), {
							displayName: 'Element Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'Telephone',
						}),
						withKind(CCP_TEXT, {
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
						}),
					],
				},
			],
		},
	]),
	optionsCollection(show, [timeoutOption]),
];

/** Customers with the same e-mail go one after the other, so the second finds the first instead of adding a twin. */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return itemKeyOf(this, itemIndex, 'EmailAddress');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// Every field checked first, named by its display name; then only the checked values are used.
	const fields = readFields(this, itemIndex, description);
	const param = (name: string) => fields[name];
	const additional = (fields.additionalFields ?? {}) as IDataObject;
	const email = requireText(param('EmailAddress'), 'EmailAddress');
	if (!EMAIL.test(email)) {
		throw new InvalidInputError('Email Address (EmailAddress)', `Email Address (EmailAddress) is not an e-mail address: "${email}"`);
	}
	const credentials = await getCcpCredentials(this);
	const { timeout } = readOptions(this, itemIndex);

	const content: XmlElement[] = [
		[
			'intBrandID',
			optionalText(additional.intBrandID) === undefined
				? credentialBrandId(credentials)
				: parseIntegerId(additional.intBrandID, 'intBrandID'),
		],
		['SalesChannelID', parseIntegerId(param('SalesChannelID'), 'SalesChannelID')],
		['CompanyName', requireText(param('CompanyName'), 'CompanyName')],
		['TradingName', requireText(param('TradingName'), 'TradingName')],
		['FirstName', requireText(param('FirstName'), 'FirstName')],
		['LastName', requireText(param('LastName'), 'LastName')],
		['EmailAddress', email],
	];
	const others = ((additional.otherFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
	for (const { name, value } of others) {
		const element = requireText(name, 'Other Customer Fields: Element Name');
		if (!/^[A-Za-z_][\w.-]*$/.test(element)) {
			throw new InvalidInputError('Other Customer Fields', `"${element}" is not a valid XML element name`);
		}
		// CCP's advice: do not send empty elements.
		const text = optionalText(value);
		if (text !== undefined) content.push([element, text]);
	}

	const envelope = buildEnvelope('AddCustomer', credentialBrandId(credentials), content);
	const result = await callCcp(this, credentials, 'AddCustomer', envelope, timeout);
	const answer = (typeof result.Content === 'object' ? result.Content : {}) as Record<string, XmlNode>;
	return {
		customerId: String(answer.ID ?? result.Content ?? ''),
		emailAddress: email,
		content: answer as IDataObject,
	};
}
