import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IDataObject, IHttpRequestHelper, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { checkCloudCommerceProCredentials, BASE_URLS, buildEnvelope, soapAction, escapeXml, secretPlaceholder } from '../nodes/CloudCommercePro/transport/credential';

/** Where the Security Hash goes in a request envelope (see nodes/CloudCommercePro/transport/credential.ts). */
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
		{
			displayName:
				'The Test button reads the invoice summary of order 0 (read-only) with this Brand ID and Security Hash, and once with a made-up hash. It fails when the URL does not answer as a CCP service, or when CCP answers both alike (it refused the hash or Brand ID). It cannot tell whether the brand may create payments: CCP checks that only when a payment is sent.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Credential Check',
			name: 'credentialCheck',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	/**
	 * Runs before the first call with these credentials, and at every Test: CCP answers a refused
	 * hash with HTTP 200 and XML, which a declarative test cannot read, so the hash is proven here
	 * (see nodes/CloudCommercePro/transport/credential.ts) and the answer stored in the hidden `credentialCheck` field.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return { credentialCheck: await checkCloudCommerceProCredentials(this.helpers, credentials) };
	}

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

	/** The same read-only call through n8n's request path: the URL must answer as a CCP service. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === "custom" ? String($credentials.customUrl).trim().replace(/\\/+$/, "") : $credentials.environment === "sandbox" ? "${BASE_URLS.sandbox}" : "${BASE_URLS.live}" }}`,
			url: '/CCPApiOrderService.svc',
			method: 'POST',
			headers: {
				'Content-Type': 'text/xml; charset=utf-8',
				SOAPAction: `"${soapAction('getInvoiceSummaryForOrderID')}"`,
			},
			body: `=${buildEnvelope('getInvoiceSummaryForOrderID', '{{ $credentials.brandId }}', '0')}`,
			json: false,
		},
	};
}
