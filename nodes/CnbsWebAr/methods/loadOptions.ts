import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { credentialsOf } from '../transport';
import { flag, readCustomizing } from '../helpers/customizing';
import { objectsIn } from '../helpers/utils';

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
	return optionsFrom(objectsIn(customizing.company_codes), 'company_code', (row) =>
		text(row.description ?? row.company_name ?? row.name ?? row.city),
	);
}

export function reasonCodeOptions(customizing: IDataObject): INodePropertyOptions[] {
	const options = optionsFrom(objectsIn(customizing.payment_reason_codes), 'reason_code', (row) => {
		const parts = [text(row.description)];
		if (text(row.company_code)) parts.push(`company code ${text(row.company_code)}`);
		if (flag(row.comments_required)) parts.push('comment required');
		return parts.filter(Boolean).join(', ');
	});
	return [{ name: '(None)', value: '' }, ...options];
}

export function cardTypeOptions(customizing: IDataObject): INodePropertyOptions[] {
	return optionsFrom(objectsIn(customizing.payment_cards), 'payment_card_type', (row) =>
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
