// The request bodies and answers of the CRM.COM seed document (002_beacc50272af56ac.txt, examples
// 1-3 of POST payments/pay_invoice), copied verbatim: the tests compare what the node builds against them.

export const SEED_EXAMPLE_1_REQUEST = `{
	"token": "B8D7A12E9F91AFADE914B7330AFD08CB",
	"accounts_receivable_identifier":{"number":"192"},
	"type_identifier":{"name":"Invoices Balance Payment"},
	"payment_method_identifier":{"name":"Direct Debit"},
	"category_identifier":{"name":"Invoice Payments"},
	"invoice_identifier":{"reference_number":"328"},
	"received_on":"2014-07-14T09:12:54",
	"received_by_user_identifier":{"username":"JackH"},
	"received_by_unit_identifier":{"name":"Admin Unit"},
}`;

export const SEED_EXAMPLE_1_RESPONSE = `{
    "status":
    {
        "message": null,
        "description": null,
        "code": "OK"
    },
    "data":
    {
        "payment_amount": 225,
        "issued_on": "2014-07-14T16:49:11",
        "life_cycle_state": "POSTED",
        "number": "100",
        "id": "83DFE781350877933A6FA2A51EF0F102",
        "reference_number": "115",
        "posted_on": "2014-07-14T16:49:11"
    }
}`;

export const SEED_EXAMPLE_2_REQUEST = `{
	"token": "B8D7A12E9F91AFADE914B7330AFD08CB",
    "accounts_receivable_identifier":{"name":"Dina Mika"},
    "fields_set":"number,reference_number,id,issued_on,payment_amount",
    "type_identifier":{"name":"Payment 1"},
    "payment_method_identifier":{"name":"Direct Debit"},
    "category_identifier":{"name":"Payment Category 1"},
    "invoice_identifier":{"reference_number":"2023"},
    "received_on":"2014-07-14T09:12:54",
    "received_by_user_identifier":{"username":"MPAdministrator"},
    "received_by_unit_identifier":{"name":"Admin Unit"}
}`;

export const SEED_EXAMPLE_2_RESPONSE = `{
  "status": {
    "message": "",
    "description": "",
    "code": "OK"
  },
  "data": {
    "payment_amount": 55,
    "issued_on": "2016-06-09T13:15:44",
    "number": "367",
    "id": "10303722803F4FAAAF420243C30889F9",
    "reference_number": "388"
  }
}`;

export const SEED_EXAMPLE_3_REQUEST = `{
    "token": {{token}},
    "wallet_identifier":{"number":"W0000007376"},
    "type_identifier":{"name":"Cash Payment"},
    "payment_method_identifier":{"name":"Cash Payment"},
    "invoice_identifier":{"id":"54F3A49F23024C51AFF21B7C728F3549"}
}`;

export const SEED_EXAMPLE_3_RESPONSE = `{
    "data": {
        "posted_on": "2017-09-15T11:26:28",
        "number": "3869",
        "payment_amount": 5,
        "issued_on": "2017-09-15T11:26:28",
        "currency_rate_period": null,
        "id": "70E2AE4819E4462E94EB55381491259E",
        "life_cycle_state": "POSTED",
        "reference_number": "4878"
    },
    "status": {
        "code": "OK",
        "description": "",
        "message": ""
    }
}`;

/**
 * A seed body as JSON: example 1 has a trailing comma and example 3 writes the token as a
 * template (`{{token}}`); both are read the way the document means them.
 */
export function parseSeedBody(text: string): Record<string, unknown> {
	const json = text.replace(/,(\s*})/g, '$1').replace(/:\s*\{\{token\}\}/g, ': "{{token}}"');
	return JSON.parse(json) as Record<string, unknown>;
}

/** A seed body without its token: what the node builds (the credential adds the token). */
export function seedBodyWithoutToken(text: string): Record<string, unknown> {
	const body = parseSeedBody(text);
	delete body.token;
	return body;
}
