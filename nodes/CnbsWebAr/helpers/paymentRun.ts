import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { paymentRefused, sendPaymentOnce } from '../../shared/retrySafety';
import { namedCall, VendorError } from '../../shared/errors';
import type { ItemOutcome } from '../../shared/execute';
import { redactValue } from '../../shared/redact';
import { amountFromVendor, compareAmounts, formatAmount } from '../../shared/money';
import { readCustomizing } from './customizing';
import { maskError, messagesOutput, secretsOf } from '../transport';
import { paymentSecretsOf, STALE_MESSAGE, SentPayment, amountRefusal, sendPayment } from './payment';
import { findDocument, readDocumentList } from './invoice';
import { PaymentItem, documentLabel, documentOutput } from './document';

export interface RunState {
	ctx: IExecuteFunctions;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail: boolean;
	customizing?: Promise<IDataObject>;
	/** Payer lists read by Check First, per payer and company code. */
	documentLists: Map<string, Promise<IDataObject[]>>;
	/** Documents paid so far in this run (for the error of a run that stops). */
	paid: string[];
}

export function customizingOf(state: RunState, timeout: number): Promise<IDataObject> {
	state.customizing ??= readCustomizing(state.ctx, state.credentials, timeout);
	return state.customizing;
}

/** Refuses, before sending, a partial payment or an overpayment CNBS's customizing does not allow. */
export async function checkAmountAllowed(state: RunState, item: PaymentItem): Promise<void> {
	if (compareAmounts(item.document.amount_to_process, item.document.open_amount) === 0) return;
	const refusal = amountRefusal(item.document, await customizingOf(state, item.options.timeout));
	if (refusal) throw refusal;
}

/** Check First: the document as CNBS lists it now. Returns a skip result, or throws a refusal. */
export async function checkDocument(state: RunState, item: PaymentItem): Promise<IDataObject | undefined> {
	const { payer, document } = item;
	const key = `${payer.customer_number}\u0000${payer.company_code}`;
	let listPromise = state.documentLists.get(key);
	if (!listPromise) {
		listPromise = namedCall('GET invoices', async () =>
			await readDocumentList(state.ctx, state.credentials, {
				payer_number: payer.customer_number,
				company_code: payer.company_code,
				document_type: '01',
				document_search_status: '03',
			}, item.options.timeout),
		);
		state.documentLists.set(key, listPromise);
	}
	const found = findDocument(await listPromise, document);
	if (!found) {
		throw new VendorError(
			`Document ${documentLabel(document)} is not among the documents CNBS lists for payer ${payer.customer_number} in company code ${payer.company_code}: nothing was paid`,
		);
	}
	if (String(found.document_status ?? '').trim() === '04') {
		throw new VendorError(`Document ${documentLabel(document)} is cancelled: nothing was paid`);
	}
	const open = amountFromVendor(found.open_amount ?? 0, 'open_amount');
	if (open.minor <= 0n) {
		return {
			status: 'skipped: already paid',
			reason: `CNBS lists the document with open amount ${formatAmount(open)}: nothing was sent`,
			...documentOutput(item),
			open_amount: formatAmount(open),
		};
	}
	if (compareAmounts(open, document.open_amount) !== 0) {
		throw new VendorError(STALE_MESSAGE, {
			description: `CNBS now lists the open amount as ${formatAmount(open)}, not ${formatAmount(document.open_amount)}. Read the document again (Invoice > Get Many) before paying it.`,
		});
	}
	return undefined;
}

/** A failure of the run that stops the node says which documents were paid before it stopped. */
export function withPaidSoFar(state: RunState, error: unknown): unknown {
	if (state.continueOnFail || state.paid.length === 0 || !(error instanceof VendorError)) return error;
	const paidText = `These documents WERE paid in this run (do not pay them again): ${state.paid.join('; ')}`;
	if (error.details.description?.includes(paidText)) return error;
	error.details.description = [error.details.description, paidText].filter(Boolean).join('\n');
	return error;
}

export function paidLabel(item: PaymentItem, payed: IDataObject): string {
	const auth = payed.authorization_number ? `, authorization ${String(payed.authorization_number)}` : '';
	const amount = payed.authorization_amount ?? formatAmount(item.document.amount_to_process);
	return `${documentLabel(item.document)}: ${String(amount)} ${String(payed.currency_key ?? item.document.currency_key)}${auth}`;
}

export function notSent(item: PaymentItem, reason: string): IDataObject {
	return { status: 'not sent', reason, ...documentOutput(item) };
}

/** Sends one payment request for the given items and returns each item's outcome. */
export async function payGroup(state: RunState, items: PaymentItem[]): Promise<ItemOutcome[]> {
	const [{ payer, detail, options }] = items;
	let sent: SentPayment;
	try {
		sent = await sendPaymentOnce(state.ctx, items.map((item) => item.itemIndex), async () =>
			await sendPayment(state.ctx, state.credentials, payer, detail, items.map((item) => item.document), options.timeout),
		);
	} catch (error) {
		return items.map((item) => ({ itemIndex: item.itemIndex, error }));
	}
	const { outcomes, messages } = sent;
	const secrets = [...secretsOf(state.credentials), ...paymentSecretsOf(detail)];
	return items.map((item, position) => {
		const outcome = outcomes[position];
		if (outcome.paid) {
			state.paid.push(paidLabel(item, outcome.payed));
			return {
				itemIndex: item.itemIndex,
				result: redactValue({
					status: 'paid',
					...documentOutput(item),
					authorization_number: outcome.payed.authorization_number,
					authorization_reference_code: outcome.payed.authorization_reference_code,
					authorization_amount: outcome.payed.authorization_amount,
					messages: messagesOutput(messages),
					documentsInRequest: items.length,
				}, secrets),
			};
		}
		// CNBS answered that it did not pay this document: it may be sent again.
		paymentRefused(state.ctx, [item.itemIndex]);
		return { itemIndex: item.itemIndex, error: maskError(outcome.error, secrets) };
	});
}
