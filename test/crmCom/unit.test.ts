import type { IHttpRequestOptions } from 'n8n-workflow';

import { CrmComApi } from '../../credentials/CrmComApi.credentials';
import { isDuplicateBackOfficeCode, nothingOutstanding } from '../../nodes/CrmCom/helpers/payment';
import { INVOICE, PAYMENT_PREFERENCE } from '../../nodes/CrmCom/actions/common.descriptions';
import { apiBaseUrl, isTokenRefused, parseSignInFailure } from '../../nodes/CrmCom/transport/credential';
import { buildCrmRequest, describeCrmRequest, readCrmAnswer, readCrmErrorBody } from '../../nodes/CrmCom/transport';
import { VendorError, InvalidInputError } from '../../nodes/shared/errors';
import { identifierModes, identifierQueryValue, readIdentifier } from '../../nodes/CrmCom/helpers/identifier';
import { SEED_EXAMPLE_1_RESPONSE, SEED_EXAMPLE_2_RESPONSE, SEED_EXAMPLE_3_RESPONSE } from './seed';

describe('reading CRM.COM answers', () => {
	test('the seed\'s three answers are read as successes with their payment data', () => {
		expect(readCrmAnswer(SEED_EXAMPLE_1_RESPONSE, 'POST')).toEqual({
			status: { code: 'OK', message: '', description: '' },
			data: {
				payment_amount: 225,
				issued_on: '2014-07-14T16:49:11',
				life_cycle_state: 'POSTED',
				number: '100',
				id: '83DFE781350877933A6FA2A51EF0F102',
				reference_number: '115',
				posted_on: '2014-07-14T16:49:11',
			},
		});
		expect(readCrmAnswer(JSON.parse(SEED_EXAMPLE_2_RESPONSE), 'POST').data).toEqual({
			payment_amount: 55,
			issued_on: '2016-06-09T13:15:44',
			number: '367',
			id: '10303722803F4FAAAF420243C30889F9',
			reference_number: '388',
		});
		expect(readCrmAnswer(SEED_EXAMPLE_3_RESPONSE, 'POST').data.currency_rate_period).toBeNull();
	});

	test('an answer without status.code is an error whose outcome is unknown after a POST only', () => {
		const post = (() => {
			try {
				readCrmAnswer('<html>', 'POST');
			} catch (error) {
				return error as VendorError;
			}
			return undefined;
		})();
		expect(post).toBeInstanceOf(VendorError);
		expect(post?.details.outcomeUnknown).toBe(true);
		expect(() => readCrmAnswer({ data: {} }, 'GET')).toThrow('not a CRM.COM API answer');
	});

	test('an error body keeps CRM.COM\'s message, code and description', () => {
		const error = readCrmErrorBody(
			JSON.stringify({ status: { code: 'NOT_FOUND', message: 'Invoice not found', description: 'number=X' } }),
			404,
		);
		expect(error?.message).toBe('Invoice not found');
		expect(error?.details).toMatchObject({ code: 'NOT_FOUND', description: 'number=X', httpCode: 404 });
		expect(readCrmErrorBody('Bad gateway', 502)).toBeUndefined();
	});
});

describe('token refusals (CRM.COM\'s code list is not public)', () => {
	const status = (code: string, message = '', description = '') => ({ code, message, description });
	test.each([
		['INVALID_TOKEN', ''],
		['TOKEN_EXPIRED', ''],
		['invalid_session', ''],
		['E1001', 'The token is invalid or has expired'],
		['GENERAL_ERROR', 'Session expired, please login again'],
		['ERROR', 'Invalid token provided'],
	])('%s "%s" is a refused token', (code, message) => {
		expect(isTokenRefused(status(code, message))).toBe(true);
	});
	test.each([
		['OK', ''],
		['AUTHENTICATION_FAILED', 'Invalid username or password'],
		['NOT_FOUND', 'Invoice not found: number=INV404'],
		['DUPLICATE_BACK_OFFICE_CODE', 'back_office_code X already exists'],
		['INVALID_PARAMETER', 'card_identifier: unknown card of the payment gateway'],
	])('%s "%s" is not', (code, message) => {
		expect(isTokenRefused(status(code, message))).toBe(false);
	});
});

describe('duplicate back office codes', () => {
	test.each([
		['DUPLICATE_BACK_OFFICE_CODE', 'anything', true],
		['INVALID_PARAMETER', 'back_office_code PAY-1 already exists', true],
		['GENERAL', 'A payment with this back office code already exists', true],
		['DUPLICATE_ENTRY', 'back_office_code must be unique', true],
		['NOT_FOUND', 'Invoice not found', false],
		['INVOICE_ALREADY_PAID', 'Invoice INV003 has no outstanding amount', false],
	])('%s "%s" → %s', (code, message, expected) => {
		expect(isDuplicateBackOfficeCode(new VendorError(message, { code }))).toBe(expected);
	});
});

describe('outstanding amounts', () => {
	test('zero (number or text) is nothing outstanding; anything above is not', () => {
		expect(nothingOutstanding({ outstanding_amount: 0 })).toBe(true);
		expect(nothingOutstanding({ outstanding_amount: '0.00' })).toBe(true);
		expect(nothingOutstanding({ outstanding_amount: 0.01 })).toBe(false);
		expect(nothingOutstanding({ outstanding_amount: '0.001' })).toBe(false);
		expect(() => nothingOutstanding({})).toThrow('had no outstanding_amount');
	});
});

describe('identifier resource locators (nodes/shared/identifier.ts)', () => {
	test('one mode per key, named by the key, nested keys joined with a dot, then JSON', () => {
		expect(identifierModes(INVOICE).map((mode) => mode.name)).toEqual([
			'id',
			'number',
			'reference_number',
			'back_office_code',
			'json',
		]);
		expect(identifierModes(PAYMENT_PREFERENCE).map((mode) => mode.name)).toEqual([
			'id',
			'payment_preference_identifier.id',
			'payment_preference_identifier.name',
			'payment_preference_identifier.alternative_code',
			'payment_medium_identifier',
			'bank_account_number',
			'json',
		]);
		expect(identifierModes(INVOICE).at(-1)?.placeholder).toBe('{"number":"INV001"}');
		expect(identifierModes(INVOICE).map((mode) => mode.displayName)).toEqual(['ID', 'Number', 'Ref No.', 'BO', 'JSON']);
		expect(identifierModes(INVOICE)[2].hint).toBe("By the invoice's Reference Number (reference_number)");
	});

	test('values are read into one-key objects; empty is "not set" unless required', () => {
		// Spaces around an identifier are refused, not trimmed: what is sent is what was written.
		expect(() => readIdentifier({ __rl: true, mode: 'number', value: ' INV001 ' }, INVOICE)).toThrow('invoice_identifier.number has spaces around it');
		expect(readIdentifier({ __rl: true, mode: 'id', value: 42 }, INVOICE)).toEqual({ id: '42' });
		expect(
			readIdentifier({ __rl: true, mode: 'payment_preference_identifier.name', value: 'DD' }, PAYMENT_PREFERENCE),
		).toEqual({ payment_preference_identifier: { name: 'DD' } });
		expect(readIdentifier({ __rl: true, mode: 'json', value: { number: 'A', id: null, reference_number: '' } }, INVOICE)).toEqual({
			number: 'A',
		});
		expect(readIdentifier({ __rl: true, mode: 'number', value: '' }, INVOICE)).toBeUndefined();
		expect(readIdentifier(undefined, INVOICE)).toBeUndefined();
		expect(() => readIdentifier({ __rl: true, mode: 'number', value: '' }, INVOICE, { required: true })).toThrow(
			InvalidInputError,
		);
		expect(() => readIdentifier({ __rl: true, mode: 'name', value: 'x' }, INVOICE)).toThrow(
			'invoice_identifier: unknown mode "name"; use one of id, number, reference_number, back_office_code, json',
		);
		expect(() => readIdentifier({ __rl: true, mode: 'json', value: '["number"]' }, INVOICE)).toThrow(
			/^invoice_identifier must be an object with exactly one of/,
		);
		expect(() => readIdentifier({ __rl: true, mode: 'json', value: '{"number":true}' }, INVOICE)).toThrow(
			'invoice_identifier.number must be text, got true',
		);
	});

	test('a GET writes an identifier as key=value', () => {
		expect(identifierQueryValue({ number: 'INV001' }, 'invoice_identifier')).toBe('number=INV001');
		expect(() => identifierQueryValue({ payment_preference_identifier: { id: '1' } }, 'x')).toThrow(InvalidInputError);
	});
});

describe('credential and transport details', () => {
	const credential = new CrmComApi();

	test('the API base URL accepts a trailing slash or the API path itself', () => {
		for (const serverUrl of ['https://crm.example.com', 'https://crm.example.com/', 'https://crm.example.com/crmapi/rest/v2/']) {
			expect(apiBaseUrl({ serverUrl })).toBe('https://crm.example.com/crmapi/rest/v2/');
		}
	});

	test('authenticate: the token first in a POST body (a copy), in the query of a GET', async () => {
		const post: IHttpRequestOptions = { method: 'POST', url: 'u', body: { token: 'old', a: 1 } };
		const sent = await credential.authenticate({ sessionToken: 'T1' }, post);
		expect(sent.body).toEqual({ token: 'T1', a: 1 });
		expect(Object.keys(sent.body as object)[0]).toBe('token');
		expect(post.body).toEqual({ token: 'old', a: 1 });
		const getRequest = await credential.authenticate({ sessionToken: 'T2' }, { method: 'GET', url: 'u', qs: { x: 'y' } });
		expect(getRequest.qs).toEqual({ x: 'y', token: 'T2' });
	});

	test('the sign-in failure message is read back into message and code', () => {
		expect(parseSignInFailure('CRM.COM sign-in failed: Invalid username or password [AUTHENTICATION_FAILED]')).toEqual({
			message: 'Invalid username or password',
			code: 'AUTHENTICATION_FAILED',
		});
		expect(parseSignInFailure('CRM.COM sign-in failed: the answer had no token')).toEqual({ message: 'the answer had no token' });
		expect(parseSignInFailure('something else')).toBeUndefined();
	});

	test('a dry-run GET shows the query with the token masked', () => {
		const request = buildCrmRequest(
			{ serverUrl: 'https://crm.example.com' },
			{ method: 'GET', resource: 'invoices/show', qs: { invoice_identifier: 'number=INV001' }, timeout: 1000 },
		);
		expect(describeCrmRequest(request)).toEqual({
			method: 'GET',
			url: 'https://crm.example.com/crmapi/rest/v2/invoices/show?invoice_identifier=number%3DINV001&token=***',
		});
	});
});
