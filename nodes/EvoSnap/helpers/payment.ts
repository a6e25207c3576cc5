import type { IDataObject } from 'n8n-workflow';

import { VendorError, InvalidInputError } from '../../shared/errors';
import { optionalText } from '../../shared/input';
import { excerpt } from '../../shared/redact';
import { automationInfo, paymentData } from './invoiceBody';

/** Status values that mean approved: the seed's "Success" and the "Successful" of EVO's schemas. */
export const APPROVED_STATUSES = ['Success', 'Successful'];

export interface ProcessParameters {
	InvoiceReferenceId: unknown;
	TransactionType: unknown;
	PaymentData?: IDataObject;
	TokenInformation?: IDataObject;
	AutomationInfo?: IDataObject;
	additionalFields?: IDataObject;
	/** Options > Maximum Amount, as read and checked. */
	maximumAmount?: unknown;
}

/** The ProcessInvoice body in the seed's order (AutomationInfo and PaymentDataInfo in full, as EVO's sample). */
export function processBody(parameters: ProcessParameters, merchantProfileId: string): IDataObject {
	const transactionType = optionalText(parameters.TransactionType) ?? 'AuthorizeAndCapture';
	if (!/^[A-Za-z]+$/.test(transactionType)) {
		throw new InvalidInputError('TransactionType', `TransactionType must be a name such as AuthorizeAndCapture, got "${transactionType}"`);
	}
	return {
		MerchantProfileId: merchantProfileId,
		ProcessingInformation: {
			AutomationInfo: automationInfo(parameters.AutomationInfo ?? {}, 'full', { ProcessPayment: true }),
			PaymentDataInfo: paymentData(parameters.PaymentData, parameters.TokenInformation, 'full'),
			TransactionType: transactionType,
		} as IDataObject,
	};
}

/** Reads ProcessInvoice's answer: approved, or a failure carrying EVO's StatusCode and StatusMessage. */
export function readProcessAnswer(answer: unknown): IDataObject {
	if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
		throw new VendorError(`EVO's answer to ProcessInvoice was not a result: ${excerpt(JSON.stringify(answer), 200)}`, {
			outcomeUnknown: true,
		});
	}
	const result = answer as IDataObject;
	const status = String(result.Status ?? '');
	if (!APPROVED_STATUSES.includes(status)) {
		const message = optionalText(result.StatusMessage) ?? `the payment was not approved (Status ${status || 'missing'})`;
		throw new VendorError(`${message} (Status ${status || 'missing'})`, {
			code: optionalText(result.StatusCode),
			description: result.TransactionId ? `TransactionId ${String(result.TransactionId)}` : undefined,
		});
	}
	return result;
}
