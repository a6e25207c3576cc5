import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendPaymentOnce } from '../../shared/retrySafety';
import { optionalText, textOnly } from '../../shared/input';
import { formatAmount, parseAmount } from '../../shared/money';
import { InvalidInputError } from '../../shared/errors';
import { callAdilas, describeRequest, jsonInteger, resolveCorpId } from '../transport';
import { FUNCTION_NAME_KEY } from '../transport/credential';
import { amountAsJsonNumber, numberOrText, text, transactionDates } from './utils';

export const FUNCTION_NAME = 'addInvoicePayment';

/** addInvoicePayment's arguments as given (from the node's fields or another caller). */
export interface AddPaymentInput {
	INVOICE_NUMBER: unknown;
	AMOUNT_PAID: unknown;
	MONEY_TYPE_ID: unknown;
	MERCHANT_SETTING_ID: unknown;
	/** The optional arguments, by their names (empty ones get the documented defaults). */
	extra: IDataObject;
	/** Options > Maximum Amount, as read and checked. */
	maximumAmount?: unknown;
}

/** addInvoicePayment's call object, in the order of the seed's sample. Throws on bad input. */
export function buildCall(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	input: AddPaymentInput,
): IDataObject {
	const { extra } = input;
	if (optionalText(input.INVOICE_NUMBER) === undefined) {
		throw new InvalidInputError(
			'INVOICE_NUMBER',
			'INVOICE_NUMBER is required: give the invoice number (Invoice > Start outputs it as INVOICE_NUMBER)',
		);
	}
	const dates = transactionDates(ctx, extra.TRANSACTION_DATE, extra.TRANSACTION_DATE_TIME);
	return {
		API_CALL_FUNCTION_NAME: FUNCTION_NAME,
		CORP_ID: resolveCorpId(extra.CORP_ID, credentials),
		INVOICE_NUMBER: jsonInteger(input.INVOICE_NUMBER, 'INVOICE_NUMBER'),
		MERCHANT_SETTING_ID: optionalText(input.MERCHANT_SETTING_ID) === undefined
			? 1
			: jsonInteger(input.MERCHANT_SETTING_ID, 'MERCHANT_SETTING_ID', { allowZero: true }),
		MONEY_TYPE_ID: jsonInteger(input.MONEY_TYPE_ID, 'MONEY_TYPE_ID'),
		TRANSACTION_DATE: dates.TRANSACTION_DATE,
		TRANSACTION_DATE_TIME: dates.TRANSACTION_DATE_TIME,
		ACTUAL_TRANS_NUMBER: numberOrText(extra.ACTUAL_TRANS_NUMBER),
		AMOUNT_PAID: amountAsJsonNumber(input.AMOUNT_PAID, 'AMOUNT_PAID'),
		PAYMENT_CHECK_NUMBER: text(textOnly(extra.PAYMENT_CHECK_NUMBER, 'PAYMENT_CHECK_NUMBER')),
		PAYMENT_NOTES: text(textOnly(extra.PAYMENT_NOTES, 'PAYMENT_NOTES')),
		TRANSACTION_NUMBER: numberOrText(extra.TRANSACTION_NUMBER),
		TRANSACTION_PROCESSED_BY_ID:
			optionalText(extra.TRANSACTION_PROCESSED_BY_ID) === undefined
				? 0
				: jsonInteger(extra.TRANSACTION_PROCESSED_BY_ID, 'TRANSACTION_PROCESSED_BY_ID', { allowZero: true }),
	};
}

export interface AddPaymentOutcome extends IDataObject {
	status: 'paid' | 'dry run';
}

/** Builds, then sends addInvoicePayment once (or describes it for a dry run). */
export async function addPayment(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	input: AddPaymentInput,
	{ dryRun, timeout }: { dryRun: boolean; timeout: number },
	itemIndex: number,
): Promise<AddPaymentOutcome> {
	const call = buildCall(ctx, credentials, input);
	if (dryRun) {
		return { status: 'dry run', function: FUNCTION_NAME, request: describeRequest(credentials, call) };
	}
	return await sendPaymentOnce(ctx, [itemIndex], async () => await sendPayment(ctx, credentials, call, timeout));
}

/** Sends an addInvoicePayment call object that buildCall made. */
export async function sendPayment(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	call: IDataObject,
	timeout: number,
): Promise<AddPaymentOutcome> {
	const args = Object.fromEntries(Object.entries(call).filter(([key]) => key !== FUNCTION_NAME_KEY));
	const amount = formatAmount(parseAmount(call.AMOUNT_PAID, 'AMOUNT_PAID'));
	const answer = await callAdilas(ctx, credentials, call, timeout);
	return { status: 'paid', function: FUNCTION_NAME, amount, ...args, ...answer };
}
