import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { VendorError } from '../shared/errors';
import { responseText } from '../shared/http';
import { redactText } from '../shared/redact';
import { buildEnvelope, readCcpErrorBody, readCcpResult, serviceUrl, soapAction } from './transport';

/** Words CCP's refusals of a brand or key use (a guess: CCP publishes no list of error texts). */
const AUTHENTICATION_FAILURE = /hash|secur|brand|auth|credential|key|permission|denied|access/i;

/**
 * Proves the credentials with a real, read-only call: the invoice summary of order 0. A wrong
 * Brand ID or Security Hash is refused; with valid ones CCP answers (the order does not exist).
 * CCP reports both in an HTTP 200 with Success=false, which a declarative test request cannot
 * tell apart, so the test is a function.
 */
export async function cloudCommerceProApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const securityHash = String(data.securityHash ?? '');
	const brandId = String(data.brandId ?? '');
	if (!/^\d+$/.test(brandId) || brandId === '0') {
		return { status: 'Error', message: 'Brand ID must be a whole number greater than zero' };
	}
	try {
		// ICredentialTestFunctions offers only the legacy `request` helper to credential tests.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = (await this.helpers.request({
			method: 'POST',
			uri: serviceUrl(data, 'getInvoiceSummaryForOrderID'),
			headers: {
				'Content-Type': 'text/xml; charset=utf-8',
				SOAPAction: `"${soapAction('getInvoiceSummaryForOrderID')}"`,
			},
			body: buildEnvelope('getInvoiceSummaryForOrderID', brandId, '0', securityHash),
			resolveWithFullResponse: true,
			simple: false,
			timeout: 20000,
		})) as { statusCode: number; body: unknown };
		const body = responseText(response.body);
		if (response.statusCode >= 300) {
			const fault = readCcpErrorBody(body);
			throw fault ?? new VendorError(`HTTP ${response.statusCode}`);
		}
		readCcpResult(body, 'getInvoiceSummaryForOrderID');
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const message = redactText(error instanceof Error ? error.message : String(error), [securityHash]);
		const details = error instanceof VendorError ? `${message} ${error.details.description ?? ''}` : message;
		if (error instanceof VendorError && !error.message.startsWith('SOAP Fault') && error.details.httpCode === undefined) {
			if (!AUTHENTICATION_FAILURE.test(details)) {
				// Past authentication: CCP only refused the test order itself.
				return { status: 'OK', message: `Connection successful (CCP answered: ${message})` };
			}
		}
		return { status: 'Error', message: `Cloud Commerce Pro refused the credentials: ${message}` };
	}
}
