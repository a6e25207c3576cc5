import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { namedCall, VendorError } from '../../shared/errors';
import { responseText, sendVendorRequest } from '../../shared/http';
import { messageAfter } from '../../shared/network';
import { credentialsOnce } from '../../shared/runState';
import { firstSignOnAlone } from '../../shared/session';
import { MASK } from '../../shared/redact';
import type { XmlNode } from './soap';
import { parseSoapDocument, readSoapFault, readSoapResult } from './soap';
import { CREDENTIAL_CHECK_FAILED, CcpOperation, SECURITY_HASH_PLACEHOLDER, serviceUrl, soapAction } from './credential';

export const VENDOR = 'Cloud Commerce Pro';

export const CREDENTIAL_TYPE = 'cloudCommerceProApi';

/** URL and SOAPAction of each operation, built once per credential data (i.e. once per run). */
const requestParts = new WeakMap<ICredentialDataDecryptedObject, Map<CcpOperation, { url: string; soapAction: string }>>();

function partsOf(credentials: ICredentialDataDecryptedObject, operation: CcpOperation) {
	let byOperation = requestParts.get(credentials);
	if (!byOperation) {
		byOperation = new Map();
		requestParts.set(credentials, byOperation);
	}
	let parts = byOperation.get(operation);
	if (!parts) {
		parts = { url: serviceUrl(credentials, operation), soapAction: `"${soapAction(operation)}"` };
		byOperation.set(operation, parts);
	}
	return parts;
}

export function buildHttpRequest(
	credentials: ICredentialDataDecryptedObject,
	operation: CcpOperation,
	envelope: string,
	timeout: number,
): IHttpRequestOptions {
	const { url, soapAction: action } = partsOf(credentials, operation);
	return {
		method: 'POST',
		url,
		headers: {
			'Content-Type': 'text/xml; charset=utf-8',
			SOAPAction: action,
		},
		body: envelope,
		json: false,
		encoding: 'text',
		timeout,
	};
}

/** The request as a dry run shows it: exactly what would be sent, the Security Hash masked. */
export function describeRequest(request: IHttpRequestOptions): IDataObject {
	return {
		method: request.method,
		url: request.url,
		headers: request.headers,
		body: String(request.body).split(SECURITY_HASH_PLACEHOLDER).join(MASK),
	};
}

function text(node: XmlNode | XmlNode[] | undefined): string {
	return typeof node === 'string' ? node : '';
}

/** Every `<ApiFault>` of an `<Errors>` list, as plain objects. */
function readApiFaults(errors: XmlNode | XmlNode[] | undefined): IDataObject[] {
	if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return [];
	const faults = errors.ApiFault;
	const list = Array.isArray(faults) ? faults : faults === undefined ? [] : [faults];
	return list.filter((fault) => typeof fault === 'object') as IDataObject[];
}

/**
 * Reads a CCP answer: Success=false (with HTTP 200) is a failure with the vendor's ErrorMessage
 * and its Errors (each ApiFault's ElementName and Message); otherwise the result element.
 */
export function readCcpResult(xml: string, operation: CcpOperation): Record<string, XmlNode> {
	const result = readSoapResult(xml, operation);
	if (text(result.Success).toLowerCase() === 'true') return result;
	const faults = readApiFaults(result.Errors);
	const faultTexts = faults.map((fault) =>
		[fault.ElementName, fault.Message || fault.Detail].filter(Boolean).join(': '),
	);
	const message = text(result.ErrorMessage) || faultTexts[0] || 'Success=false without an ErrorMessage';
	const codes = faults.map((fault) => fault.ErrorCode).filter(Boolean);
	throw new VendorError(message, {
			code: codes.length ? String(codes[0]) : undefined,
			description: [
				`ErrorLevel ${text(result.ErrorLevel) || '?'}`,
				...faults.map((fault) =>
					Object.entries(fault)
						.filter(([, value]) => value !== '' && value !== undefined)
						.map(([key, value]) => `${key}: ${String(value)}`)
						.join(', '),
				),
			].join('\n'),
	});
}

/** Reads the vendor's words out of a non-2xx answer: a SOAP Fault is CCP's error format. */
export function readCcpErrorBody(body: string): VendorError | undefined {
	try {
		return readSoapFault(parseSoapDocument(body));
	} catch {
		return undefined;
	}
}

/**
 * The credential proves the Brand ID and Security Hash before their first call (its
 * preAuthentication); a refusal there fails the item in CCP's words, and nothing was sent.
 */
function credentialCheckFailure(error: unknown): VendorError | undefined {
	const reason = messageAfter(error, CREDENTIAL_CHECK_FAILED);
	return reason === undefined ? undefined : new VendorError(`credential check failed: ${reason}`);
}

/** Sends one SOAP call and returns its result element (Success=true); a failure names the call. */
export async function callCcp(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	operation: CcpOperation,
	envelope: string,
	timeout: number,
): Promise<Record<string, XmlNode>> {
	return await namedCall(operation, async () => {
		const send = async () =>
			await sendVendorRequest(ctx, {
				credentialType: CREDENTIAL_TYPE,
				request: buildHttpRequest(credentials, operation, envelope, timeout),
				readVendorError: readCcpErrorBody,
				readOtherFailure: credentialCheckFailure,
				// The credential data read once for the run serves every request; its check (the
				// credential's preAuthentication) fills `credentialCheck` in that same data on first use.
				runCredentials: true,
			});
		// New credentials are checked once per run, by the first request alone.
		const response = await firstSignOnAlone(
			ctx,
			CREDENTIAL_TYPE,
			async () => (await credentialsOnce(ctx, CREDENTIAL_TYPE)).credentialCheck,
			send,
		);
		let failure: unknown;
		try {
			return readCcpResult(responseText(response.body), operation);
		} catch (error) {
			failure = error;
		}
		// A 2xx answer that cannot be read (cut off, not SOAP): a write may have been done.
		if (failure instanceof VendorError && failure.details.code === undefined && WRITES.has(operation)) {
			failure.details.outcomeUnknown = true;
		}
		throw failure;
	});
}

/** The operations that change something at CCP (an unreadable answer leaves their outcome unknown). */
const WRITES = new Set<CcpOperation>(['CreatePayment', 'AddCustomer']);

export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return [String(credentials.securityHash ?? '')];
}
