import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PaymentSafety } from '../../../shared/retrySafety';
import { sendPaymentOnce } from '../../../shared/retrySafety';

import { kinds, readFields, withKind } from '../../../shared/fieldKinds';
import { jsonDecimal, toJsonText } from '../../../shared/jsonText';
import { credentialsOnce } from '../../../shared/runState';
import { dryRunOption, optionsCollection, timeoutOption } from '../../../shared/fields';
import { optionalText, requireText } from '../../../shared/input';
import { formatAmount } from '../../../shared/money';
import { InvalidInputError } from '../../../shared/errors';
import { redactValue } from '../../../shared/redact';
import { refuseAboveMaximum } from '../../../shared/maximumAmount';
import { buildCnbsRequest, callCnbs, CREDENTIAL_TYPE, describeCnbsRequest, maskPaymentData, messagesOutput, secretsOf } from '../../transport';
import { amountField, readOptions } from '../../helpers/utils';
import { paymentSecretsOf, readPayerData, readPaymentDetail } from '../../helpers/payment';
import { payerAndPaymentFields, CNBS_KINDS } from '../common.descriptions';
import type { OutputKeys } from '../../../shared/outputShape';

const show = { resource: ['payment'], operation: ['makeDeposit'] };

export const DEPOSITS_PATH = 'invoices/deposits';

export const description: INodeProperties[] = [
	...payerAndPaymentFields(show),
	withKind(kinds.amount(), {
		displayName: 'Amount',
		name: 'amount_to_process',
		type: 'string',
		required: true,
		default: '',
		placeholder: '100.00',
		description: 'The amount to deposit on the payer\'s account (deposit_detail.amount_to_process): a positive decimal string with at most 2 decimals, e.g. 100.00. Anything else fails the item before anything is sent.',
		displayOptions: { show },
	}),
	withKind(CNBS_KINDS.currency, {
		displayName: 'Currency',
		name: 'currency_key',
		type: 'string',
		required: true,
		default: 'USD',
		description: 'The deposit\'s currency (deposit_detail.currency_key), three letters such as USD',
		displayOptions: { show },
	}),
	withKind(CNBS_KINDS.reasonCode, {
		displayName: 'Reason Code Name or ID',
		name: 'reason_code',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPaymentReasonCodes' },
		default: '',
		hint: 'The payment reason code (deposit_detail.reason_code). The list is read from CNBS\'s customizing.',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show },
	}),
	withKind(kinds.text(), {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		description: 'A comment for the deposit (deposit_detail.comment)',
		displayOptions: { show },
	}),
	optionsCollection(show, [
		{
			...dryRunOption,
			description: 'Whether to only return the exact request that would be sent (card data and system ID masked) and send nothing',
		},
		timeoutOption,
	], { pays: true }),
];

/** What each output item carries (see outputShape.ts); other keys of CNBS's answer follow as sent. */
export const output: OutputKeys = {
	customer_number: 'The payer (customer number)',
	company_code: 'The payer\'s company code',
	amount_to_process: 'The amount deposited, a decimal string',
	currency_key: 'The currency of the deposit',
	messages: 'CNBS\'s messages about the deposit (type, number, text)',
	request: 'Dry run only: the exact request that would be sent, secrets masked',
};

/** A deposit has no invoice balance to read: a retried execution cannot tell whether it was made. */
export const payment: PaymentSafety = { checkedWhenRetried: () => false };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = readFields(this, itemIndex, description);
	const payer = readPayerData(input);
	const detail = readPaymentDetail(input);
	const amount = amountField(input.amount_to_process, 'amount_to_process');
	refuseAboveMaximum((input.options as IDataObject | undefined)?.maximumAmount, formatAmount(amount));
	const currency = requireText(input.currency_key, 'currency_key');
	if (!/^[A-Z]{3}$/.test(currency)) {
		throw new InvalidInputError('currency_key', `currency_key must be a three-letter currency code in capitals, such as USD, got "${currency}"`);
	}
	const body = toJsonText({
		payer_data: payer,
		payment_detail: detail,
		deposit_detail: {
			amount_to_process: jsonDecimal(amount),
			currency_key: currency,
			reason_code: optionalText(input.reason_code) ?? '',
			comment: optionalText(input.comment) ?? '',
		},
	});
	const options = readOptions(this, itemIndex);
	const credentials = await credentialsOnce(this, CREDENTIAL_TYPE);
	const paymentSecrets = paymentSecretsOf(detail);
	const call = { method: 'POST' as const, path: DEPOSITS_PATH, body, timeout: options.timeout };
	if (options.dryRun) {
		return { status: 'dry run', request: describeCnbsRequest(buildCnbsRequest(credentials, call), credentials, paymentSecrets) };
	}
	const { answer, messages } = await sendPaymentOnce(this, [itemIndex], async () => await callCnbs(this, credentials, call, { paymentSecrets }));
	const rest = Object.fromEntries(Object.entries(answer).filter(([key]) => key !== 'status'));
	return redactValue({
		status: 'deposited',
		customer_number: payer.customer_number,
		company_code: payer.company_code,
		amount_to_process: Number(formatAmount(amount)),
		currency_key: currency,
		...maskPaymentData(rest),
		messages: messagesOutput(messages),
	}, [...secretsOf(credentials), ...paymentSecrets]);
}
