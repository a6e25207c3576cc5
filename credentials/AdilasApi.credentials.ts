import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IAuthenticateRuleResponseSuccessBody,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	apiUrlOf,
	completeCall,
	DEFAULT_API_URL,
	encodeCall,
	isCallObject,
	REQUEST_STYLES,
	requestStyleOf,
} from '../nodes/Adilas/transport/credential';

/**
 * RET_STATUS values the Test button refuses. A declarative test can only compare a value of the
 * JSON answer with given values, so "anything but ok" cannot be written: these are every failure
 * status that can be named. The seed's (addInvoicePayment: dataIn, dataIn2, zero, db); the ones
 * this package's simulator uses for a refused login, a closed method and a payee that may not call
 * (adilas's own are not public); and the usual words for a refusal.
 */
const FAILURE_STATUSES: Array<[status: string, meaning: string]> = [
	['dataIn', 'adilas is missing some data: is the corp key right (its number is sent as CORP_ID)?'],
	['dataIn2', 'adilas refused the call data'],
	['zero', 'adilas found nothing for the corp key'],
	['db', 'adilas could not reach its database'],
	['login', 'adilas refused the corp key, API user name or API password'],
	['permission', 'the API method getCorpWideSettings is not enabled for this API user'],
	['payee', 'the Current Payee ID may not make API calls'],
	['error', 'adilas reported an error'],
	['fail', 'adilas reported a failure'],
	['failed', 'adilas reported a failure'],
	['failure', 'adilas reported a failure'],
	['invalid', 'adilas refused the credentials (invalid)'],
	['denied', 'adilas refused the credentials (denied)'],
	['auth', 'adilas refused the credentials'],
	['security', 'adilas refused the credentials (security)'],
	['access', 'adilas refused access'],
	['noAccess', 'adilas refused access'],
	['notAllowed', 'adilas does not allow this call'],
	['closed', 'the API method getCorpWideSettings is closed for this API user'],
	['disabled', 'the API is disabled for this corporation or user'],
];

/** The vendor's own spelling of its name. */
const DISPLAY_NAME = 'adilas API';

function failureRules(): IAuthenticateRuleResponseSuccessBody[] {
	const rules: IAuthenticateRuleResponseSuccessBody[] = [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'RET_STATUS',
				// lodash.get gives undefined for an answer that is not a JSON object with RET_STATUS
				// (an HTML page, WDDX, another server's JSON): that is not an adilas API answer.
				value: undefined,
				message:
					'The answer was not an adilas API answer (no RET_STATUS): check the API Endpoint URL and the Request Style',
			},
		},
	];
	for (const [status, meaning] of FAILURE_STATUSES) {
		for (const variant of new Set([status, status.toLowerCase(), status.toUpperCase()])) {
			rules.push({
				type: 'responseSuccessBody',
				properties: {
					key: 'RET_STATUS',
					value: variant,
					message: `adilas answered RET_STATUS "${variant}": ${meaning}`,
				},
			});
		}
	}
	return rules;
}

export class AdilasApi implements ICredentialType {
	name = 'adilasApi';

	// adilas writes its name in lower case ("adilas API"), which a title-case rule would misspell.
	displayName = DISPLAY_NAME;

	icon = { light: 'file:../nodes/Adilas/adilas.svg', dark: 'file:../nodes/Adilas/adilas.dark.svg' } as const;

	documentationUrl = 'https://www.adilas.biz/';

	properties: INodeProperties[] = [
		{
			displayName:
				'adilas does not publish how API calls are sent: the endpoint and the request style below are settings. The Test button calls getCorpWideSettings, so that method must be ticked for this API user. It cannot prove that addInvoicePayment, startMainInvoice or any other method is enabled, and it passes on a failure status adilas has not named publicly (only the known ones are refused). Try a Dry Run, then one real call.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Endpoint URL',
			name: 'apiUrl',
			type: 'string',
			default: DEFAULT_API_URL,
			required: true,
			placeholder: DEFAULT_API_URL,
			description:
				'Where API calls are posted. Use your company\'s own adilas server (www., data0., data7.adilas.biz ...); the path is the one the public API client uses.',
		},
		{
			displayName: 'Request Style',
			name: 'requestStyle',
			type: 'options',
			options: [
				{
					name: 'Form Field call_function_data',
					value: REQUEST_STYLES.formField,
					description:
						'The JSON call object in the form field call_function_data (application/x-www-form-urlencoded), as the public API client sends it',
				},
				{
					name: 'Raw JSON Body',
					value: REQUEST_STYLES.jsonBody,
					description: 'The JSON call object as the request body (application/json)',
				},
			],
			default: REQUEST_STYLES.formField,
			description: 'How the call object is sent (not documented by adilas)',
		},
		{
			displayName: 'Corp Key (API_CORP_KEY_ID)',
			name: 'corpKey',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'PLA-0053',
			description:
				'Your corporation\'s API key: three letters, a dash and the corp ID (PLA-0053 is corp 53). CORP_ID arguments default to its number.',
		},
		{
			displayName: 'API User Name (API_USER_NAME)',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			description: 'The API user name an adilas admin set for the corporation (not a login user name)',
		},
		{
			displayName: 'API Password (API_USER_PASSWORD)',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API password an adilas admin set (separate from user passwords)',
		},
		{
			displayName: 'Current Payee ID (API_CURRENT_PAYEE_ID)',
			name: 'payeeId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3',
			description:
				'The payee (user) ID the calls are made as: it must be on the corporation\'s list of payees allowed to call the API, and is written into the history of what a call changes',
		},
	];

	// The credentials travel inside the call object, so they are written in here, when the
	// request is sent; the node's own code never puts them in a request.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (!isCallObject(requestOptions.body)) return requestOptions;
		const callObject = completeCall(requestOptions.body, credentials, String(credentials.password ?? ''));
		const { body, contentType } = encodeCall(callObject, requestStyleOf(credentials));
		const headers = Object.fromEntries(
			Object.entries(requestOptions.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-type'),
		);
		return { ...requestOptions, url: requestOptions.url || apiUrlOf(credentials), body, headers: { ...headers, 'Content-Type': contentType } };
	}

	/**
	 * getCorpWideSettings is read-only. Its CORP_ID is the corp key's number. adilas answers with
	 * HTTP 200 whatever happened, so the rules below read RET_STATUS (n8n parses the JSON even when
	 * adilas labels it text/html).
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: `={{ String($credentials.apiUrl ?? "").trim() || "${DEFAULT_API_URL}" }}`,
			body: {
				API_CALL_FUNCTION_NAME: 'getCorpWideSettings',
				CORP_ID: '={{ Number(String($credentials.corpKey ?? "").trim().split("-").pop()) }}',
			},
		},
		rules: failureRules(),
	};
}
