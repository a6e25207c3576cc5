import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IDataObject, IHttpRequestHelper, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_API_VERSION, faultText, readFault, readSessionToken, SIGN_ON_FAILED, signOnUrl } from '../nodes/EvoSnap/transport/credential';
import { readHttpFailure } from '../nodes/shared/errors';
import { describeNetworkFailure } from '../nodes/shared/network';
import { redactText } from '../nodes/shared/redact';

const SIGN_ON_TIMEOUT_MS = 30000;

export class EvoSnapApi implements ICredentialType {
	name = 'evoSnapApi';

	displayName = 'EVO Snap* API';

	icon = { light: 'file:../nodes/EvoSnap/evoSnap.svg', dark: 'file:../nodes/EvoSnap/evoSnap.dark.svg' } as const;

	documentationUrl = 'https://docs.evosnap.com/commerce-web-services/';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Certification',
					value: 'certification',
					description: 'https://api.cipcert.goevo.com (test)',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'https://api.cip.goevo.com',
				},
				{
					name: 'Custom URL',
					value: 'custom',
				},
			],
			default: 'certification',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.cipcert.goevo.com',
			description: 'The host the API is under, without the version: {URL}/{API Version}/REST/...',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_API_VERSION,
			description: 'The version in every path, e.g. 2.1.28 (EVO\'s SDK) or 2.1.35',
		},
		{
			displayName: 'Identity Token',
			name: 'identityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The long identity token EVO issued for your application; it signs on for a session token',
		},
		{
			displayName: 'Merchant Profile ID',
			name: 'merchantProfileId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Dev_Test_28',
			description: 'MerchantProfileId sent with every call (a node field can override it per item)',
		},
		{
			displayName: 'Service ID',
			name: 'serviceId',
			type: 'string',
			default: '',
			placeholder: '39C6700001',
			description: 'ServiceId sent when an invoice is created or updated (a node field can override it)',
		},
		{
			displayName: 'Application Profile ID',
			name: 'applicationProfileId',
			type: 'string',
			default: '',
			placeholder: '772763',
			description: 'ApplicationProfileId sent when an invoice is created or updated (a node field can override it)',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Signs on (GET SIS.svc/token, the identity token as the Basic user name, empty password) and
	 * returns the session token, which n8n keeps in the hidden `sessionToken` field until EVO
	 * refuses it. A refusal throws a plain Error in EVO's words; the identity token is never in it.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const url = signOnUrl(credentials);
		const identityToken = String(credentials.identityToken ?? '');
		let answer: unknown;
		try {
			answer = await this.helpers.httpRequest({
				method: 'GET',
				url,
				auth: { username: identityToken, password: '' },
				headers: { Accept: 'application/json' },
				json: false,
				encoding: 'text',
				timeout: SIGN_ON_TIMEOUT_MS,
			});
		} catch (error) {
			// Rethrown clean: n8n's error would carry the request (and so the identity token).
			const { status, body } = readHttpFailure(error);
			const fault = readFault(typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body));
			let reason: string;
			if (fault) reason = `${faultText(fault)} [${fault.errorId}]`;
			else if (status !== undefined) reason = `HTTP ${status} from ${url} (is the URL or the API version right?)`;
			else reason = describeNetworkFailure(error, url, SIGN_ON_TIMEOUT_MS);
			throw new Error(redactText(`${SIGN_ON_FAILED}${reason}`, [identityToken]));
		}
		const token = readSessionToken(answer);
		if (token === undefined) {
			throw new Error(`${SIGN_ON_FAILED}the answer was not a session token (is the URL right?)`);
		}
		return { sessionToken: token };
	}

	/**
	 * Every call: HTTP Basic with the session token as the user name and an empty password. A
	 * function rather than n8n's generic `{{ $credentials.sessionToken }}` form: the same header,
	 * without an expression evaluated for every request (throughput).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return { ...requestOptions, auth: { username: String(credentials.sessionToken ?? ''), password: '' } };
	}

	/**
	 * n8n's tester signs on first (a wrong identity token fails there, in EVO's words), then asks
	 * for one invoice of the merchant profile with the new session token: a read-only call that
	 * answers 200 even when the profile has no invoice.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.environment === "custom" ? String($credentials.customUrl).trim().replace(/\\/+$/, "") : $credentials.environment === "production" ? "https://api.cip.goevo.com" : "https://api.cipcert.goevo.com") + "/" + (String($credentials.apiVersion || "").trim() || "2.1.28") }}',
			url: '/REST/DataServices/CMS.svc/Invoices/query',
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: {
				QueryInvoiceParameters: {
					CreatedDateRange: null,
					InvoiceReferenceId: null,
					InvoiceState: 'NotSet',
					CustomerReferenceId: null,
					SubscriptionReferenceId: null,
					MerchantInvoiceId: null,
				},
				Scope: 'MerchantProfileId',
				PagingParameters: { Page: 0, PageSize: 1 },
				MerchantProfileId: '={{ $credentials.merchantProfileId }}',
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 400, message: 'EVO Snap* signed on but refused the test query (HTTP 400): check the Merchant Profile ID and the API Version' },
			},
		],
	};
}
