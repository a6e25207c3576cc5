import type { INodeProperties } from 'n8n-workflow';

import { kinds, withKind } from './fieldKinds';
import { compareAmounts, formatAmount, parseAmount } from './money';
import { InvalidInputError } from './errors';

/**
 * The Maximum Amount of every paying operation (added to its Options by `optionsCollection`): a
 * guard against bad data and careless AI agents, checked before the payment is sent.
 */
export const maximumAmountOption: INodeProperties = withKind(kinds.amount(), {
	displayName: 'Maximum Amount',
	name: 'maximumAmount',
	type: 'string',
	default: '',
	placeholder: '1000.00',
	description:
		'A payment above this amount is refused before anything is paid: a guard against bad data and careless automations or AI agents. Where the whole open balance is paid, the balance is read first to know the amount.',
});

const LABEL = maximumAmountOption.displayName;

/**
 * Refuses, before anything is paid, an amount above the Maximum Amount (`maximum` as the option
 * holds it; empty: no limit). `amount` undefined: not known yet, which only a dry run may leave so.
 */
export function refuseAboveMaximum(maximum: unknown, amount: unknown, { dryRun = false }: { dryRun?: boolean } = {}): void {
	if (maximum === undefined || maximum === null || maximum === '') return;
	const limit = parseAmount(maximum, LABEL);
	if (amount === undefined || amount === null || amount === '') {
		if (dryRun) return; // a dry run reads nothing, so a full balance is not known yet
		throw new InvalidInputError(LABEL, 'The amount was not known before paying, so the Maximum Amount cannot be checked: nothing was paid');
	}
	const asked = parseAmount(amount, 'amount', { allowZero: true });
	if (compareAmounts(asked, limit) > 0) {
		throw new InvalidInputError(LABEL, `The payment of ${formatAmount(asked)} is above the Maximum Amount of ${formatAmount(limit)}: nothing was paid`);
	}
}

/** Whether the option is set (then a full-balance payment reads its balance first). */
export function hasMaximum(maximum: unknown): boolean {
	return !(maximum === undefined || maximum === null || maximum === '');
}
