import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../../shared/fields';
import type { CnbsContext } from '../transport';
import { callCnbs } from '../transport';
import { objectsIn } from './utils';

/**
 * CNBS's customizing (`GET /cnbs/v1/customizing`): what the installation allows. CNBS means it to
 * be read once per connection; the node reads it at most once per run.
 */
export async function readCustomizing(
	ctx: CnbsContext,
	credentials: ICredentialDataDecryptedObject,
	timeout = DEFAULT_TIMEOUT_MS,
): Promise<IDataObject> {
	const { answer } = await callCnbs(ctx, credentials, { method: 'GET', path: 'customizing', timeout });
	return answer;
}

export function flag(value: unknown): boolean {
	return value === true || String(value ?? '').trim().toUpperCase() === 'X';
}

/** `generel_data` (CNBS's spelling); `general_data` is read too. */
function generalData(customizing: IDataObject): IDataObject {
	const data = customizing.generel_data ?? customizing.general_data;
	return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
}

/** Partial payments: `generel_data.partial_payments_allowed` "X". Missing: not allowed. */
export function partialPaymentsAllowed(customizing: IDataObject): boolean {
	return flag(generalData(customizing).partial_payments_allowed);
}

/**
 * Overpayment: the "O" (open AR) row of `payment_types` with `overpayment_allowed` "X" (older
 * versions), or the same flag in `generel_data`. Missing: not allowed.
 */
export function overpaymentAllowed(customizing: IDataObject): boolean {
	if (flag(generalData(customizing).overpayment_allowed)) return true;
	return objectsIn(customizing.payment_types).some(
		(row) => String(row.payment_type ?? '').trim().toUpperCase() === 'O' && flag(row.overpayment_allowed),
	);
}
