import { paymentContentElements } from '../../nodes/CloudCommercePro/helpers/payment';
import { buildEnvelope } from '../../nodes/CloudCommercePro/transport/credential';
import { readCcpResult } from '../../nodes/CloudCommercePro/transport';
import { SEED_REQUEST, SEED_SECURITY_HASH, SEED_SUCCESS_RESPONSE } from './seed';
import { elementsInOrder } from './xmlOrder';

describe('Cloud Commerce Pro envelope', () => {
	const seedValues = {
		intInvoiceID: '86592563',
		intBrandID: '12',
		intSalesChannelID: '36',
		strPaymentReference: 'Payment made against external order: TEST23456',
		dbPaymentAmount: '12.00',
		intCustomerID: '96354316',
		dtPaymentDate: '2021-10-22T12:01:44',
		TransactionTypeID: 'Invoice',
		additional: {},
	};

	it('equals the seed request element by element, in the seed order', () => {
		const built = buildEnvelope('CreatePayment', '12', paymentContentElements(seedValues), SEED_SECURITY_HASH);
		expect(elementsInOrder(built)).toEqual(elementsInOrder(SEED_REQUEST));
	});

	it('leaves a placeholder for the Security Hash that only the credential fills', () => {
		const built = buildEnvelope('CreatePayment', '12', paymentContentElements(seedValues));
		expect(built).toContain('<tem:SecurityHash><!--secret:SecurityHash--></tem:SecurityHash>');
		expect(built).not.toContain(SEED_SECURITY_HASH);
	});

	it('puts the optional fields after the seed eight and leaves empty ones out', () => {
		const built = buildEnvelope(
			'CreatePayment',
			'12',
			paymentContentElements({ ...seedValues, additional: { intBankAccountID: '7', dbPaymentTaxAmount: '2', GatewayType: '' } }),
		);
		const names = elementsInOrder(built).map(([path]) => path.split('/').pop());
		expect(names.slice(names.indexOf('tem:TransactionTypeID'))).toEqual([
			'tem:TransactionTypeID',
			'tem:intBankAccountID',
			'tem:dbPaymentTaxAmount',
		]);
		expect(built).toContain('<tem:dbPaymentTaxAmount>2.00</tem:dbPaymentTaxAmount>');
	});

	it('reads the seed success response as PaymentID 84975726', () => {
		const result = readCcpResult(SEED_SUCCESS_RESPONSE, 'CreatePayment');
		expect(result.Success).toBe('true');
		expect(result.Content).toBe('84975726');
	});

	it('reads Success=false as a failure with the vendor message and code', () => {
		const answer = SEED_SUCCESS_RESPONSE.replace('<Success>true</Success>', '<Success>false</Success>')
			.replace('<ErrorLevel>0</ErrorLevel>', '<ErrorLevel>1</ErrorLevel>')
			.replace('<ErrorMessage />', '<ErrorMessage>Invoice not found</ErrorMessage>')
			.replace(
				'<Errors />',
				'<Errors><ApiFault><RequestNodeIndex>0</RequestNodeIndex><ErrorCode>3001</ErrorCode><FaultType>Business</FaultType><ElementName>intInvoiceID</ElementName><Detail /><Message>Invoice not found</Message></ApiFault></Errors>',
			);
		expect(() => readCcpResult(answer, 'CreatePayment')).toThrow(
			expect.objectContaining({
				message: 'Invoice not found',
				details: expect.objectContaining({ code: '3001', description: expect.stringContaining('ElementName: intInvoiceID') }),
			}),
		);
	});
});
