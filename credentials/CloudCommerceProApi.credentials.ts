import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { escapeXml, secretPlaceholder } from '../nodes/shared/xml';

/** Where the Security Hash goes in a request envelope (see nodes/CloudCommercePro/transport.ts). */
const SECURITY_HASH_PLACEHOLDER = secretPlaceholder('SecurityHash');

export class CloudCommerceProApi implements ICredentialType {
	name = 'cloudCommerceProApi';

	displayName = 'Cloud Commerce Pro API';

	icon = { light: 'file:../nodes/CloudCommercePro/cloudCommercePro.svg', dark: 'file:../nodes/CloudCommercePro/cloudCommercePro.dark.svg' } as const;

	documentationUrl =
		'https://help.cloudcommercepro.com/en/articles/5612736-ccp-open-api-paying-an-invoice-for-an-order';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Live',
					value: 'live',
					description: 'https://wcfccpservicesbase.cloudcommercepro.com',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'https://devwcfccpservicesbase.cloudcommercepro.com (data is reset daily)',
				},
				{
					name: 'Custom URL',
					value: 'custom',
				},
			],
			default: 'live',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'https://wcfccpservicesbase.cloudcommercepro.com',
			description: 'Base URL the .svc services are under (e.g. CCPApiPaymentService.svc)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Brand ID',
			name: 'brandId',
			type: 'number',
			default: 0,
			required: true,
			description: 'Your brand\'s BrandID, sent with every call',
		},
		{
			displayName: 'Security Hash',
			name: 'securityHash',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key Cloud Commerce Pro issued for this brand (SecurityHash), sent as given',
		},
	];

	// The Security Hash travels inside the SOAP body, so it is written into the envelope here,
	// at the placeholder the node left for it, and never passes through the node's own code.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (typeof requestOptions.body !== 'string') return requestOptions;
		return {
			...requestOptions,
			body: requestOptions.body
				.split(SECURITY_HASH_PLACEHOLDER)
				.join(escapeXml(String(credentials.securityHash ?? ''))),
		};
	}
}
