import axios, { AxiosError, type AxiosResponse } from 'axios';
import { XMLParser } from 'fast-xml-parser';

import {
	CCP_ERROR_CODES,
	CCP_FIRST_PAYMENT_ID,
	CCP_INVALID_CREDENTIALS_MESSAGE,
	CCP_SOAP_ACTIONS,
	CloudCommerceProSimulator,
} from '../simulators/cloudCommercePro';
import { DEMO_CCP_BRAND_ID, DEMO_CCP_SECURITY_HASH, seedCloudCommerceProDemo } from '../simulators/serve';
import { SEED_REQUEST } from './seed';

// The seed's "Example Minimal Request", verbatim (test/cloudCommercePro/seed.ts).
const SEED_ENVELOPE = SEED_REQUEST;

// What the simulator answers to it: the seed's success response, on one line.
const SEED_SUCCESS_RESPONSE =
	'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
	'<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
	'<CreatePaymentResponse xmlns="http://tempuri.org/"><CreatePaymentResult><Success>true</Success><ErrorLevel>0</ErrorLevel>' +
	'<ErrorMessage /><Content>84975726</Content><Errors /></CreatePaymentResult></CreatePaymentResponse></s:Body></s:Envelope>';

const xml = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });

function ccpEnvelope(operation: string, content: string, opts: { brandId?: number; hash?: string } = {}): string {
	return (
		'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tem="http://tempuri.org/">' +
		`<soapenv:Header /><soapenv:Body><tem:${operation}><tem:request>` +
		`<tem:BrandID>${opts.brandId ?? DEMO_CCP_BRAND_ID}</tem:BrandID>` +
		`<tem:SecurityHash>${opts.hash ?? DEMO_CCP_SECURITY_HASH}</tem:SecurityHash>` +
		`<tem:Content>${content}</tem:Content>` +
		`</tem:request></tem:${operation}></soapenv:Body></soapenv:Envelope>`
	);
}

function paymentContent(fields: Record<string, string> = {}): string {
	const all: Record<string, string> = {
		intInvoiceID: '86592563',
		intBrandID: '12',
		intSalesChannelID: '36',
		strPaymentReference: 'Order TEST23456',
		dbPaymentAmount: '12.00',
		intCustomerID: '96354316',
		dtPaymentDate: '2021-10-22T12:01:44',
		TransactionTypeID: 'Invoice',
		...fields,
	};
	return Object.entries(all)
		.map(([k, v]) => `<tem:${k}>${v}</tem:${k}>`)
		.join('');
}

describe('Cloud Commerce Pro simulator', () => {
	const sim = new CloudCommerceProSimulator({ brandId: DEMO_CCP_BRAND_ID, securityHash: DEMO_CCP_SECURITY_HASH });

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => {
		sim.reset();
		seedCloudCommerceProDemo(sim);
	});
	afterEach(() => {
		// An exception inside the simulator is a simulator bug, not a vendor answer.
		expect(sim.handlerErrors).toEqual([]);
	});

	const post = (
		path: string,
		body: string,
		action: string | undefined,
		extra: { contentType?: string; timeout?: number } = {},
	): Promise<AxiosResponse<string>> =>
		axios.post<string>(`${sim.baseUrl}${path}`, body, {
			headers: {
				'Content-Type': extra.contentType ?? 'text/xml; charset=utf-8',
				...(action === undefined ? {} : { SOAPAction: action }),
			},
			responseType: 'text',
			transformResponse: (d: string) => d,
			validateStatus: () => true,
			timeout: extra.timeout ?? 5000,
		});
	const pay = (content = paymentContent(), opts: { timeout?: number; hash?: string } = {}) =>
		post('/CCPApiPaymentService.svc', ccpEnvelope('CreatePayment', content, { hash: opts.hash }), `"${CCP_SOAP_ACTIONS.CreatePayment}"`, opts);
	const result = (res: AxiosResponse<string>, op: string) =>
		(xml.parse(res.data) as { Envelope: { Body: Record<string, Record<string, Record<string, unknown>>> } }).Envelope.Body[`${op}Response`][`${op}Result`];

	test("the seed's exact envelope creates payment 84975726 against invoice 86592563", async () => {
		const res = await post('/CCPApiPaymentService.svc', SEED_ENVELOPE, '"http://tempuri.org/ICCPApiPaymentService/CreatePayment"');
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
		expect(res.data).toBe(SEED_SUCCESS_RESPONSE);
		expect(sim.payments).toHaveLength(1);
		expect(sim.payments[0]).toMatchObject({
			paymentId: CCP_FIRST_PAYMENT_ID,
			invoiceId: 86592563,
			amount: '12.00',
			reference: 'Payment made against external order: TEST23456',
			paymentDate: '2021-10-22T12:01:44',
			transactionType: 'Invoice',
			salesChannelId: 36,
			customerId: 96354316,
		});
		expect(sim.payments[0].contentOrder).toEqual([
			'intInvoiceID',
			'intBrandID',
			'intSalesChannelID',
			'strPaymentReference',
			'dbPaymentAmount',
			'intCustomerID',
			'dtPaymentDate',
			'TransactionTypeID',
		]);
		expect(sim.invoice(86592563)).toMatchObject({ amountPaid: '12.00', outstanding: '0.00' });
		expect(sim.requestsTo('/CCPApiPaymentService.svc')).toHaveLength(1);
		expect(sim.lastRequest?.headers.soapaction).toBe('"http://tempuri.org/ICCPApiPaymentService/CreatePayment"');
	});

	test('SOAPAction without quotes is accepted too; payment IDs are sequential; partial payments add up', async () => {
		const first = await post(
			'/CCPApiPaymentService.svc',
			ccpEnvelope('CreatePayment', paymentContent({ dbPaymentAmount: '5.5' })),
			CCP_SOAP_ACTIONS.CreatePayment,
		);
		expect(result(first, 'CreatePayment')).toMatchObject({ Success: 'true', Content: String(CCP_FIRST_PAYMENT_ID) });
		const second = await pay(paymentContent({ dbPaymentAmount: '6.50' }));
		expect(result(second, 'CreatePayment')).toMatchObject({ Success: 'true', Content: String(CCP_FIRST_PAYMENT_ID + 1) });
		expect(sim.invoice(86592563)).toMatchObject({ amountPaid: '12.00', outstanding: '0.00' });
		expect(sim.payments.map((p) => p.amount)).toEqual(['5.50', '6.50']);
	});

	test('a wrong SecurityHash gives Success=false with an ApiFault and no payment', async () => {
		const res = await pay(paymentContent(), { hash: '1,2,3' });
		expect(res.status).toBe(200);
		const r = result(res, 'CreatePayment');
		expect(r).toMatchObject({ Success: 'false', ErrorLevel: '2', ErrorMessage: CCP_INVALID_CREDENTIALS_MESSAGE, Content: '' });
		expect(r.Errors).toEqual({
			ApiFault: {
				RequestNodeIndex: '0',
				ErrorCode: String(CCP_ERROR_CODES.INVALID_CREDENTIALS),
				FaultType: 'Security',
				ElementName: 'SecurityHash',
				Detail: '',
				Message: CCP_INVALID_CREDENTIALS_MESSAGE,
			},
		});
		expect(sim.payments).toHaveLength(0);
		expect(sim.requests).toHaveLength(1);
	});

	test('a wrong SOAPAction gives an HTTP 500 ActionNotSupported fault', async () => {
		const res = await post('/CCPApiPaymentService.svc', SEED_ENVELOPE, '"http://tempuri.org/ICCPApiPaymentService/Pay"');
		expect(res.status).toBe(500);
		const fault = (xml.parse(res.data) as { Envelope: { Body: { Fault: { faultcode: string; faultstring: string } } } }).Envelope.Body.Fault;
		expect(fault.faultcode).toBe('a:ActionNotSupported');
		expect(fault.faultstring).toContain("The message with Action 'http://tempuri.org/ICCPApiPaymentService/Pay' cannot be processed at the receiver");
		expect(fault.faultstring).toContain('ContractFilter mismatch at the EndpointDispatcher');
		expect(sim.payments).toHaveLength(0);

		const missing = await post('/CCPApiPaymentService.svc', SEED_ENVELOPE, undefined);
		expect(missing.status).toBe(500);
		expect(missing.data).toContain('a:ActionNotSupported');
	});

	test('wrong content type gives 415, malformed XML a 400 fault', async () => {
		const wrongType = await post('/CCPApiPaymentService.svc', SEED_ENVELOPE, CCP_SOAP_ACTIONS.CreatePayment, { contentType: 'application/json' });
		expect(wrongType.status).toBe(415);
		expect(wrongType.data).toContain('<s:Fault>');
		const broken = await post('/CCPApiPaymentService.svc', '<soapenv:Envelope><soapenv:Body>', CCP_SOAP_ACTIONS.CreatePayment);
		expect(broken.status).toBe(400);
		expect(broken.data).toContain('<faultcode>s:Client</faultcode>');
		expect(sim.payments).toHaveLength(0);
	});

	test('validation: unknown invoice, overpayment, already paid, bad type, bad date, missing element', async () => {
		const unknown = result(await pay(paymentContent({ intInvoiceID: '1' })), 'CreatePayment');
		expect(unknown).toMatchObject({ Success: 'false', ErrorLevel: '1', ErrorMessage: 'Invoice not found' });
		expect(unknown.Errors).toMatchObject({ ApiFault: { ElementName: 'intInvoiceID', ErrorCode: String(CCP_ERROR_CODES.INVOICE_NOT_FOUND) } });

		const over = result(await pay(paymentContent({ dbPaymentAmount: '20.00' })), 'CreatePayment');
		expect(over).toMatchObject({ Success: 'false', ErrorMessage: 'Payment amount 20.00 exceeds outstanding balance 12.00' });

		const paid = result(await pay(paymentContent({ intInvoiceID: '86592564' })), 'CreatePayment');
		expect(paid.Errors).toMatchObject({ ApiFault: { ErrorCode: String(CCP_ERROR_CODES.INVOICE_ALREADY_PAID) } });

		const type = result(await pay(paymentContent({ TransactionTypeID: 'Cash' })), 'CreatePayment');
		expect(type.Errors).toMatchObject({ ApiFault: { ElementName: 'TransactionTypeID', ErrorCode: String(CCP_ERROR_CODES.INVALID_VALUE) } });

		const date = result(await pay(paymentContent({ dtPaymentDate: '2021-02-30T12:00:00' })), 'CreatePayment');
		expect(date.Errors).toMatchObject({ ApiFault: { ElementName: 'dtPaymentDate' } });

		const negative = result(await pay(paymentContent({ dbPaymentAmount: '-1.00' })), 'CreatePayment');
		expect(negative.Errors).toMatchObject({ ApiFault: { ElementName: 'dbPaymentAmount' } });

		const noRef = paymentContent().replace(/<tem:strPaymentReference>.*<\/tem:strPaymentReference>/, '');
		const missing = result(await pay(noRef), 'CreatePayment');
		expect(missing.Errors).toMatchObject({
			ApiFault: { ElementName: 'strPaymentReference', ErrorCode: String(CCP_ERROR_CODES.MISSING_ELEMENT), Message: 'Element strPaymentReference is required' },
		});

		expect(sim.payments).toHaveLength(0);
		expect(sim.invoice(86592563)?.outstanding).toBe('12.00');
	});

	test('escaped payment reference is stored decoded and error texts are escaped', async () => {
		const res = await pay(paymentContent({ strPaymentReference: 'A &amp; B &lt;order&gt;' }));
		expect(result(res, 'CreatePayment').Success).toBe('true');
		expect(sim.payments[0].reference).toBe('A & B <order>');
		const bad = await pay(paymentContent({ TransactionTypeID: 'x&amp;y' }));
		expect(bad.data).toContain('<Detail>Value: &apos;x&amp;y&apos;</Detail>');
	});

	test('getInvoiceSummaryForOrderID answers the invoice summary, or Order not found', async () => {
		const call = (orderId: string) =>
			post('/CCPApiOrderService.svc', ccpEnvelope('getInvoiceSummaryForOrderID', orderId), CCP_SOAP_ACTIONS.getInvoiceSummaryForOrderID);
		const r = result(await call('5001'), 'getInvoiceSummaryForOrderID');
		expect(r.Success).toBe('true');
		expect(r.Content).toEqual({
			ID: '86592563',
			ProformaID: '0',
			BrandID: '12',
			SalesChannelID: '36',
			InvoiceDate: '2021-10-22T12:01:44',
			CustomerID: '96354316',
			NetAmount: '10.00',
			VATAmount: '2.00',
			Amount: '12.00',
			AmountPaid: '0.00',
		});
		expect(result(await call('5003'), 'getInvoiceSummaryForOrderID').Content).toMatchObject({ ID: '0', Amount: '48.00' });
		const missing = result(await call('9999'), 'getInvoiceSummaryForOrderID');
		expect(missing).toMatchObject({ Success: 'false', ErrorMessage: 'Order not found' });
		// The order service checks its own SOAPAction.
		const wrong = await post('/CCPApiOrderService.svc', ccpEnvelope('getInvoiceSummaryForOrderID', '5001'), CCP_SOAP_ACTIONS.CreatePayment);
		expect(wrong.status).toBe(500);
	});

	test('AddCustomer creates a customer, returns the existing one for the same e-mail, names a missing element', async () => {
		const call = (content: string) => post('/CCPApiCustomerService.svc', ccpEnvelope('AddCustomer', content), CCP_SOAP_ACTIONS.AddCustomer);
		const fields =
			'<tem:intBrandID>12</tem:intBrandID><tem:SalesChannelID>36</tem:SalesChannelID><tem:CompanyName>Acme</tem:CompanyName>' +
			'<tem:TradingName>Acme</tem:TradingName><tem:FirstName>Grace</tem:FirstName><tem:LastName>Hopper</tem:LastName>';
		const created = result(await call(`${fields}<tem:EmailAddress>grace@example.com</tem:EmailAddress><tem:Phone>123</tem:Phone>`), 'AddCustomer');
		expect(created.Success).toBe('true');
		const id = (created.Content as { ID: string }).ID;
		expect(Number(id)).toBeGreaterThan(0);
		expect(sim.customers.find((c) => c.id === Number(id))?.fields.Phone).toBe('123');

		const again = result(await call(`${fields}<tem:EmailAddress>GRACE@example.com</tem:EmailAddress>`), 'AddCustomer');
		expect(again.Content).toEqual({ ID: id });
		const existing = result(await call(`${fields}<tem:EmailAddress>ada@example.com</tem:EmailAddress>`), 'AddCustomer');
		expect(existing.Content).toEqual({ ID: '96354316' });

		const missing = result(await call(fields), 'AddCustomer');
		expect(missing).toMatchObject({ Success: 'false', ErrorMessage: 'Element EmailAddress is required' });
		expect(missing.Errors).toMatchObject({ ApiFault: { ElementName: 'EmailAddress' } });
	});

	test('soapFaultNext answers one SOAP Fault, then normal service resumes', async () => {
		sim.soapFaultNext('s:Server', 'Database unavailable & busy');
		const res = await pay();
		expect(res.status).toBe(500);
		expect(res.data).toContain('<faultcode>s:Server</faultcode><faultstring xml:lang="en-GB">Database unavailable &amp; busy</faultstring>');
		expect(sim.payments).toHaveLength(0);
		expect(result(await pay(), 'CreatePayment').Success).toBe('true');
	});

	test('fault: status 503 with Retry-After, vendor not acting', async () => {
		sim.fail({ kind: 'status', status: 503, retryAfter: 7 });
		const res = await pay();
		expect(res.status).toBe(503);
		expect(res.headers['retry-after']).toBe('7');
		expect(sim.payments).toHaveLength(0);
		expect(sim.requests).toHaveLength(1);
	});

	test('fault: status 500 defaults to a WCF InternalServiceFault', async () => {
		sim.fail({ kind: 'status', status: 500 });
		const res = await pay();
		expect(res.status).toBe(500);
		expect(res.data).toContain('a:InternalServiceFault');
		expect(sim.payments).toHaveLength(0);
	});

	test('fault: reset before processing gives ECONNRESET and no payment', async () => {
		sim.fail({ kind: 'reset' });
		await expect(pay()).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(sim.payments).toHaveLength(0);
		expect(sim.requests).toHaveLength(1);
	});

	test('fault: reset after processing gives ECONNRESET but the payment exists', async () => {
		sim.fail({ kind: 'reset', afterProcessing: true });
		await expect(pay()).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(sim.payments).toHaveLength(1);
		expect(sim.invoice(86592563)?.outstanding).toBe('0.00');
	});

	test('fault: html error page', async () => {
		sim.fail({ kind: 'html', status: 502 });
		const res = await pay();
		expect(res.status).toBe(502);
		expect(res.headers['content-type']).toContain('text/html');
		expect(res.data).toContain('<h1>502 Bad Gateway</h1>');
		expect(sim.payments).toHaveLength(0);
	});

	test('fault: malformed 200 answer is not parseable XML and nothing was paid', async () => {
		sim.fail({ kind: 'malformed' });
		const res = await pay();
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toContain('text/xml');
		expect(res.data).not.toContain('</s:Envelope>');
		expect(sim.payments).toHaveLength(0);
	});

	test('fault: delay beyond the client timeout, but the vendor acted', async () => {
		sim.fail({ kind: 'delay', ms: 400 });
		const error = (await pay(paymentContent(), { timeout: 100 }).catch((e: unknown) => e)) as AxiosError;
		expect(axios.isAxiosError(error)).toBe(true);
		expect(error.code).toBe('ECONNABORTED');
		expect(sim.payments).toHaveLength(1);
		expect(sim.invoice(86592563)?.outstanding).toBe('0.00');
		// A retry now is refused as already paid: what a careless client would run into.
		expect(result(await pay(), 'CreatePayment').Errors).toMatchObject({ ApiFault: { ErrorCode: String(CCP_ERROR_CODES.INVOICE_ALREADY_PAID) } });
	});

	test('fault: delay within the timeout answers normally; when and times select requests', async () => {
		sim.fail({ kind: 'status', status: 429, retryAfter: 1 }, { times: 2, when: (r) => r.path === '/CCPApiOrderService.svc' });
		sim.fail({ kind: 'delay', ms: 50 });
		const started = Date.now();
		const res = await pay();
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
		expect(result(res, 'CreatePayment').Success).toBe('true');
		const summary = () => post('/CCPApiOrderService.svc', ccpEnvelope('getInvoiceSummaryForOrderID', '5001'), CCP_SOAP_ACTIONS.getInvoiceSummaryForOrderID);
		expect((await summary()).status).toBe(429);
		expect((await summary()).status).toBe(429);
		expect((await summary()).status).toBe(200);
		expect(sim.pendingFaults).toBe(0);
	});

	test('fault: hang never answers; the client times out and stop() still closes', async () => {
		const other = new CloudCommerceProSimulator({ brandId: 12, securityHash: DEMO_CCP_SECURITY_HASH });
		await other.start();
		seedCloudCommerceProDemo(other);
		other.fail({ kind: 'hang' });
		const error = (await axios
			.post(`${other.baseUrl}/CCPApiPaymentService.svc`, SEED_ENVELOPE, {
				headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: CCP_SOAP_ACTIONS.CreatePayment },
				timeout: 100,
			})
			.catch((e: unknown) => e)) as AxiosError;
		expect(error.code).toBe('ECONNABORTED');
		expect(other.payments).toHaveLength(1);
		await other.stop();
		expect(() => other.baseUrl).toThrow('not started');
	});
});
