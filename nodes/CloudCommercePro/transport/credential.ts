import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { describeNetworkFailure } from '../../shared/network';
import { redactText } from '../../shared/redact';
import type { XmlNode } from './soap';
import { readSoapResult } from './soap';
import { readCcpErrorBody } from './index';

/** A Security Hash no brand has: what CCP answers to it is what a refusal looks like. */
const SURELY_WRONG_HASH = 'n8n-credential-check-not-a-security-hash';

const CHECK_TIMEOUT_MS = 20000;

/** The parts of an answer that say how CCP judged a call (not what it returned). */
interface Verdict {
	success: boolean;
	message: string;
	fingerprint: string;
}

function text(node: XmlNode | XmlNode[] | undefined): string {
	return typeof node === 'string' ? node : '';
}

function verdictOf(result: Record<string, XmlNode>): Verdict {
	const errors = result.Errors;
	const faults = errors && typeof errors === 'object' && !Array.isArray(errors) ? errors.ApiFault : undefined;
	const list = (Array.isArray(faults) ? faults : faults === undefined ? [] : [faults]) as Array<Record<string, XmlNode>>;
	const message =
		text(result.ErrorMessage) || list.map((fault) => text(fault.Message)).find((entry) => entry !== '') || '';
	return {
		success: text(result.Success).toLowerCase() === 'true',
		message,
		fingerprint: JSON.stringify([
			text(result.Success),
			text(result.ErrorLevel),
			text(result.ErrorMessage),
			list.map((fault) => [text(fault.ErrorCode), text(fault.FaultType), text(fault.ElementName)]),
		]),
	};
}

/** The invoice summary of order 0 (read-only) with the given hash: CCP's verdict, or what went wrong. */
async function askForOrderZero(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	brandId: string,
	securityHash: string,
): Promise<Verdict | { problem: string }> {
	const operation = 'getInvoiceSummaryForOrderID';
	const url = serviceUrl(credentials, operation);
	let response: { statusCode: number; body: unknown } | undefined;
	let networkProblem: string | undefined;
	try {
		response = (await helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapAction(operation)}"` },
			body: buildEnvelope(operation, brandId, '0', securityHash),
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: CHECK_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		networkProblem = describeNetworkFailure(error, url, CHECK_TIMEOUT_MS);
	}
	if (!response) return { problem: networkProblem ?? `${url} could not be reached` };
	const body = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	if (response.statusCode >= 300) {
		const fault = readCcpErrorBody(body);
		return { problem: `HTTP ${response.statusCode} from ${url}${fault ? `: ${fault.message}` : ''} (is the URL right?)` };
	}
	try {
		return verdictOf(readSoapResult(body, operation));
	} catch (error) {
		return {
			problem: `the answer from ${url} was not a Cloud Commerce Pro answer (is the URL right?): ${(error as Error).message}`,
		};
	}
}

/**
 * Proves a Brand ID and Security Hash with real, read-only calls: the invoice summary of order 0,
 * once with the given hash and once with a hash that is surely wrong. CCP refuses both a wrong
 * hash and an unknown order with HTTP 200 and Success=false, in words that are not published; but
 * it checks the hash before it looks for the order, so an answer that differs from the answer to
 * the surely wrong hash means the hash was accepted. Throws an error starting with
 * CREDENTIAL_CHECK_FAILED: a refusal in CCP's own words, or the network or URL problem. Nothing of
 * the hash is in any message.
 */
export async function checkCloudCommerceProCredentials(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const securityHash = String(credentials.securityHash ?? '');
	const brandId = String(credentials.brandId ?? '').trim();
	const failure = (reason: string) => new Error(`${CREDENTIAL_CHECK_FAILED}${redactText(reason, [securityHash])}`);
	if (!/^\d+$/.test(brandId) || /^0+$/.test(brandId)) {
		throw failure('Brand ID must be a whole number greater than zero');
	}
	const given = await askForOrderZero(helpers, credentials, brandId, securityHash);
	if ('problem' in given) throw failure(given.problem);
	if (given.success) return `Brand ${brandId} accepted`;
	const wrong = await askForOrderZero(helpers, credentials, brandId, SURELY_WRONG_HASH);
	if ('problem' in wrong) throw failure(wrong.problem);
	if (given.fingerprint === wrong.fingerprint) {
		throw failure(`the Brand ID or Security Hash was refused: ${given.message || 'Success=false'}`);
	}
	return `Brand ${brandId} accepted`;
}

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** An element's content: text, or child elements in document order. Undefined leaves it out. */
export type XmlValue = string | number | boolean | XmlElement[] | TrustedMarkup | undefined;

/** Markup written by the transport itself (a secret's placeholder), inserted unescaped. */
export interface TrustedMarkup {
	trustedMarkup: string;
}

export type XmlElement = [name: string, value: XmlValue];

function renderElements(elements: XmlElement[], prefix: string): string {
	let text = '';
	for (const [name, value] of elements) {
		if (value === undefined) continue;
		const tag = `${prefix}${name}`;
		if (text !== '') text += '\n';
		if (Array.isArray(value)) text += `<${tag}>\n${renderElements(value, prefix)}\n</${tag}>`;
		else if (typeof value === 'object') text += `<${tag}>${value.trustedMarkup}</${tag}>`;
		else text += `<${tag}>${escapeXml(String(value))}</${tag}>`;
	}
	return text;
}

/**
 * A SOAP 1.1 request envelope in the layout WCF's own samples use (soapenv + a prefixed service
 * namespace, one element per line), so what is sent reads like the vendor's documentation.
 */
export function buildSoapEnvelope(
	operation: string,
	body: XmlElement[],
	{ namespace, prefix }: { namespace: string; prefix: string },
): string {
	return [
		`<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}" xmlns:${prefix}="${namespace}">`,
		'<soapenv:Header />',
		'<soapenv:Body>',
		renderElements([[operation, body]], `${prefix}:`),
		'</soapenv:Body>',
		'</soapenv:Envelope>',
	].join('\n');
}

/** The characters `escapeXml` writes as references. */
const XML_SPECIAL = /[&<>"'\r]/;

export function escapeXml(text: string): string {
	// Nearly every value (IDs, amounts, dates) has none of them: returned as it is.
	if (!XML_SPECIAL.test(text)) return text;
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		// An XML parser reads a raw CR as LF: written as a reference, it arrives as written.
		.replace(/\r/g, '&#13;');
}

/**
 * Marks where a secret goes in a built document. Only the transport can write it: every value a
 * user gives is escaped, and escaping turns `<` into `&lt;`, so user text can never contain it.
 */
export function secretPlaceholder(name: string): string {
	return `<!--secret:${name}-->`;
}

/** The start of every error the credential's check throws (checkCloudCommerceProCredentials, below). */
export const CREDENTIAL_CHECK_FAILED = 'Cloud Commerce Pro credential check failed: ';

const TEMPURI = 'http://tempuri.org/';

export const BASE_URLS = {
	live: 'https://wcfccpservicesbase.cloudcommercepro.com',
	sandbox: 'https://devwcfccpservicesbase.cloudcommercepro.com',
} as const;

/** The WCF services and the operations each one dispatches on. */
export const SERVICES = {
	CreatePayment: 'Payment',
	getInvoiceSummaryForOrderID: 'Order',
	AddCustomer: 'Customer',
} as const;

export type CcpOperation = keyof typeof SERVICES;

export const SECURITY_HASH_PLACEHOLDER = secretPlaceholder('SecurityHash');

export function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'live');
	const url =
		environment === 'custom'
			? String(credentials.customUrl ?? '')
			: BASE_URLS[environment as keyof typeof BASE_URLS] ?? BASE_URLS.live;
	return url.replace(/\/+$/, '');
}

export function serviceUrl(credentials: ICredentialDataDecryptedObject, operation: CcpOperation): string {
	return `${baseUrl(credentials)}/CCPApi${SERVICES[operation]}Service.svc`;
}

/** WCF dispatches on this header; a wrong one is an ActionNotSupported fault. */
export function soapAction(operation: CcpOperation): string {
	return `${TEMPURI}ICCPApi${SERVICES[operation]}Service/${operation}`;
}

/**
 * `<Op><request><BrandID/><SecurityHash/><Content/></request></Op>`, every call's shape. The
 * Security Hash is a placeholder that the credential fills in when the request is sent.
 */
export function buildEnvelope(
	operation: CcpOperation,
	brandId: string,
	content: XmlElement[] | string,
	securityHash?: string,
): string {
	return buildSoapEnvelope(
		operation,
		[
			[
				'request',
				[
					['BrandID', brandId],
					['SecurityHash', securityHash ?? { trustedMarkup: SECURITY_HASH_PLACEHOLDER }],
					['Content', content],
				],
			],
		],
		{ namespace: TEMPURI, prefix: 'tem' },
	);
}
