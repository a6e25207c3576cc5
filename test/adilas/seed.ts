// The JSON sample of the adilas seed document (001_98a8112e4ded6110.txt), copied verbatim: the
// tests compare what the node sends against it key by key, value types included.
export const SEED_SAMPLE_JSON =
	'{"API_CALL_FUNCTION_NAME":"addInvoicePayment","CORP_ID":53,"INVOICE_NUMBER":78,"MERCHANT_SETTING_ID":4,"MONEY_TYPE_ID":2,"TRANSACTION_DATE":"2015-03-24","TRANSACTION_DATE_TIME":"2015-03-24 11:54:00","ACTUAL_TRANS_NUMBER":23,"AMOUNT_PAID":15,"PAYMENT_CHECK_NUMBER":"1003","PAYMENT_NOTES":"notes","TRANSACTION_NUMBER":24,"TRANSACTION_PROCESSED_BY_ID":178,"API_CORP_KEY_ID":"PLA-0053","API_USER_NAME":"demo","API_USER_PASSWORD":"1234","API_CURRENT_PAYEE_ID":"3","API_INPUT_OUTPUT_TYPE":"JSON","API_URL_ENCODING":"AUTO"}';

export const SEED_SAMPLE = JSON.parse(SEED_SAMPLE_JSON) as Record<string, unknown>;

/** The seed's results table: RET_STATUS → [RET_MAIN_MESSAGE, RET_SECOND_MESSAGE]. */
export const SEED_RESULTS: Record<string, [string, string]> = {
	ok: ['Successfully added the payment to the invoice.', 'Where can we take you? [invoice line items] [printable invoice] [invoice homepage]'],
	dataIn: ['Unable to record the invoice payment. Missing some data.', 'Use your back button and try again.'],
	dataIn2: ['Unable to record the invoice payment. Missing the date information.', 'Use your back button and try again.'],
	zero: ['Unable to find the main invoice number requested.', 'Use your back button and try again.'],
	db: ['Unable to connect to the database. Invoice payment was not added to the database.', 'Use your back button and try again.'],
};

/** The node parameters that carry the seed sample's values. */
export const SEED_ADD_PARAMETERS = {
	resource: 'invoicePayment',
	operation: 'add',
	INVOICE_NUMBER: '78',
	AMOUNT_PAID: '15',
	MONEY_TYPE_ID: 2,
	MERCHANT_SETTING_ID: 4,
	additionalFields: {
		ACTUAL_TRANS_NUMBER: '23',
		CORP_ID: '53',
		PAYMENT_CHECK_NUMBER: '1003',
		PAYMENT_NOTES: 'notes',
		TRANSACTION_DATE: '2015-03-24',
		TRANSACTION_DATE_TIME: '2015-03-24 11:54:00',
		TRANSACTION_NUMBER: '24',
		TRANSACTION_PROCESSED_BY_ID: '178',
	},
};
