import { ExecuteContext } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { adilasPayInvoiceAdapter } from '../../nodes/Adilas/payInvoice';
import type { PayInvoiceRequest } from '../../nodes/shared/adapter';
import { HarnessCredentialsHelper, loadPackage } from '../harness';
import { createAdditionalData } from '../harness/run-node';
import { DEMO_ADILAS_PASSWORD } from '../simulators/adilasDemo';
import { useAdilasSuite } from './helpers';

const { sim, store, shown } = useAdilasSuite();

/** A real n8n execute context for an adilas node (n8n-core's, with the harness credentials helper). */
async function adilasContext(): Promise<IExecuteFunctions> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const node: INode = {
		id: 'adilas',
		name: 'adilas',
		type: 'n8n-nodes-invoice-payments.adilas',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { adilasApi: { id: '1', name: 'adilas' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes, settings: { timezone: 'UTC' } });
	const additionalData = createAdditionalData(new HarnessCredentialsHelper(store(), credentialTypes, nodeTypes));
	const inputData = { main: [[{ json: {} }]] };
	return new ExecuteContext(workflow, node, additionalData, 'manual', createRunExecutionData({ executionData: null }), 0, [], inputData, { node, data: inputData, source: null }, []);
}

const base: PayInvoiceRequest = {
	invoiceReference: '78',
	amountMode: 'amount',
	amount: '4.25',
	paymentReference: 'AUTH-991',
	paymentMethod: 'Visa',
	paymentDate: '2015-03-24',
	checkBalanceFirst: false,
	dryRun: false,
	extra: {},
};

async function pay(request: Partial<PayInvoiceRequest>) {
	const ctx = await adilasContext();
	try {
		const result = await adilasPayInvoiceAdapter.payInvoice.call(ctx, { ...base, ...request }, 0);
		shown.push(JSON.stringify(result));
		return result;
	} catch (error) {
		shown.push(String((error as Error).message));
		throw error;
	}
}

describe('adilas adapter for the Pay Invoice node', () => {
	it('adds the payment: amount, money type from the method name, reference as TRANSACTION_NUMBER, the date kept', async () => {
		const result = await pay({});
		expect(result).toMatchObject({ vendor: 'adilas', status: 'paid', invoice: '78', amount: '4.25', reference: 'AUTH-991' });
		expect(result.paidAt).toMatch(/^2015-03-24 \d{2}:\d{2}:\d{2}$/);
		expect(sim.payments).toEqual([
			expect.objectContaining({ invoiceNumber: 78, amount: '4.25', moneyTypeId: 7, transactionDate: '2015-03-24' }),
		]);
		expect(sim.payments[0].call.TRANSACTION_NUMBER).toBe('AUTH-991');
	});

	it('refuses what adilas cannot do, before sending: full balance, check first, a currency, an unknown method', async () => {
		await expect(pay({ amountMode: 'full', amount: undefined })).rejects.toThrow('cannot read an invoice\'s balance');
		await expect(pay({ checkBalanceFirst: true })).rejects.toThrow('cannot be checked first');
		await expect(pay({ currency: 'USD' })).rejects.toThrow('adilas takes no currency');
		await expect(pay({ paymentMethod: 'Bitcoin' })).rejects.toThrow('no money type named "Bitcoin"');
		expect(sim.requests).toHaveLength(0);
	});

	it('dry run returns the call object, password masked, nothing sent', async () => {
		const result = await pay({ dryRun: true, extra: { adilasMoneyTypeId: '3', adilasPaymentCheckNumber: '1003' } });
		expect(result.status).toBe('dry run');
		expect((result.request as IDataObject).callObject).toMatchObject({ MONEY_TYPE_ID: 3, PAYMENT_CHECK_NUMBER: '1003', API_USER_PASSWORD: '***' });
		expect(JSON.stringify(result)).not.toContain(DEMO_ADILAS_PASSWORD);
		expect(sim.requests).toHaveLength(0);
	});

	it('declares that adilas reads no balance', () => {
		expect(adilasPayInvoiceAdapter.capabilities).toEqual({ readsBalance: false, paysWholeBalanceOnly: false });
	});
});
