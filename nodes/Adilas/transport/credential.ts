import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * adilas's call object on the wire. Kept free of other imports: the credential bundles it.
 *
 * A call is ONE JSON object: API_CALL_FUNCTION_NAME, the function's own arguments, then the
 * credentials (API_CORP_KEY_ID, API_USER_NAME, API_USER_PASSWORD, API_CURRENT_PAYEE_ID) and the
 * output settings (API_INPUT_OUTPUT_TYPE, API_URL_ENCODING), in the order of the seed's sample.
 * How the object travels is NOT documented: the only public client posts it as the form field
 * `call_function_data` (application/x-www-form-urlencoded); a raw JSON body is the other choice.
 * Both are a credential setting (`requestStyle`), applied here and nowhere else.
 */

/** The public client's endpoint: the company's own adilas host may differ (data0., data7. ...). */
export const DEFAULT_API_URL = 'https://www.adilas.biz/web/adilas_api_calls.cfm';

/** The form field the public client puts the call object in. */
export const CALL_FORM_FIELD = 'call_function_data';

export const REQUEST_STYLES = {
	/** `call_function_data=<JSON>` as application/x-www-form-urlencoded (the public client's way). */
	formField: 'formField',
	/** The JSON object as the request body, application/json. */
	jsonBody: 'jsonBody',
} as const;

export type RequestStyle = (typeof REQUEST_STYLES)[keyof typeof REQUEST_STYLES];

export const FUNCTION_NAME_KEY = 'API_CALL_FUNCTION_NAME';

/** Keys the credential writes into every call; a function's arguments may not set them. */
export const CREDENTIAL_KEYS = ['API_CORP_KEY_ID', 'API_USER_NAME', 'API_USER_PASSWORD', 'API_CURRENT_PAYEE_ID'] as const;

/** The output settings every call carries: JSON answers, string values URL-encoded as adilas sees fit. */
export const OUTPUT_SETTINGS = { API_INPUT_OUTPUT_TYPE: 'JSON', API_URL_ENCODING: 'AUTO' } as const;

/** Keys of the call object that are not the function's arguments. */
export const RESERVED_KEYS: readonly string[] = [FUNCTION_NAME_KEY, ...CREDENTIAL_KEYS, ...Object.keys(OUTPUT_SETTINGS)];

export function requestStyleOf(credentials: ICredentialDataDecryptedObject): RequestStyle {
	return credentials.requestStyle === REQUEST_STYLES.jsonBody ? REQUEST_STYLES.jsonBody : REQUEST_STYLES.formField;
}

export function apiUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const url = String(credentials.apiUrl ?? '').trim();
	return url === '' ? DEFAULT_API_URL : url;
}

/** A body the node built: a plain object naming the function to call. */
export function isCallObject(body: unknown): body is IDataObject {
	return (
		body !== null &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		typeof (body as IDataObject)[FUNCTION_NAME_KEY] === 'string'
	);
}

/**
 * The whole call object: the function name, its arguments (any reserved key in them dropped),
 * then the credentials and the output settings. `password` is what goes in API_USER_PASSWORD
 * (the credential's, or a mask for a dry run).
 */
export function completeCall(call: IDataObject, credentials: ICredentialDataDecryptedObject, password: string): IDataObject {
	const args = Object.fromEntries(Object.entries(call).filter(([key]) => !RESERVED_KEYS.includes(key)));
	return {
		[FUNCTION_NAME_KEY]: call[FUNCTION_NAME_KEY],
		...args,
		API_CORP_KEY_ID: String(credentials.corpKey ?? '').trim(),
		API_USER_NAME: String(credentials.userName ?? ''),
		API_USER_PASSWORD: password,
		API_CURRENT_PAYEE_ID: String(credentials.payeeId ?? '').trim(),
		...OUTPUT_SETTINGS,
	};
}

/** The call object as the HTTP body of the chosen request style, and its content type. */
export function encodeCall(callObject: IDataObject, style: RequestStyle): { body: string; contentType: string } {
	const json = JSON.stringify(callObject);
	if (style === REQUEST_STYLES.jsonBody) return { body: json, contentType: 'application/json' };
	return {
		body: `${CALL_FORM_FIELD}=${encodeURIComponent(json)}`,
		contentType: 'application/x-www-form-urlencoded',
	};
}
