/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */

import { automationInfo, invoiceRequestBody, type InvoiceParameters } from '../../nodes/EvoSnap/helpers/invoiceBody';
import { queryParameters } from '../../nodes/EvoSnap/helpers/invoice';
import { processBody, readProcessAnswer } from '../../nodes/EvoSnap/helpers/payment';
import { parseEvoAnswer } from '../../nodes/EvoSnap/transport';
import { VendorError } from '../../nodes/shared/errors';
import { toJsonText } from '../../nodes/shared/jsonText';
import * as seed from './seed';

/** JSON text without the whitespace outside strings: the seed's layout, compared character by character. */
function compact(text: string): string {
	let out = '';
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			out += c;
			if (c === '\\') out += text[++i];
			else if (c === '"') inString = false;
		} else if (c === '"') {
			inString = true;
			out += c;
		} else if (!/\s/.test(c)) {
			out += c;
		}
	}
	return out;
}

describe('request bodies built from the seed\'s values equal the seed\'s bodies', () => {
	test('CreateInvoice (POST Invoices/), money written with the seed\'s digits (12.50, 0.075, 0.0725, 2.0)', () => {
		const body = toJsonText(invoiceRequestBody(seed.SEED_CREATE_PARAMETERS, seed.SEED_CREDENTIALS, 'given'));
		expect(body).toBe(compact(seed.SEED_CREATE_BODY));
	});

	test('CreateInvoice with a token (PaymentData.TokenInformation)', () => {
		const parameters: InvoiceParameters = {
			Amount: '12.50',
			MerchantInvoiceId: '14C4E',
			CustomerReferenceId: 'FC07A7978DC8486FA3F4B929FCD19C0E',
			AutomationInfo: { NoAutomation: true },
			BillingData: seed.SEED_BILLING_DATA,
			Order: { CurrencyCode: 'USD', Description: 'invoice order description 14C4E', TaxExempt: 'NotExemptTaxInfoProvided' },
			TokenInformation: {
				Token: '4658760022341387',
				TokenExpirationDate: '1223',
				TokenCardType: 'Visa',
				TokenIndicator: '103',
				TokenAuthenticationValue: 'CgyU4V8BYHn8+Ne1zl5UMAACAAA=',
			},
			additionalFields: { ServiceId: '{{BCPServiceId}}' },
		};
		expect(toJsonText(invoiceRequestBody(parameters, seed.SEED_CREDENTIALS, 'given'))).toBe(compact(seed.SEED_CREATE_WITH_TOKEN_BODY));
	});

	test('UpdateInvoice (PUT Invoices/{id}): every field, empty ones null, as EVO\'s sample', () => {
		const parameters: InvoiceParameters = {
			...seed.SEED_CREATE_PARAMETERS,
			Amount: '12.5',
			AutomationInfo: { NoAutomation: true, CreateInvoice: false, EmailInvoice: true, ProcessPayment: false },
			BillingData: { ...seed.SEED_BILLING_DATA, Company: 'updated company name' },
			Order: {
				...seed.SEED_CREATE_PARAMETERS.Order,
				ShippingTotal: '0.00',
				DiscountTotal: '0.00',
				DutyAmount: '0.00',
				SubTotal: '0.00',
				OrderTimeStamp: '2017-03-27T11:01:39.2596967-06:00',
			},
			PaymentData: {
				PaymentType: 'Credit',
				CardType: 'Visa',
				BankAccountType: 'NotSet',
				PaymentAccountNumber: '4111111111167843',
				PaymentAccountExpiration: '0520',
			},
		};
		expect(toJsonText(invoiceRequestBody(parameters, seed.SEED_CREDENTIALS, 'full'))).toBe(compact(seed.SEED_UPDATE_BODY));
	});

	test('ProcessInvoice (PUT Invoices/{id}/process) with card data', () => {
		const body = processBody(
			{
				InvoiceReferenceId: '6177CCEE97C84FF7B1CFF11EAA347DBE',
				TransactionType: 'AuthorizeAndCapture',
				PaymentData: { PaymentType: 'NotSet', CardType: 'Visa', BankAccountType: 'NotSet', PaymentAccountNumber: '4111111111194053', PaymentAccountExpiration: '1220' },
			},
			'Dev_Test_28',
		);
		expect(toJsonText(body as never)).toBe(compact(seed.SEED_PROCESS_BODY));
	});

	test('UpdateInvoiceState and QueryInvoices', () => {
		expect(toJsonText({ MerchantProfileId: 'Dev_Test_28', InvoiceState: 'Cancelled' })).toBe(compact(seed.SEED_UPDATE_STATE_BODY));
		const query = {
			QueryInvoiceParameters: queryParameters({ InvoiceReferenceId: '6177CCEE97C84FF7B1CFF11EAA347DBE' }) as never,
			Scope: 'MerchantProfileId',
			PagingParameters: { Page: 0, PageSize: 50 },
			MerchantProfileId: 'Dev_Test_28',
		};
		expect(toJsonText(query)).toBe(compact(seed.SEED_QUERY_BODY));
	});

	test('automation flags not given are left out on Create, false on Update', () => {
		expect(automationInfo({ EmailInvoice: true }, 'given')).toEqual({ EmailInvoice: true });
		expect(automationInfo({ EmailInvoice: true }, 'full')).toEqual({ NoAutomation: false, CreateInvoice: false, EmailInvoice: true, ProcessPayment: false });
	});
});

describe('money is sent with exactly the digits written', () => {
	test.each([
		['0.30', '0.30'],
		['1.10', '1.10'],
		['0.07', '0.07'],
		['10', '10'],
		['007.5', '7.5'],
		['+3.33', '3.33'],
		[4.35, '4.35'],
		[0.3, '0.3'],
	])('Amount %p is sent as %s', (amount, text) => {
		const body = toJsonText(invoiceRequestBody({ Amount: amount }, seed.SEED_CREDENTIALS, 'given'));
		expect(body).toBe(`{"Invoice":{"Amount":${text}},"Scope":"MerchantProfileId","MerchantProfileId":"Dev_Test_28","ServiceId":"39C6700001","ApplicationProfileId":"772763"}`);
	});

	test('rates and tax amounts keep more decimals: 0.0725, 0.075, 8.675, 0.000001', () => {
		const body = toJsonText(
			invoiceRequestBody(
				{
					Amount: '1.00',
					Order: { TaxAmount: '8.675', TaxRate: '0.000001' },
					ItemizedTaxes: { tax: [{ Amount: '0.075', Rate: '0.0725', Type: 'VAT' }] },
				},
				seed.SEED_CREDENTIALS,
				'given',
			),
		);
		expect(body).toContain('"Tax":{"Amount":8.675,"Rate":0.000001}');
		expect(body).toContain('"ItemizedTaxes":[{"Amount":0.075,"Rate":0.0725,"Type":"VAT"}]');
	});

	test.each([
		['Amount', { Amount: 0.1 + 0.2 }, 'Amount has more than 2 decimal places: 0.30000000000000004'],
		['Amount', { Amount: 1.1 * 3 }, 'Amount has more than 2 decimal places: 3.3000000000000003'],
		['Tax.Amount', { Amount: '1', Order: { TaxAmount: 0.1 + 0.7 } }, 'Tax.Amount has more than 4 decimal places: 0.7999999999999999'],
		['ItemizedTaxes[0].Rate', { Amount: '1', ItemizedTaxes: { tax: [{ Rate: 0.0725 * 3 }] } }, 'ItemizedTaxes[0].Rate has more than 6 decimal places: 0.21749999999999997'],
	])('a float artefact in %s is refused, never rounded', (_, parameters, message) => {
		expect(() => invoiceRequestBody(parameters as InvoiceParameters, seed.SEED_CREDENTIALS, 'given')).toThrow(message);
	});
});

describe('the seed\'s answers read as documented', () => {
	test('ProcessInvoice: Success with 000 is approved; Failure carries StatusCode and StatusMessage', () => {
		expect(readProcessAnswer(parseEvoAnswer(seed.SEED_PROCESS_ANSWER))).toMatchObject({ Status: 'Success', StatusCode: '000', StatusMessage: 'Approved' });
		expect(readProcessAnswer({ Status: 'Successful', StatusCode: '000' })).toMatchObject({ Status: 'Successful' });
		let error: unknown;
		try {
			readProcessAnswer({ Status: 'Failure', StatusCode: '051', StatusMessage: 'Insufficient funds', TransactionId: 'T1' });
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(VendorError);
		expect((error as VendorError).message).toBe('Insufficient funds (Status Failure)');
		expect((error as VendorError).details.code).toBe('051');
	});
});
