import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/** Every CNBS call is under this path on the SAP host. */
export const API_PATH = '/cnbs/v1/';

export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const server = String(credentials.serverUrl ?? '').trim().replace(/\/+$/, '').replace(/\/cnbs\/v1$/i, '');
	return `${server}${API_PATH}`;
}

/** The query every call carries, from the credential. */
export function commonQuery(credentials: ICredentialDataDecryptedObject): IDataObject {
	const query: IDataObject = {
		'sap-client': String(credentials.sapClient ?? '').trim(),
		'sap-language': String(credentials.sapLanguage ?? '').trim(),
		apiid: String(credentials.apiId ?? '').trim(),
	};
	return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}
