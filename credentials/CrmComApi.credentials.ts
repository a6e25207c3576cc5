import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IDataObject, IHttpRequestHelper, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { apiBaseUrl, parseAnswer, readStatus, SIGN_IN_FAILED } from '../nodes/CrmCom/transport/credential';
import { describeNetworkFailure, responseOf } from '../nodes/shared/network';
import { redactText } from '../nodes/shared/redact';

const SIGN_IN_TIMEOUT_MS = 30000;

export class CrmComApi implements ICredentialType {
	name = 'crmComApi';

	displayName = 'CRM.COM API';

	icon = { light: 'file:../nodes/CrmCom/crmCom.svg', dark: 'file:../nodes/CrmCom/crmCom.dark.svg' } as const;

	documentationUrl = 'https://crmdevelopment.atlassian.net/wiki/pages/viewpage.action?pageId=494531';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			placeholder: 'https://crm.example.com',
			required: true,
			description: 'Your CRM.COM server. The API is under {Server URL}/crmapi/rest/v2/.',
		},
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'User Name and Password',
					value: 'password',
					description: 'POST authentication/token with user name, password and organisation',
				},
				{
					name: 'Web API Key',
					value: 'webApiKey',
					description: 'POST authentication/web_api_key/token with the key as the HTTP Basic user name',
				},
			],
			default: 'password',
		},
		{
			displayName: 'User Name',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Organisation',
			name: 'organisation',
			type: 'string',
			default: '',
			required: true,
			description: 'The organisation the user signs in to',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Web API Key',
			name: 'webApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['webApiKey'] } },
		},
		{
			displayName: 'Unit',
			name: 'unit',
			type: 'string',
			default: '',
			description: 'The unit ID to sign in with. Empty: the user\'s default unit.',
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
	 * Signs in and returns the session token, which n8n stores in the hidden `sessionToken` field
	 * and reuses until CRM.COM refuses it. A refusal throws a plain Error with CRM.COM's message
	 * and code; nothing of the request (and never the password or key) is in it.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const base = apiBaseUrl(credentials);
		const unit = String(credentials.unit ?? '').trim();
		const secrets = [credentials.password, credentials.webApiKey].map((value) => String(value ?? ''));
		const byKey = credentials.authMethod === 'webApiKey';
		const request: IHttpRequestOptions = byKey
			? {
					method: 'POST',
					url: `${base}authentication/web_api_key/token`,
					auth: { username: String(credentials.webApiKey ?? ''), password: '' },
					headers: { 'Content-Type': 'application/json' },
					body: unit ? { unit } : {},
					json: true,
					timeout: SIGN_IN_TIMEOUT_MS,
				}
			: {
					method: 'POST',
					url: `${base}authentication/token`,
					headers: { 'Content-Type': 'application/json' },
					body: {
						username: String(credentials.username ?? ''),
						password: String(credentials.password ?? ''),
						organisation: String(credentials.organisation ?? ''),
						...(unit ? { unit } : {}),
					},
					json: true,
					timeout: SIGN_IN_TIMEOUT_MS,
				};

		let answer: unknown;
		try {
			answer = await this.helpers.httpRequest(request);
		} catch (error) {
			// Rethrown clean: n8n's error would carry the request (and so the password).
			const response = responseOf(error);
			const status = readStatus(parseAnswer(response?.data));
			let reason: string;
			if (status) {
				reason = `${status.message || status.description || 'refused'} [${status.code}]`;
			} else if (response?.status !== undefined) {
				reason = `HTTP ${response.status} from ${base}authentication/… (is the Server URL right?)`;
			} else {
				reason = describeNetworkFailure(error, base, SIGN_IN_TIMEOUT_MS, 'Server URL');
			}
			throw new Error(redactText(`${SIGN_IN_FAILED}${reason}`, secrets));
		}

		const parsed = parseAnswer(answer);
		const status = readStatus(parsed);
		if (!status) {
			throw new Error(`${SIGN_IN_FAILED}the answer was not a CRM.COM API answer (is the Server URL right?)`);
		}
		if (status.code !== 'OK') {
			const reason = status.message || status.description || 'refused';
			throw new Error(redactText(`${SIGN_IN_FAILED}${reason} [${status.code}]`, secrets));
		}
		const data = (parsed as IDataObject).data as IDataObject | null | undefined;
		const token = data?.token;
		if (typeof token !== 'string' || token === '') {
			throw new Error(`${SIGN_IN_FAILED}the answer had no token`);
		}
		return { sessionToken: token };
	}

	/** The token goes in the JSON body of POST calls (`token`) and in the query of GET calls. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.sessionToken ?? '');
		const method = String(requestOptions.method ?? 'GET').toUpperCase();
		if (method === 'GET' || method === 'DELETE' || method === 'HEAD') {
			return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), token } };
		}
		const body = requestOptions.body;
		const fields =
			body !== null && typeof body === 'object' && !Array.isArray(body)
				? Object.fromEntries(Object.entries(body as IDataObject).filter(([key]) => key !== 'token'))
				: {};
		// token first, as in CRM.COM's examples; a copy, so a refused request can be sent again.
		return { ...requestOptions, body: { token, ...fields } };
	}

	/**
	 * n8n's tester signs in first (a wrong password fails there, with CRM.COM's message), then
	 * reads a made-up invoice with the new token: CRM.COM answers "not found" (HTTP 200), which
	 * proves the token works, while a refused token is reported by the rules below.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.serverUrl).trim().replace(/\\/+$/, "").replace(/\\/crmapi\\/rest\\/v2$/i, "") }}',
			url: '/crmapi/rest/v2/invoices/show',
			method: 'GET',
			qs: { invoice_identifier: 'id=N8N-CREDENTIAL-TEST', fields_set: 'id' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.code',
					value: 'INVALID_TOKEN',
					message: 'CRM.COM signed in but refused the session token (INVALID_TOKEN)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.code',
					value: 'TOKEN_EXPIRED',
					message: 'CRM.COM signed in but refused the session token (TOKEN_EXPIRED)',
				},
			},
		],
	};
}
