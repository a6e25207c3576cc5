import type { ICredentialDataDecryptedObject, IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../shared/fields';
import type { CnbsContext } from './transport';
import { callCnbs, credentialsOf } from './transport';

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

function list(value: unknown): IDataObject[] {
	return Array.isArray(value)
		? value.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object' && !Array.isArray(entry))
		: [];
}

function flag(value: unknown): boolean {
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
	return list(customizing.payment_types).some(
		(row) => String(row.payment_type ?? '').trim().toUpperCase() === 'O' && flag(row.overpayment_allowed),
	);
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function optionsFrom(rows: IDataObject[], valueKey: string, describe: (row: IDataObject) => string): INodePropertyOptions[] {
	const seen = new Set<string>();
	const options: INodePropertyOptions[] = [];
	for (const row of rows) {
		const value = text(row[valueKey]);
		if (value === '' || seen.has(value)) continue;
		seen.add(value);
		const label = describe(row);
		options.push({ name: label && label !== value ? `${value} - ${label}` : value, value });
	}
	return options.sort((a, b) => String(a.value).localeCompare(String(b.value)));
}

export function companyCodeOptions(customizing: IDataObject): INodePropertyOptions[] {
	return optionsFrom(list(customizing.company_codes), 'company_code', (row) =>
		text(row.description ?? row.company_name ?? row.name ?? row.city),
	);
}

export function reasonCodeOptions(customizing: IDataObject): INodePropertyOptions[] {
	const options = optionsFrom(list(customizing.payment_reason_codes), 'reason_code', (row) => {
		const parts = [text(row.description)];
		if (text(row.company_code)) parts.push(`company code ${text(row.company_code)}`);
		if (flag(row.comments_required)) parts.push('comment required');
		return parts.filter(Boolean).join(', ');
	});
	return [{ name: '(None)', value: '' }, ...options];
}

export function cardTypeOptions(customizing: IDataObject): INodePropertyOptions[] {
	return optionsFrom(list(customizing.payment_cards), 'payment_card_type', (row) =>
		text(row.description ?? row.payment_card_description ?? row.name),
	);
}

async function customizingForDropdown(ctx: ILoadOptionsFunctions): Promise<IDataObject> {
	return await readCustomizing(ctx, await credentialsOf(ctx));
}

/** Dropdowns read from CNBS's customizing; an expression can always be used instead. */
export const loadOptions = {
	async getCompanyCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return companyCodeOptions(await customizingForDropdown(this));
	},
	async getPaymentReasonCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return reasonCodeOptions(await customizingForDropdown(this));
	},
	async getPaymentCardTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return cardTypeOptions(await customizingForDropdown(this));
	},
};
