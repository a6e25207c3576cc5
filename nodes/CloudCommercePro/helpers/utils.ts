import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { formatVendorDate, DATE_FORMATS } from '../../shared/dates';
import { optionalText, parseIntegerId } from '../../shared/input';
import { credentialsOnce, perRun } from '../../shared/runState';
import { CREDENTIAL_TYPE } from '../transport';

/**
 * The credential data the node reads (environment, URL, Brand ID), once per run. The Security
 * Hash in it is never sent from here: the credential's `authenticate` writes it into each
 * request when n8n sends it.
 */
export async function getCcpCredentials(ctx: IExecuteFunctions): Promise<ICredentialDataDecryptedObject> {
	return await credentialsOnce(ctx, CREDENTIAL_TYPE);
}

/** Key parameters evaluated once per item (the item's key, then its execute): the shared helpers. */
export { itemKeyOf, itemParameter } from '../../shared/itemParameter';

export function credentialBrandId(credentials: ICredentialDataDecryptedObject): string {
	return parseIntegerId(credentials.brandId, 'Brand ID (credential)');
}

/** CCP's recommended payment date format: 2021-10-22T12:01:44. Empty means now, in the workflow's time zone. */
export function paymentDate(ctx: IExecuteFunctions, value: unknown): string {
	if (optionalText(value) === undefined) {
		return formatVendorDate(DateTime.now().setZone(ctx.getTimezone()), 'dtPaymentDate', DATE_FORMATS.isoLocalDateTime);
	}
	if (typeof value !== 'string') return formatVendorDate(value, 'dtPaymentDate', DATE_FORMATS.isoLocalDateTime);
	// The same date text (e.g. a fixed date for every item) is parsed once per run.
	const formatted = perRun(ctx, 'ccp:paymentDates', () => new Map<string, string>());
	let date = formatted.get(value);
	if (date === undefined) {
		date = formatVendorDate(value, 'dtPaymentDate', DATE_FORMATS.isoLocalDateTime);
		if (formatted.size < 1000) formatted.set(value, date);
	}
	return date;
}

export { readOptions, type RunOptions } from '../../shared/fields';
