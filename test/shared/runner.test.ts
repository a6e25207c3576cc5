import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { ItemOutcome, OperationModule } from '../../nodes/shared/execute';
import { ItemWithBinary, runForEachItem } from '../../nodes/shared/execute';
import { InvalidInputError } from '../../nodes/shared/errors';

/** The parts of n8n's execute context the runner uses, over plain input items. */
function context(items: IDataObject[], continueOnFail: boolean): IExecuteFunctions {
	const node = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	return {
		getInputData: () => items.map((json) => ({ json })),
		continueOnFail: () => continueOnFail,
		getNode: () => node,
	} as unknown as IExecuteFunctions;
}

const run = { vendor: 'Test', operationName: 'op', secrets: async () => ['s3cret-value'] };

describe('runForEachItem: operations that handle all items together', () => {
	const together: OperationModule = {
		async executeItems(itemIndexes: number[]): Promise<ItemOutcome[]> {
			// Reported out of order, item 1 refused, item 3 never reported.
			return [
				{ itemIndex: 2, result: { paid: 'c' } },
				{ itemIndex: 0, result: [{ paid: 'a' }, { paid: 'a2' }] },
				{ itemIndex: 1, error: new InvalidInputError('amount', 'amount must be positive') },
			].filter((outcome) => itemIndexes.includes(outcome.itemIndex));
		},
	};

	test('outputs follow input order and pairing; a failed or unreported item fails alone with Continue On Fail', async () => {
		const output = await runForEachItem(context([{}, {}, {}, {}], true), together, run);
		expect(output.map((item) => [item.pairedItem, item.json.paid ?? item.json.error])).toEqual([
			[{ item: 0 }, 'a'],
			[{ item: 0 }, 'a2'],
			[{ item: 1 }, 'amount must be positive'],
			[{ item: 2 }, 'c'],
			[{ item: 3 }, 'Test op failed: No outcome was reported for item 3'],
		]);
	});

	test('without Continue On Fail the first failing item (in input order) stops the node with its index', async () => {
		await expect(runForEachItem(context([{}, {}, {}], false), together, run)).rejects.toMatchObject({
			message: 'amount must be positive',
			context: { itemIndex: 1 },
		});
	});
});

test('an operation may return an item with binary data, paired with its input item', async () => {
	const download: OperationModule = {
		async execute(itemIndex: number) {
			return new ItemWithBinary({ file: `f${itemIndex}.pdf` }, {
				data: { data: 'JVBERi0=', mimeType: 'application/pdf', fileName: `f${itemIndex}.pdf` },
			});
		},
	};
	const output = await runForEachItem(context([{}, {}], false), download, run);
	expect(output).toEqual([
		{ json: { file: 'f0.pdf' }, binary: { data: expect.objectContaining({ fileName: 'f0.pdf' }) }, pairedItem: { item: 0 } },
		{ json: { file: 'f1.pdf' }, binary: { data: expect.objectContaining({ fileName: 'f1.pdf' }) }, pairedItem: { item: 1 } },
	]);
});
