import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** message_type values CNBS uses for a refusal: error, abort, exception. */
const FAILURE_TYPES = ['E', 'A', 'X'] as const;

/** Where CNBS's `status` may carry the message type: an object, or an array of messages. */
const STATUS_TYPE_KEYS = ['status.message_type', 'status[0].message_type'] as const;

/** What the Test button says when SAP or CNBS answers with an error status (instead of a bare "Forbidden"). */
const STATUS_RULES = [
	[401, 'SAP refused the logon (HTTP 401): check the SAP Client and, if your system needs them, the SAP user and password'],
	[403, 'CNBS refused the request (HTTP 403): check the System ID and the API ID'],
	[404, 'No CNBS WebAR API at this address (HTTP 404): check the Server URL'],
] as const;

/**
 * Status-code rules (read when the request fails) and body rules (read when it succeeds with a
 * CNBS refusal inside). n8n's tester reads both kinds from one list (credentials-tester.service),
 * though its type names one kind per list; hence the cast.
 */
const TEST_RULES = [
	...STATUS_RULES.map(([value, message]) => ({ type: 'responseCode' as const, properties: { value, message } })),
	...STATUS_TYPE_KEYS.flatMap((key) =>
		FAILURE_TYPES.map((value) => ({
			type: 'responseSuccessBody' as const,
			properties: {
				key,
				value,
				message: `CNBS refused the request (message type ${value}): check the system ID, API ID and SAP client`,
			},
		})),
	),
] as unknown as ICredentialTestRequest['rules'];

export class CnbsWebArApi implements ICredentialType {
	name = 'cnbsWebArApi';

	displayName = 'CNBS WebAR API';

	icon = { light: 'file:../nodes/CnbsWebAr/cnbsWebAr.svg', dark: 'file:../nodes/CnbsWebAr/cnbsWebAr.dark.svg' } as const;

	documentationUrl = 'https://www.cnbsoftware.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sap.example.com',
			required: true,
			description: 'Your SAP system\'s web address (its ICF host). The API is under {Server URL}/cnbs/v1/.',
		},
		{
			displayName: 'SAP Client (sap-client)',
			name: 'sapClient',
			type: 'string',
			default: '800',
			required: true,
			description: 'The SAP client (Mandant) the API runs in, sent as the sap-client query parameter',
		},
		{
			displayName: 'Language (sap-language)',
			name: 'sapLanguage',
			type: 'string',
			default: 'EN',
			description: 'The language of CNBS\'s messages, sent as the sap-language query parameter',
		},
		{
			displayName: 'API ID (apiid)',
			name: 'apiId',
			type: 'string',
			default: 'CNBSMV01R',
			required: true,
			description:
				'The CNBS API ID configured for you, sent as the apiid query parameter (CNBSMV01R in CNBS\'s examples; some installations use another, e.g. CNBSMV01P)',
		},
		{
			displayName: 'System ID (cnbssysid)',
			name: 'systemIdSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The system ID CNBS issued for this SAP system, sent as the cnbssysid header',
		},
		{
			displayName: 'Use HTTP Basic Authentication',
			name: 'useBasicAuth',
			type: 'boolean',
			default: false,
			description: 'Whether the SAP system also requires an SAP user and password (HTTP Basic)',
		},
		{
			displayName: 'SAP User',
			name: 'user',
			type: 'string',
			default: '',
			displayOptions: { show: { useBasicAuth: [true] } },
		},
		{
			displayName: 'SAP Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { useBasicAuth: [true] } },
		},
	];

	/** The system ID goes in the cnbssysid header; the SAP user and password, when used, as HTTP Basic. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const options: IHttpRequestOptions = {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), cnbssysid: String(credentials.systemIdSecret ?? '') },
		};
		if (credentials.useBasicAuth === true) {
			options.auth = { username: String(credentials.user ?? ''), password: String(credentials.password ?? '') };
		}
		return options;
	}

	/**
	 * Reads CNBS's customizing (read-only). A wrong system ID, API ID or SAP client is refused with
	 * an HTTP error (403 from CNBS, 401 from the SAP logon), which fails the test. CNBS may also
	 * answer HTTP 200 with an error status (message type E, A or X), as an object or as an array of
	 * messages: the rules catch both.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.serverUrl).trim().replace(/\\/+$/, "").replace(/\\/cnbs\\/v1$/i, "") }}',
			url: '/cnbs/v1/customizing',
			method: 'GET',
			qs: {
				'sap-client': '={{ $credentials.sapClient }}',
				'sap-language': '={{ $credentials.sapLanguage }}',
				apiid: '={{ $credentials.apiId }}',
			},
			headers: { accept: 'application/json' },
		},
		rules: TEST_RULES,
	};
}
