/** The seed's JSON payload and answer (004_ddd1fee81a4beac4.txt), as written there. */
export const SEED_PAYMENT_TEXT = `{
"payer_data": {
"customer_number": "3000",
"company_code": "3000"
},
"payment_detail": {
"payment_method": "CC",
"payment_card_type": "VISA",
"payment_card_token": "-E803-1111-1000000000000H",
"payment_card_name": "John Doe",
"valid_to": "05-31-2027",
"card_validation_code": "",
"electronic_check_account_type": "",
"electronic_check_rdfi_number": "",
"address_data": {
"name": "",
"name_2": "",
"city": "",
"district": "",
"street": "",
"postal_code_city": "",
"region": "",
"country": ""
}
},
"documents": [
{
"document_number_finance": "1400000229",
"line_item_in_the_relevant_invoice": 1,
"fiscal_year_of_the_relevant_invoice": 2017,
"open_amount": 7000.50,
"amount_to_process": 3500.25,
"currency_key": "USD",
"reason_code": "01",
"reference_number": "",
"comment": "50% payment"
}
]
}`;

export const SEED_ANSWER_TEXT = `{
"payed": [
{
"document_number_finance": "1400000229",
"fiscal_year_of_the_relevant_invoice": 2017,
"authorization_number": "XI00",
"authorization_reference_code": "95939240",
"authorization_amount": 3500.25,
"currency_key": "USD"
}
],
"status": [
{
"message_type": "S",
"message_identification": "/CNBS/X_API",
"message_number": 10,
"message_line_string": "Request successfully processed"
}
]
}`;

/** The seed's query parameters and system ID (cURL example). */
export const SEED_QUERY = { 'sap-client': '800', 'sap-language': 'EN', apiid: 'CNBSMV01R' };
export const SEED_SYSTEM_ID = 'gPuM1VyY1dxlTE2MEs2yajJUkX3/4+2Pw1alRw4BOtI=';
