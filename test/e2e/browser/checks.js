// The browser checks, one group per node and one for the example workflows. Each check is one
// line of output; a group goes on after a failed check when it can.
/// <reference lib="dom" /> (functions passed to page.waitForFunction run in the page)
'use strict';

const { T, escapeRe } = require('./ui');

function expect(cond, message) {
	if (!cond) throw new Error(message);
}
function expectText(text, needles) {
	for (const needle of needles) {
		const ok = needle instanceof RegExp ? needle.test(text) : text.includes(needle);
		expect(ok, `output does not show ${needle}; it shows: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
	}
}

/** Shown and hidden parameters of the open node. */
async function expectFields(editor, shown, hidden = []) {
	for (const name of shown) expect(await editor.isVisible(name), `field ${name} is not shown`);
	for (const name of hidden) expect(!(await editor.isVisible(name)), `field ${name} is shown but should not be`);
	return `${shown.length} shown${hidden.length ? `, ${hidden.length} hidden` : ''}`;
}

async function expectNotice(editor, words) {
	const notice = editor.ndv().locator('.notice, [class*="notice"], [role="alert"]').filter({ hasText: words }).first();
	expect(await notice.isVisible(), `no notice with "${words}"`);
}

async function credentialIs(editor, credentialName) {
	const select = editor.ndv().locator(T('node-credentials-select'));
	await select.waitFor();
	const input = select.locator('input').first();
	const shown = async () => (await input.inputValue().catch(() => '')) || (await input.getAttribute('placeholder').catch(() => '')) || (await select.innerText());
	let value = await shown();
	if (!value.includes(credentialName)) {
		// Each entry of n8n's credential list reads "<credential name> <credential type>".
		await select.click();
		const entry = (await editor.openList(select)).filter({ hasText: new RegExp(`^\\s*${escapeRe(credentialName)}`) }).first();
		await entry.waitFor({ state: 'visible', timeout: 15000 });
		await entry.click();
		await editor.page.waitForTimeout(300);
		value = await shown();
	}
	expect(value.includes(credentialName), `credential shows "${value}"`);
	return credentialName;
}

async function operation(editor, resourceText, operationText) {
	if (resourceText && (await editor.isVisible('resource'))) await editor.choose('resource', resourceText);
	await editor.choose('operation', operationText);
}

async function dryRunOn(editor) {
	await editor.addCollectionOption('Options', 'Dry Run');
	const toggle = editor.param('dryRun').first().locator('.el-switch, [role="switch"], input[type="checkbox"]').first();
	await toggle.click();
}

async function addNode(check, editor, search, nodeName, actionText) {
	await editor.newWorkflow();
	const how = actionText ? ` with "${actionText}"` : '';
	let added = false;
	await check(`${nodeName}: found in the node panel by "${search}" and added${how}`, async () => {
		await editor.addNodeFromPanel(search, nodeName, actionText);
		added = true;
	});
	if (!added) throw new Error(`${nodeName} could not be added; its other checks were skipped`);
}

// ---------------------------------------------------------------------------------------------

const crmCom = {
	name: 'CRM.COM',
	async run({ editor, check, shot }) {
		const N = 'CRM.COM';
		await addNode(check, editor, 'CRM.COM', N, 'Pay an invoice');
		await check(`${N}: credential "CRM.COM (simulator)" picked`, () => credentialIs(editor, 'CRM.COM (simulator)'));
		await check(`${N}: Payment > Pay Invoice shows its fields`, () =>
			expectFields(editor, ['invoice_identifier', 'accounts_receivable_identifier', 'wallet_identifier', 'type_identifier', 'payment_method_identifier', 'back_office_code']),
		);
		await check(`${N}: the invoice can be identified by number, ID or reference number`, async () => {
			const selector = editor.ndv().locator(`${T('resource-locator-invoice_identifier')} ${T('rlc-mode-selector')}`);
			await selector.click();
			const list = await editor.openList(selector);
			await list.first().waitFor();
			const modes = (await list.allInnerTexts()).map((t) => t.trim());
			await editor.closeDropdown();
			expect(modes.some((m) => /number/i.test(m)) && modes.some((m) => /\bID\b/i.test(m)) && modes.some((m) => /^ref/i.test(m)), `modes: ${modes.join(', ')}`);
			return modes.join(', ');
		});
		await check(`${N}: Pay Invoice dry run shows the request without paying`, async () => {
			await editor.fillLocator('invoice_identifier', 'Number', 'INV002');
			await editor.fillLocator('accounts_receivable_identifier', 'Number', '192');
			await editor.fillLocator('type_identifier', 'Name', 'Invoices Balance Payment');
			await editor.fillLocator('payment_method_identifier', 'Name', 'Direct Debit');
			await dryRunOn(editor);
			await shot('crmcom-pay-invoice.png', editor.ndv());
			const out = await editor.executeStep();
			expectText(out, [/dry/i, 'pay_invoice']);
			await shot('dry-run.png', editor.ndv());
		});
		await check(`${N}: every identifier mode reads whole in n8n's mode selector`, async () => {
			const seen = [];
			// The identifiers under Additional Fields too: the longest key names are there.
			for (const field of ['Accounts Receivable Payment Preference', 'Payment Gateway Card', 'Received by User']) {
				await editor.addCollectionOption('Additional Fields', field);
			}
			const names = await editor
				.ndv()
				.locator('[data-test-id^="resource-locator-"]')
				.evaluateAll((els) => els.map((el) => el.getAttribute('data-test-id').slice('resource-locator-'.length)));
			expect(names.length >= 8, `resource locators: ${names.join(', ')}`);
			for (const name of names) {
				const selector = editor.ndv().locator(`${T(`resource-locator-${name}`)} ${T('rlc-mode-selector')}`);
				await selector.click();
				const list = await editor.openList(selector);
				await list.first().waitFor();
				const modes = (await list.allInnerTexts()).map((t) => t.split('\n')[0].trim());
				await editor.closeDropdown();
				for (const mode of modes) {
					await editor.choose(selector, mode);
					const shown = await editor.modeLabel(name);
					expect(!shown.cut && shown.text === mode, `${name}: mode "${mode}" shows as "${shown.text}"${shown.cut ? ', cut off' : ''}`);
					seen.push(mode);
				}
			}
			return seen.join(', ');
		});
		await check(`${N}: Invoice > Get shows only the invoice`, async () => {
			await operation(editor, 'Invoice', 'Get');
			return expectFields(editor, ['invoice_identifier'], ['type_identifier', 'payment_method_identifier', 'wallet_identifier']);
		});
		await check(`${N}: Invoice > Get reads INV001 from the simulator`, async () => {
			await editor.fillLocator('invoice_identifier', 'Number', 'INV001');
			const out = await editor.executeStep();
			expectText(out, ['INV001', '225']);
		});
		await check(`${N}: a missing invoice with Continue On Fail reads as CRM.COM's words`, async () => {
			await editor.setOnErrorContinue();
			await editor.fillLocator('invoice_identifier', 'Number', 'INV999');
			const out = await editor.executeStep();
			expectText(out, ['Invoice not found: number=INV999']);
			await shot('clear-error.png', editor.ndv());
		});
	},
};


const cloudCommercePro = {
	name: 'Cloud Commerce Pro',
	async run({ editor, check, shot }) {
		const N = 'Cloud Commerce Pro';
		await addNode(check, editor, 'Cloud Commerce', N, 'Pay the invoice of an order in full');
		await check(`${N}: credential "Cloud Commerce Pro (simulator)" picked`, () => credentialIs(editor, 'Cloud Commerce Pro (simulator)'));
		await check(`${N}: Payment > Pay Order in Full asks for the order, not the invoice`, () =>
			expectFields(editor, ['orderId', 'strPaymentReference', 'dtPaymentDate', 'TransactionTypeID'], ['intInvoiceID', 'dbPaymentAmount']),
		);
		await check(`${N}: Pay Order in Full skips order 5002, already paid`, async () => {
			await editor.fill('orderId', '5002');
			await editor.fill('strPaymentReference', 'Settled by n8n');
			await shot('cloudcommercepro-pay-order.png', editor.ndv());
			const out = await editor.executeStep();
			expectText(out, ['86592564', /skipped|already|nothing/i]);
		});
		await check(`${N}: Payment > Create shows the invoice, channel, amount and customer`, async () => {
			await operation(editor, null, 'Create');
			return expectFields(editor, ['intInvoiceID', 'intSalesChannelID', 'strPaymentReference', 'dbPaymentAmount', 'intCustomerID', 'dtPaymentDate', 'TransactionTypeID'], ['orderId']);
		});
		await check(`${N}: Payment > Create, dry run: the CreatePayment request without sending it`, async () => {
			await editor.fill('intInvoiceID', '86592563');
			await editor.fill('intSalesChannelID', '36');
			await editor.fill('dbPaymentAmount', '12.50');
			await editor.fill('intCustomerID', '96354316');
			await dryRunOn(editor);
			const out = await editor.executeStep();
			expectText(out, [/dry run/i, 'CreatePayment', '12.50']);
			expect(/SecurityHash>\*\*\*</.test(out.replace(/\s+/g, '')), 'the security hash is not masked in the dry run');
		});
		await check(`${N}: Customer > Add shows the customer's fields`, async () => {
			await operation(editor, 'Customer', 'Add');
			return expectFields(editor, ['SalesChannelID', 'CompanyName', 'TradingName', 'FirstName', 'LastName', 'EmailAddress'], ['intInvoiceID']);
		});
		await check(`${N}: Invoice > Get Summary for Order reads order 5001's invoice`, async () => {
			await operation(editor, 'Invoice', 'Get Summary for Order');
			await expectFields(editor, ['orderId'], ['strPaymentReference']);
			await editor.fill('orderId', '5001');
			const out = await editor.executeStep();
			expectText(out, ['86592563', '12']);
		});
		await check(`${N}: an unknown order with Continue On Fail reads as Cloud Commerce Pro's words`, async () => {
			await editor.setOnErrorContinue();
			await editor.fill('orderId', '9999');
			const out = await editor.executeStep();
			expectText(out, ['Order not found']);
		});
	},
};

const evoSnap = {
	name: 'EVO Snap*',
	async run({ editor, check, shot }) {
		const N = 'EVO Snap*';
		await addNode(check, editor, 'EVO Snap', N, 'Process an invoice payment');
		await check(`${N}: credential "EVO Snap* (simulator)" picked`, () => credentialIs(editor, 'EVO Snap* (simulator)'));
		await check(`${N}: Invoice > Process shows the invoice and the transaction type`, () => expectFields(editor, ['InvoiceReferenceId', 'TransactionType']));
		await check(`${N}: Process offers card data and a token as two separate sets of fields`, async () => {
			const card = await collectionOptions(editor, 'Payment Data: Card');
			const token = await collectionOptions(editor, 'Payment Data: Token');
			expect(card.includes('Payment Account Number') && !card.includes('Token'), `card data offers ${card.join(', ')}`);
			expect(token.includes('Token') && !token.includes('Payment Account Number'), `token offers ${token.join(', ')}`);
			return `card: ${card.length} fields, token: ${token.length} fields`;
		});
		await check(`${N}: Process with a token, dry run: the token is hidden in the output`, async () => {
			await editor.fill('InvoiceReferenceId', '6177CCEE97C84FF7B1CFF11EAA347DBE');
			await editor.addCollectionOption('Payment Data: Token', 'Token');
			await editor.fill('Token', 'tok-4111-secret');
			await dryRunOn(editor);
			await shot('evosnap-process-invoice.png', editor.ndv());
			const out = await editor.executeStep();
			expectText(out, [/dry/i, 'process']);
			expect(!out.includes('tok-4111-secret'), 'the token shows in the dry run');
		});
		/** @type {[string, string[], string[]][]} */
		const ops = [
			['Create', ['Amount', 'MerchantInvoiceId', 'CustomerReferenceId'], ['InvoiceReferenceId']],
			['Get Many', ['returnAll', 'limit'], ['InvoiceReferenceId', 'Amount']],
			['Update', ['InvoiceReferenceId', 'Amount', 'MerchantInvoiceId'], []],
			['Update State', ['InvoiceReferenceId', 'InvoiceState'], ['Amount']],
			['Get', ['InvoiceReferenceId'], ['Amount', 'TransactionType']],
		];
		for (const [op, shown, hidden] of ops) {
			await check(`${N}: Invoice > ${op} shows its fields`, async () => {
				await operation(editor, null, op);
				return expectFields(editor, shown, hidden);
			});
		}
		await check(`${N}: Invoice > Get reads the pending demo invoice`, async () => {
			await editor.fill('InvoiceReferenceId', '6177CCEE97C84FF7B1CFF11EAA347DBE');
			const out = await editor.executeStep();
			expectText(out, ['6177CCEE97C84FF7B1CFF11EAA347DBE', '12.5']);
		});
		await check(`${N}: an unknown invoice with Continue On Fail reads as EVO Snap*'s words`, async () => {
			await editor.setOnErrorContinue();
			await editor.fill('InvoiceReferenceId', 'NOPE0000');
			const out = await editor.executeStep();
			expectText(out, ['Invoice NOPE0000 was not found']);
		});
	},
};

const cnbsWebAr = {
	name: 'CNBS WebAR',
	async run({ editor, check, shot }) {
		const N = 'CNBS WebAR';
		await addNode(check, editor, 'CNBS', N, 'Pay invoices');
		await check(`${N}: credential "CNBS WebAR (simulator)" picked`, () => credentialIs(editor, 'CNBS WebAR (simulator)'));
		await check(`${N}: Payment > Pay Invoices shows the payer, the document and the card fields`, () =>
			expectFields(
				editor,
				['requestMode', 'customer_number', 'company_code', 'payment_method', 'payment_card_type', 'payment_card_token', 'document_number_finance', 'fiscal_year_of_the_relevant_invoice', 'open_amount', 'currency_key', 'amount'],
				['electronic_check_account_type', 'amount_to_process'],
			),
		);
		await check(`${N}: request mode offers one request for all items or one per item`, async () => {
			const modes = await editor.openOptions('requestMode');
			await editor.closeDropdown();
			expect(modes.some((m) => /One Request/i.test(m)) && modes.some((m) => /per Item/i.test(m)), `modes: ${modes.join(' / ')}`);
			await editor.choose('requestMode', 'One Request per Item');
			await editor.choose('requestMode', 'All Items in One Request');
			return modes.map((m) => m.split(':')[0]).join(' / ');
		});
		await check(`${N}: card types load from the vendor's customizing`, async () => {
			const cards = await editor.openOptions('payment_card_type');
			await editor.closeDropdown();
			expect(cards.some((c) => /VISA/i.test(c)), `card types: ${cards.join(', ')}`);
			return cards.join(', ');
		});
		await check(`${N}: E-Check swaps the card fields for the account fields`, async () => {
			await editor.choose('payment_method', 'E-Check (EC)');
			await expectFields(editor, ['electronic_check_account_type', 'electronic_check_rdfi_number'], ['payment_card_type', 'payment_card_token']);
			await editor.choose('payment_method', 'Card (CC)');
		});
		await check(`${N}: a given amount shows Amount to Process`, async () => {
			await editor.choose('amount', 'Given Amount');
			await expectFields(editor, ['amount_to_process']);
			await editor.choose('amount', 'Open Amount');
			await shot('cnbswebar-pay-invoices.png', editor.ndv());
		});
		await check(`${N}: Payment > Make Deposit loads reason codes from the vendor`, async () => {
			await operation(editor, null, 'Make Deposit');
			await expectFields(editor, ['customer_number', 'company_code', 'amount_to_process', 'currency_key', 'reason_code', 'comment'], ['document_number_finance', 'requestMode']);
			const reasons = await editor.openOptions('reason_code');
			await editor.closeDropdown();
			expect(reasons.length > 0 && !reasons.some((r) => /No data/i.test(r)), `reason codes: ${reasons.join(', ')}`);
			return reasons.join(', ');
		});
		await check(`${N}: Payment > Get Many shows the payer and the company code`, async () => {
			await operation(editor, null, 'Get Many');
			return expectFields(editor, ['payer_number', 'company_code'], ['amount_to_process']);
		});
		await check(`${N}: Invoice > Get Many loads company codes from the vendor and finds payer 3000's documents`, async () => {
			await operation(editor, 'Invoice', 'Get Many');
			await expectFields(editor, ['payer_number', 'company_code', 'document_search_status']);
			const codes = await editor.openOptions('company_code');
			await editor.closeDropdown();
			expect(codes.some((c) => c.includes('3000')), `company codes (loaded from the vendor): ${codes.join(', ')}`);
			const found = codes.join(', ');
			await editor.fill('payer_number', '3000');
			await editor.choose('document_search_status', 'Both (03)');
			await editor.showJson();
			const out = await editor.executeStep();
			expectText(out, ['1400000229']);
			return `company codes: ${found}`;
		});
		await check(`${N}: Invoice > Download PDF asks where to put the file`, async () => {
			await operation(editor, null, 'Download PDF');
			return expectFields(editor, ['billing_document_number', 'customer_number', 'document_type', 'binaryPropertyName'], ['payer_number']);
		});
		await check(`${N}: Customizing > Get reads the customizing`, async () => {
			await operation(editor, 'Customizing', 'Get');
			const out = await editor.executeStep();
			expectText(out, ['3000']);
		});
		await check(`${N}: an unknown document with Continue On Fail reads as CNBS's words`, async () => {
			await operation(editor, 'Invoice', 'Get');
			await expectFields(editor, ['billing_document_number', 'customer_number', 'document_type']);
			await editor.setOnErrorContinue();
			await editor.fillExpression('billing_document_number', '99999999');
			await editor.fillExpression('customer_number', '3000');
			const out = await editor.executeStep();
			expectText(out, ['Document 99999999 not found for customer 3000']);
		});
	},
};

const adilas = {
	name: 'adilas',
	async run({ editor, check, shot }) {
		const N = 'adilas';
		await addNode(check, editor, 'adilas', N, 'Add a payment to an invoice');
		await check(`${N}: credential "adilas (simulator)" picked`, () => credentialIs(editor, 'adilas (simulator)'));
		await check(`${N}: Invoice Payment > Add shows its fields and says adilas cannot read a balance`, async () => {
			await expectNotice(editor, 'cannot read');
			return expectFields(editor, ['INVOICE_NUMBER', 'AMOUNT_PAID', 'MONEY_TYPE_ID', 'MERCHANT_SETTING_ID'], ['moneyTypeNumber']);
		});
		await check(`${N}: another money type by number shows its ID field`, async () => {
			await editor.choose('MONEY_TYPE_ID', 'Other Money Type (by Number)');
			await expectFields(editor, ['moneyTypeNumber']);
			await editor.choose('MONEY_TYPE_ID', 'Cash (2)');
			await editor.fill('AMOUNT_PAID', '15.00');
			await shot('adilas-add-payment.png', editor.ndv());
		});
		await check(`${N}: an unknown invoice with Continue On Fail reads as adilas's words`, async () => {
			await editor.setOnErrorContinue();
			await editor.fillExpression('INVOICE_NUMBER', '999999');
			const out = await editor.executeStep();
			expectText(out, ['Unable to record the invoice payment']);
		});
		await check(`${N}: Other > Call Function switches between key/value and JSON arguments`, async () => {
			await operation(editor, 'Other', 'Call Function');
			await expectFields(editor, ['API_CALL_FUNCTION_NAME', 'argumentsMode', 'addCorpId'], ['argumentsJson', 'INVOICE_NUMBER']);
			await editor.choose('argumentsMode', 'JSON');
			return expectFields(editor, ['argumentsJson']);
		});
		await check(`${N}: Invoice > Start starts an invoice in the simulator`, async () => {
			await operation(editor, 'Invoice', 'Start');
			await expectFields(editor, ['CUSTOMER_ID', 'INVOICE_TYPE_ID', 'INVOICE_AMOUNT'], ['AMOUNT_PAID']);
			await editor.fill('CUSTOMER_ID', '1');
			await editor.fill('INVOICE_AMOUNT', '5.00');
			const out = await editor.executeStep();
			expectText(out, ['INVOICE_NUMBER']);
		});
	},
};

const payInvoice = {
	name: 'Pay Invoice',
	async run({ editor, check, shot }) {
		const N = 'Pay Invoice';
		await addNode(check, editor, 'Pay Invoice', N, null);
		/** @type {[string, string, string[], string[]][]} */
		const vendors = [
			['CRM.COM', 'CRM.COM (simulator)', ['crmComInvoiceKey', 'crmComType', 'crmComPaymentMethod'], ['adilasMoneyTypeId', 'evoSnapAlreadyPaidStates']],
			['adilas', 'adilas (simulator)', ['adilasMoneyTypeId', 'adilasMerchantSettingId', 'adilasPaymentNotes'], ['crmComType', 'cnbsWebArCompanyCode']],
			['CNBS WebAR', 'CNBS WebAR (simulator)', ['cnbsWebArCustomerNumber', 'cnbsWebArCompanyCode', 'cnbsWebArPaymentMethod'], ['adilasMoneyTypeId']],
			['EVO Snap*', 'EVO Snap* (simulator)', ['evoSnapAlreadyPaidStates'], ['cnbsWebArCompanyCode']],
			['Cloud Commerce Pro', 'Cloud Commerce Pro (simulator)', ['cloudCommerceProReferenceIs', 'cloudCommerceProTransactionType'], ['cloudCommerceProSalesChannelId', 'evoSnapAlreadyPaidStates']],
		];
		await check(`${N}: the credential list offers the five vendors' credentials (picking one picks the vendor)`, async () => {
			const select = editor.ndv().locator(T('node-credentials-select'));
			await select.click();
			const items = await editor.openList(select);
			await items.first().waitFor();
			const names = (await items.allInnerTexts()).map((t) => t.trim());
			await editor.closeDropdown();
			for (const [, credential] of vendors) expect(names.some((n) => n.includes(credential)), `credentials offered: ${names.join(', ')}`);
			return `${names.length} credentials`;
		});
		for (const [vendor, credential, shown, hidden] of vendors) {
			await check(`${N}: credential "${credential}" switches to ${vendor}'s own fields`, async () => {
				await credentialIs(editor, credential);
				return expectFields(editor, ['invoiceReference', 'amountMode', ...shown], hidden);
			});
		}
		await check(`${N}: Cloud Commerce Pro by invoice ID asks for the sales channel and customer`, async () => {
			await editor.choose('cloudCommerceProReferenceIs', 'Invoice ID');
			await expectFields(editor, ['cloudCommerceProSalesChannelId', 'cloudCommerceProCustomerId']);
			await editor.choose('cloudCommerceProReferenceIs', 'Order ID');
		});
		await check(`${N}: a given amount shows the Amount field`, async () => {
			await editor.choose('amountMode', 'Amount');
			await expectFields(editor, ['amount']);
			await editor.choose('amountMode', 'Full Open Balance');
		});
		await check(`${N}: Cloud Commerce Pro order 5002, already paid, is skipped`, async () => {
			await editor.fill('invoiceReference', '5002');
			await shot('payinvoice-panel.png', editor.ndv());
			const out = await editor.executeStep();
			expectText(out, [/already|skipped|nothing/i]);
		});
		await check(`${N}: an unknown CRM.COM invoice with Continue On Fail reads as CRM.COM's words`, async () => {
			await credentialIs(editor, 'CRM.COM (simulator)');
			await editor.setOnErrorContinue();
			await editor.fill('invoiceReference', 'INV999');
			await editor.fillLocator('crmComAccountsReceivable', 'Number', '192');
			await editor.fillLocator('crmComPaymentMethod', 'Name', 'Direct Debit');
			await editor.fillLocator('crmComType', 'Name', 'Invoices Balance Payment');
			const out = await editor.executeStep();
			expectText(out, ['Invoice not found']);
		});
		await check(`${N}: on the canvas, the node says which vendor it pays in`, async () => {
			await editor.closeNdv();
			const node = editor.page.locator(T('canvas-node')).filter({ hasText: 'Pay Invoice' }).first();
			const text = (await node.innerText()).replace(/\s+/g, ' ');
			expect(text.includes('Pay an invoice in CRM.COM'), `the canvas node reads "${text}"`);
			return 'Pay an invoice in CRM.COM';
		});
	},
};

const EXAMPLES = [
	['adilasStartAndPayEx', 'adilas: start an invoice and add its payment'],
	['ccpPayOrdersExample', 'Cloud Commerce Pro: pay orders in full'],
	['cnbsPayOpenInvoicesEx', "CNBS WebAR: pay a payer's open invoices in one request"],
	['crmComPayInvoicesEx', 'CRM.COM: pay invoices once'],
	['evoSnapInvoiceEx', 'EVO Snap*: create an invoice from an order, then process it'],
	['payInvoiceMixedEx', 'Pay Invoice: invoices from five systems, with a balance check and a maximum'],
];

const examples = {
	name: 'examples',
	async run({ editor, check, shot, page, resetSimulators }) {
		for (const [id, name] of EXAMPLES) {
			await check(`example "${name}" opens and runs green`, async () => {
				// Each example from fresh demo ledgers, as in `npm run e2e`.
				await resetSimulators();
				await editor.openWorkflow(id);
				const nodes = await page.locator(T('canvas-node')).count();
				await editor.executeWorkflow();
				await page.waitForFunction(
					(count) => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length + document.querySelectorAll('[data-test-id="canvas-node-status-error"]').length >= count,
					nodes,
					{ timeout: 30000 },
				).catch(() => {});
				const ok = await page.locator(T('canvas-node-status-success')).count();
				const bad = await page.locator(T('canvas-node-status-error')).count();
				expect(bad === 0 && ok === nodes, `${ok} of ${nodes} nodes succeeded, ${bad} failed`);
				if (id === 'crmComPayInvoicesEx') {
					await shot('example-crmcom-workflow.png');
					await page.locator(T('canvas-node')).filter({ hasText: 'Pay Invoice' }).first().dblclick();
					await editor.ndv().waitFor();
					await shot('example-crmcom-output.png', editor.ndv());
					await editor.closeNdv();
				}
				return `${ok} nodes`;
			});
		}
		// The node groups start from the demo ledgers too.
		await resetSimulators();
	},
};

// The credentials `npm run dev` stores (test/simulators/serve.ts, DEMO_VENDORS).
const CREDENTIALS = [
	['ccpSimulator', 'Cloud Commerce Pro (simulator)'],
	['crmComSimulator', 'CRM.COM (simulator)'],
	['evoSnapSimulator', 'EVO Snap* (simulator)'],
	['cnbsWebArSimulator', 'CNBS WebAR (simulator)'],
	['adilasSimulator', 'adilas (simulator)'],
];

const credentials = {
	name: 'credentials',
	async run({ check, page, baseUrl, shot }) {
		const modal = page.locator(T('editCredential-modal'));
		for (const [id, name] of CREDENTIALS) {
			await check(`credential "${name}": opening it runs its test, which passes`, async () => {
				await page.goto(`${baseUrl}/home/credentials/${id}`);
				await modal.waitFor();
				await modal.locator(T('credentials-config-container-test-success')).waitFor({ timeout: 20000 });
				return (await modal.locator(T('credentials-config-container-test-success')).innerText()).split('\n')[0].trim();
			});
		}
		await check('credential "CNBS WebAR (simulator)" with a wrong System ID: Retry says what to check', async () => {
			await page.goto(`${baseUrl}/home/credentials/cnbsWebArSimulator`);
			await modal.locator(T('credentials-config-container-test-success')).waitFor({ timeout: 20000 });
			const secret = modal.locator(`${T('parameter-input-systemIdSecret')} input`).first();
			await secret.fill('wrong-system-id');
			await modal.getByRole('button', { name: 'Retry' }).click();
			await modal.getByText(/Couldn.t connect with these settings/).waitFor({ timeout: 20000 });
			// n8n shows the test's message once "More details" is clicked.
			await modal.getByText('More details').click();
			const message = page.getByText(/HTTP 403/).first();
			await message.waitFor({ timeout: 5000 });
			const text = (await message.innerText()).replace(/\s+/g, ' ').trim();
			expect(text.includes('check the System ID'), `banner: ${text}`);
			await shot('credential-test-error.png', modal);
			// Leave without saving: the stored credential keeps its right System ID.
			await page.goto(`${baseUrl}/home/workflows`);
			return text;
		});
	},
};

// The six nodes, as the node panel names them, and the words people look for them by.
const NODE_NAMES = ['Cloud Commerce Pro', 'CRM.COM', 'EVO Snap*', 'CNBS WebAR', 'adilas', 'Pay Invoice'];
const SEARCH_WORDS = ['invoice', 'payment', 'pay', 'billing'];

const nodePanel = {
	name: 'node panel search',
	async run({ check, editor }) {
		await editor.newWorkflow();
		for (const word of SEARCH_WORDS) {
			await check(`node panel: "${word}" finds all six nodes`, async () => {
				const names = await editor.searchNodePanel(word);
				const missing = NODE_NAMES.filter((name) => !names.includes(name));
				expect(!missing.length, `not found: ${missing.join(', ')}; the panel lists ${names.slice(0, 12).join(', ')}`);
				return `${names.length} nodes listed`;
			});
		}
	},
};

// The two polling triggers: found in the node panel, and their "Fetch Test Event" (a manual poll:
// the latest events) shows an event the simulator was just given.
const TRIGGERS = [
	{ node: 'EVO Snap* Trigger', app: 'EVO Snap*', event: 'Invoice Paid', key: 'InvoiceReferenceId' },
	{ node: 'CNBS WebAR Trigger', app: 'CNBS WebAR', event: 'Payment Received', key: 'document_number_finance' },
];

const triggers = {
	name: 'Triggers',
	async run({ editor, check, page, seedSimulator }) {
		await editor.newWorkflow();
		for (const word of ['invoice', 'payment']) {
			await check(`node panel: "${word}" finds both triggers`, async () => {
				const names = await editor.searchNodePanel(word);
				// n8n lists a trigger under its own name, or folds it into its app's entry ("EVO Snap*").
				const missing = TRIGGERS.filter((t) => !names.includes(t.node) && !names.includes(t.app)).map((t) => t.node);
				expect(!missing.length, `not found: ${missing.join(', ')}; the panel lists ${names.slice(0, 12).join(', ')}`);
				return names.filter((name) => TRIGGERS.some((t) => name === t.node || name === t.app)).join(', ');
			});
		}
		// Recent records: the demo ledgers' are from 2017, outside the look-back window.
		const evo = await seedSimulator('EVO Snap*', { start: 900000, count: 2, recent: true });
		await seedSimulator('EVO Snap*', { process: [evo[0].key] });
		const cnbs = await seedSimulator('CNBS WebAR', { start: 900000, count: 1, recent: true });
		const posted = await seedSimulator('CNBS WebAR', { post: [cnbs[0].key] });
		const expected = { 'EVO Snap* Trigger': evo[0].key, 'CNBS WebAR Trigger': posted[0].key };
		for (const t of TRIGGERS) {
			await editor.newWorkflow();
			let added = false;
			await check(`${t.node}: added from the node panel ("${t.event}")`, async () => {
				await page.locator(T('node-creator-plus-button')).click();
				const creator = page.locator(T('node-creator'));
				await creator.waitFor();
				await creator.locator(T('node-creator-search-bar')).fill(t.node);
				const item = creator.locator(T('node-creator-item-name'), { hasText: new RegExp(`^(${escapeRe(t.node)}|${escapeRe(t.app)})$`) }).first();
				await item.click();
				// Folded into the app's entry: pick the trigger event among its actions.
				const action = creator.locator(T('item-iterator-item'), { hasText: new RegExp(escapeRe(t.event), 'i') }).first();
				if (!(await editor.ndv().isVisible()) && (await action.isVisible().catch(() => false))) await action.click();
				const addButton = creator.getByRole('button', { name: 'Add to workflow' });
				if (!(await editor.ndv().isVisible()) && (await addButton.isVisible().catch(() => false))) await addButton.click();
				await editor.ndv().waitFor();
				added = true;
			});
			if (!added) continue;
			await check(`${t.node}: credential picked`, () => credentialIs(editor, `${t.app} (simulator)`));
			await check(`${t.node}: "Fetch Test Event" shows the latest ${t.event} event`, async () => {
				if (await editor.isVisible('event')) await editor.choose('event', t.event);
				if (t.app === 'CNBS WebAR') await editor.fill('payer_number', '3000');
				const out = await editor.executeStep();
				expectText(out, [expected[t.node]]);
				return expected[t.node];
			});
		}
	},
};

async function collectionOptions(editor, collectionDisplayName) {
	const item = editor.ndv().locator(T('parameter-item')).filter({ hasText: collectionDisplayName }).last();
	const add = item.locator(T('collection-parameter-add')).last();
	await add.click();
	const items = await editor.openList(add);
	await items.first().waitFor();
	const texts = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
	await editor.closeDropdown();
	return texts;
}

module.exports = { groups: [credentials, nodePanel, examples, crmCom, cloudCommercePro, evoSnap, cnbsWebAr, adilas, payInvoice, triggers] };
