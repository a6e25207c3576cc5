import type { IDataObject } from 'n8n-workflow';

import { formatAmount, parseAmount } from '../../shared/money';
import type { XmlElement } from '../transport/credential';
import { optionalIntegerId, optionalText } from '../../shared/input';

function optionalAmount(value: unknown, field: string): string | undefined {
	return optionalText(value) === undefined ? undefined : formatAmount(parseAmount(value, field));
}

export interface PaymentContent {
	intInvoiceID: string;
	intBrandID: string;
	intSalesChannelID: string;
	strPaymentReference: string;
	dbPaymentAmount: string;
	intCustomerID: string;
	dtPaymentDate: string;
	TransactionTypeID: string;
	additional: IDataObject;
}

/** CreatePayment's Content in the seed's element order, then the optional elements. */
export function paymentContentElements(content: PaymentContent): XmlElement[] {
	const extra = content.additional;
	return [
		['intInvoiceID', content.intInvoiceID],
		['intBrandID', content.intBrandID],
		['intSalesChannelID', content.intSalesChannelID],
		['strPaymentReference', content.strPaymentReference],
		['dbPaymentAmount', content.dbPaymentAmount],
		['intCustomerID', content.intCustomerID],
		['dtPaymentDate', content.dtPaymentDate],
		['TransactionTypeID', content.TransactionTypeID],
		['intProformaID', optionalIntegerId(extra.intProformaID, 'intProformaID')],
		['intBankAccountID', optionalIntegerId(extra.intBankAccountID, 'intBankAccountID')],
		['dbPaymentNetAmount', optionalAmount(extra.dbPaymentNetAmount, 'dbPaymentNetAmount')],
		['dbPaymentTaxAmount', optionalAmount(extra.dbPaymentTaxAmount, 'dbPaymentTaxAmount')],
		['dbGBPPaymentAmount', optionalAmount(extra.dbGBPPaymentAmount, 'dbGBPPaymentAmount')],
		['GatewayType', optionalText(extra.GatewayType)],
	];
}
