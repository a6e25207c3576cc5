import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { sendPaymentOnce } from '../../../shared/retrySafety';
import { VendorError } from '../../../shared/errors';
import { credentialsOnce, perRun } from '../../../shared/runState';
import { toJsonText } from '../../../shared/jsonText';
import { additionalFieldsCollection, dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { itemKeyOf } from '../../../shared/itemParameter';
import { holdNoExpression, kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { hasMaximum, refuseAboveMaximum } from '../../../shared/maximumAmount';
import { amountFromVendor, formatAmount } from '../../../shared/money';
import { buildEvoRequest, callEvo, CREDENTIAL_TYPE, describeEvoRequest } from '../../transport';
import { cardSecrets, profileId } from '../../helpers/invoiceBody';
import { invoiceReferenceId, readOptions } from '../../helpers/utils';
import { automationInfoField, cardFields, DEFAULT_ALREADY_PAID_STATES, EVO_KINDS, invoiceReferenceIdField, merchantProfileIdField, tokenFields, TRANSACTION_TYPES } from '../common.descriptions';
import { readInvoice } from '../../helpers/invoice';
import { ProcessParameters, processBody, readProcessAnswer } from '../../helpers/payment';
import type { OutputKeys } from '../../../shared/outputShape';

const show = { resource: ['invoice'], operation: ['process'] };

export const description: INodeProperties[] = [
	{
		...invoiceReferenceIdField,
		description: 'The invoice to pay (InvoiceReferenceId, 32 hexadecimal characters such as 6177CCEE97C84FF7B1CFF11EAA347DBE). EVO charges its whole amount; an invoice EVO does not know fails the item with EVO\'s error.',
		displayOptions: { show },
	},
	withKind(EVO_KINDS.transactionType, {
		displayName: 'Transaction Type',
		name: 'TransactionType',
		type: 'options',
		options: TRANSACTION_TYPES.map((value) => ({ name: value, value })),
		default: 'AuthorizeAndCapture',
		description: 'How EVO charges the card (TransactionType). Only AuthorizeAndCapture is known publicly; another can be given by expression.',
		displayOptions: { show },
	}),
	{
		...cardFields('PaymentData', 'Payment Data: Card (PaymentDataInfo)'),
		description:
			'Pay with card data (ProcessingInformation.PaymentDataInfo). Empty card and token: the payment data the invoice holds.',
		displayOptions: { show },
	},
	{ ...tokenFields('Payment Data: Token (PaymentDataInfo.TokenInformation)'), displayOptions: { show } },
	{
		...automationInfoField('AutomationInfo of the processing; flags not added are false, except Process Payment (true)'),
		displayOptions: { show },
	},
	additionalFieldsCollection(show, [merchantProfileIdField]),
	optionsCollection(show, [
		{
			displayName: 'Check Invoice First',
			name: 'checkFirst',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the invoice first: one in an Already Paid State is skipped (nothing is charged), a Cancelled one fails',
		},
		withKind(kinds.text(), {
			displayName: 'Already Paid States',
			name: 'alreadyPaidStates',
			type: 'string',
			default: DEFAULT_ALREADY_PAID_STATES,
			description:
				'The invoice states that mean "already paid", separated by commas. EVO publishes no name for its paid state: set what your account shows.',
		}),
		{
			...dryRunOption,
			description:
				'Whether to only return the exact request that would be sent (card data and token masked). Nothing is sent: no sign-on, no invoice check, no payment.',
		},
		timeoutOption,
	], { pays: true }),
];

export function readParameters(ctx: IExecuteFunctions, itemIndex: number): ProcessParameters {
	const input = readFields(ctx, itemIndex, description);
	const object = (name: string) => (input[name] ?? {}) as IDataObject;
	return {
		InvoiceReferenceId: input.InvoiceReferenceId,
		TransactionType: input.TransactionType ?? 'AuthorizeAndCapture',
		PaymentData: object('PaymentData'),
		TokenInformation: object('TokenInformation'),
		AutomationInfo: object('AutomationInfo'),
		additionalFields: object('additionalFields'),
		maximumAmount: object('options').maximumAmount,
	};
}

/** What each output item carries (see outputShape.ts); TransactionId to StatusMessage are EVO's answer. */
export const output: OutputKeys = {
	InvoiceReferenceId: 'The invoice processed (InvoiceReferenceId)',
	TransactionId: 'EVO\'s ID of the payment transaction',
	Status: 'EVO\'s status of the transaction (e.g. Successful)',
	StatusCode: 'EVO\'s status code of the transaction',
	StatusMessage: 'EVO\'s status message of the transaction',
	InvoiceState: 'Skipped items: the invoice\'s state that counts as paid',
	Amount: 'Skipped items: the invoice\'s amount, a decimal string',
	request: 'Dry run only: the exact request that would be sent, card data and token masked',
};

/** Process pays the whole invoice; in a retried execution Check Invoice First is always on. */
export const payment: PaymentSafety = { checkedWhenRetried: () => true };

/** The fields the ProcessInvoice body and its card secrets are made of (with the run's credential). */
const BODY_FIELDS = ['TransactionType', 'PaymentData', 'TokenInformation', 'AutomationInfo', 'additionalFields'];

interface PreparedBody {
	merchantProfileId: string;
	body: IDataObject;
	bodyText: string;
	secrets: string[];
}

/**
 * The item's body, checked: made once per run when none of its fields holds an expression (it is
 * then the same for every item; a body that fails its checks is not kept, every item fails on it).
 */
function preparedBody(ctx: IExecuteFunctions, parameters: ProcessParameters, credentials: ICredentialDataDecryptedObject): PreparedBody {
	const make = (): PreparedBody => {
		const additional = parameters.additionalFields ?? {};
		const merchantProfileId = profileId(additional.MerchantProfileId, credentials, 'merchantProfileId', 'MerchantProfileId', true)!;
		const body = processBody(parameters, merchantProfileId);
		return { merchantProfileId, body, bodyText: toJsonText(body), secrets: cardSecrets(parameters) };
	};
	return holdNoExpression(ctx, description, BODY_FIELDS) ? perRun(ctx, 'evoSnap:processBody', make) : make();
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const parameters = readParameters(this, itemIndex);
	const id = invoiceReferenceId(parameters.InvoiceReferenceId);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const { merchantProfileId, body, bodyText, secrets } = preparedBody(this, parameters, credentials);
	const options = readOptions(this, itemIndex);
	const call = { method: 'PUT' as const, path: `/${id}/process`, body: body as never, bodyText, timeout: options.timeout, secrets };

	if (options.dryRun) {
		return { status: 'dry run', InvoiceReferenceId: id, request: describeEvoRequest(buildEvoRequest(credentials, call), call) };
	}
	// Process pays the whole invoice: with a Maximum Amount, its amount is read first, to know it.
	const maximum = parameters.maximumAmount;
	if (options.checkFirst || hasMaximum(maximum)) {
		const invoice = await readInvoice(this, id, { MerchantProfileId: merchantProfileId }, options.timeout);
		const state = String(invoice.InvoiceState ?? '');
		if (options.checkFirst && options.alreadyPaidStates.includes(state)) {
			return {
				status: 'skipped: already paid',
				reason: `The invoice's state is ${state}`,
				InvoiceReferenceId: id,
				InvoiceState: state,
				Amount: invoice.Amount ?? null,
			};
		}
		if (options.checkFirst && state === 'Cancelled') {
			throw new VendorError('the invoice is Cancelled: it was not processed', { code: 'Cancelled' });
		}
		refuseAboveMaximum(maximum, formatAmount(amountFromVendor(invoice.Amount ?? '', 'Amount')));
	}
	// A decline (Status Failure) is read inside: a refused payment may be sent again, an approved one never.
	const result = await sendPaymentOnce(this, [itemIndex], async () => readProcessAnswer(await callEvo(this, call)));
	return { status: 'paid', ...result, InvoiceReferenceId: String(result.InvoiceReferenceId ?? id) };
}

/**
 * Items processing the same invoice never run at the same time (Batching): the second one runs
 * after the first, so Check Invoice First sees the first payment and skips the invoice.
 */
export function itemKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return itemKeyOf(this, itemIndex, 'InvoiceReferenceId');
}
