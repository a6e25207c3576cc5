// Small helpers over n8n 2.41's editor, by the data-test-id attributes n8n's own e2e tests use.
/// <reference lib="dom" /> (functions passed to page.evaluate run in the page)
'use strict';

const T = (id) => `[data-test-id="${id}"]`;

class Editor {
	constructor(page, baseUrl) {
		this.page = page;
		this.baseUrl = baseUrl;
	}

	async signIn(email, password) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.locator('#emailOrLdapLoginId').fill(email);
		await page.locator('#password').fill(password);
		await page.locator(T('form-submit-button')).click();
		await page.waitForURL((url) => !String(url).includes('/signin'), { timeout: 30000 });
	}

	async newWorkflow() {
		const { page } = this;
		await page.goto(`${this.baseUrl}/workflow/new`);
		await page.locator(T('node-creator-plus-button')).waitFor();
		await page.waitForLoadState('networkidle');
	}

	async openWorkflow(id) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/workflow/${id}`);
		await page.locator(T('canvas-node')).first().waitFor();
		await page.waitForLoadState('networkidle');
	}

	/** Node panel: the node names it lists for `search` (the panel is closed again). */
	async searchNodePanel(search) {
		const { page } = this;
		await page.locator(T('node-creator-plus-button')).click();
		const creator = page.locator(T('node-creator'));
		await creator.waitFor();
		await creator.locator(T('node-creator-search-bar')).fill(search);
		await page.waitForTimeout(500);
		const names = (await creator.locator(T('node-creator-item-name')).allInnerTexts()).map((name) => name.trim());
		await page.keyboard.press('Escape');
		await creator.waitFor({ state: 'hidden' }).catch(() => {});
		return names;
	}

	/** Node panel: search `search`, open the node named `nodeName`, click the action `actionText`. */
	async addNodeFromPanel(search, nodeName, actionText) {
		const { page } = this;
		await page.locator(T('node-creator-plus-button')).click();
		const creator = page.locator(T('node-creator'));
		await creator.waitFor();
		await creator.locator(T('node-creator-search-bar')).fill(search);
		await creator.locator(T('node-creator-item-name'), { hasText: new RegExp(`^${escapeRe(nodeName)}$`) }).first().click();
		if (!actionText) await creator.getByRole('button', { name: 'Add to workflow' }).click();
		else {
			const action = creator
				.locator(T('item-iterator-item'), { has: page.locator(T('node-creator-item-name'), { hasText: new RegExp(`^${escapeRe(actionText)}$`) }) })
				.first();
			// A node with a trigger of the same app is one entry: on an empty canvas n8n lists its
			// triggers and folds its actions ("Actions (6)"); unfold them.
			if (!(await action.isVisible().catch(() => false))) {
				const folded = creator.getByText(/^Actions \(\d+\)$/).first();
				if (await folded.isVisible().catch(() => false)) await folded.click();
			}
			await action.click();
		}
		await this.ndv().waitFor();
		await this.ndv().locator(T('node-parameters')).waitFor();
	}

	ndv() {
		return this.page.locator(T('ndv'));
	}

	param(name) {
		return this.ndv().locator(T(`parameter-input-${name}`));
	}

	async isVisible(name) {
		return this.param(name).first().isVisible();
	}

	/** Pick `optionText` in the options parameter `name` (or a locator). */
	async choose(name, optionText) {
		const { page } = this;
		const target = typeof name === 'string' ? this.param(name).first() : name;
		await target.scrollIntoViewIfNeeded().catch(() => {});
		await target.click();
		let items = await this.openList(target);
		try {
			await items.first().waitFor({ state: 'visible', timeout: 8000 });
		} catch {
			// A click that landed while the panel was still moving opens nothing: click again (no
			// Escape: it would close the node's panel).
			await page.waitForTimeout(300);
			await target.scrollIntoViewIfNeeded().catch(() => {});
			await target.click();
			items = await this.openList(target);
			await items.first().waitFor({ state: 'visible', timeout: 15000 });
		}
		// An option reads "<name>" or "<name>\n<description>": match the name line exactly.
		const at = await items.evaluateAll(
			(els, text) => els.findIndex((el) => ((el.innerText || '').split('\n').map((l) => l.trim()).filter(Boolean)[0] || '') === text),
			optionText,
		);
		if (at < 0) throw new Error(`no option "${optionText}" in: ${(await items.allInnerTexts()).map((t) => t.split('\n')[0].trim()).join(', ')}`);
		const item = await items.nth(at).elementHandle();
		await item.click();
		// Wait for the list to close, so that the next choice does not read this list's options.
		await item.waitForElementState('hidden', { timeout: 5000 }).catch(() => {});
		await page.waitForTimeout(150);
	}

	/**
	 * The options of the list that `trigger` opened: the list its combobox names (aria-controls),
	 * so that another list still fading out is not read instead.
	 */
	async openList(trigger) {
		const { page } = this;
		const combo = (await trigger.getAttribute('role').catch(() => null)) === 'combobox' ? trigger : trigger.locator('[role="combobox"]').first();
		const id = await combo.getAttribute('aria-controls', { timeout: 2000 }).catch(() => null);
		const scope = id ? `[id="${id}"] ` : '';
		return page.locator(`${scope}${T('parameter-input-item')}:visible, ${scope}.el-select-dropdown__item:visible`);
	}

	/** The option texts an options parameter shows once opened (for options loaded from the vendor). */
	async openOptions(name) {
		const { page } = this;
		const field = this.param(name).first();
		await field.scrollIntoViewIfNeeded();
		await field.locator('input').first().click();
		const items = await this.openList(field);
		// Options from the vendor arrive after the list opens ("Loading options..." first).
		await items.first().waitFor({ state: 'visible', timeout: 15000 }).catch(() => {});
		await page.waitForLoadState('networkidle');
		const texts = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
		return texts;
	}

	async closeDropdown() {
		const { page } = this;
		await page.keyboard.press('Escape');
		const open = page.locator(`${T('parameter-input-item')}:visible, .el-select-dropdown__item:visible`);
		try {
			await open.first().waitFor({ state: 'hidden', timeout: 2000 });
		} catch {
			await this.ndv().locator(T('tab-params')).click();
			await open.first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});
		}
	}

	/** Type into a plain (non-expression) string parameter. */
	async fill(name, value) {
		const field = this.param(name).first();
		const input = field.locator('input, textarea').first();
		await input.click();
		await input.fill(String(value));
		await input.press('Tab');
	}

	/** Replace an expression parameter's text (e.g. a default `={{ $json.x }}`) with `value`. */
	async fillExpression(name, value) {
		const field = this.param(name).first();
		const editor = field.locator('.cm-content').first();
		if (!(await editor.count())) return this.fill(name, value);
		await editor.click();
		await this.page.keyboard.press('ControlOrMeta+a');
		await this.page.keyboard.type(String(value));
		await this.page.keyboard.press('Escape');
		await this.ndv().locator(T('tab-params')).click();
		await this.page.waitForTimeout(500);
	}

	/** Resource locator: pick its mode and type the value. */
	async fillLocator(name, modeText, value) {
		const box = this.ndv().locator(T(`resource-locator-${name}`));
		await this.choose(box.locator(T('rlc-mode-selector')), modeText);
		const shown = await this.modeLabel(name);
		if (shown.cut || !shown.text.includes(modeText)) throw new Error(`${name}: mode "${modeText}" shows as "${shown.text}"${shown.cut ? ', cut off' : ''}`);
		const input = box.locator(T('rlc-input'));
		await input.fill(String(value));
		await input.press('Tab');
	}

	/**
	 * The chosen mode of a resource locator as its selector shows it, and whether the selector cuts
	 * it (text wider than the box that clips it).
	 */
	async modeLabel(name) {
		const selector = this.ndv().locator(`${T(`resource-locator-${name}`)} ${T('rlc-mode-selector')}`);
		return await selector.evaluate((root) => {
			const input = root.querySelector('input');
			if (input && input.value) return { text: input.value, cut: input.scrollWidth > input.clientWidth + 1 };
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			let cut = false;
			let text = '';
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if (!node.textContent || !node.textContent.trim()) continue;
				text += node.textContent.trim();
				for (let el = node.parentElement; el && el !== root.parentElement; el = el.parentElement) {
					if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') cut = true;
				}
			}
			return { text, cut };
		});
	}

	/** "Add option"/"Add Field" of a collection (by its position among visible collections) and pick `optionText`. */
	async addCollectionOption(collectionDisplayName, optionText) {
		const item = this.ndv().locator(T('parameter-item')).filter({ hasText: collectionDisplayName }).last();
		await this.choose(item.locator(T('collection-parameter-add')).last(), optionText);
	}

	async setOnErrorContinue() {
		const ndv = this.ndv();
		await ndv.locator(T('tab-settings')).click();
		await this.choose('onError', 'Continue');
		await ndv.locator(T('tab-params')).click();
	}

	/** Execute the open node (and what comes before it) and return the output panel's text. */
	async executeStep() {
		const { page } = this;
		const ndv = this.ndv();
		const out = ndv.locator(T('output-panel'));
		const before = await out.innerText().catch(() => '');
		await ndv.locator(T('node-execute-button')).first().click();
		await page.waitForFunction(
			(prior) => {
				const panel = /** @type {HTMLElement | null} */ (document.querySelector('[data-test-id="output-panel"]'));
				if (!panel) return false;
				const text = panel.innerText || '';
				if (text === prior) return false;
				if (/Executing node|No output data/.test(text)) return false;
				if (panel.querySelector('[data-test-id="node-error-message"]')) return true;
				const data = panel.querySelector('[data-test-id="ndv-data-container"]');
				return !!data && /\S/.test(data.textContent || '');
			},
			before,
			{ timeout: 30000 },
		);
		await page.waitForLoadState('networkidle');
		// The table view cuts long texts; the JSON view shows every value.
		await this.showJson();
		// The JSON view renders after the switch: wait for its values (or the error).
		await page
			.waitForFunction(() => {
				const panel = /** @type {HTMLElement | null} */ (document.querySelector('[data-test-id="output-panel"]'));
				return !!panel && (/[[{]/.test(panel.innerText || '') || !!panel.querySelector('[data-test-id="node-error-message"]'));
			}, null, { timeout: 5000 })
			.catch(() => {});
		return (await out.innerText()).replace(/[ \t]+/g, ' ');
	}

	/** Switch the output panel to its JSON view (kept for the next runs). */
	async showJson() {
		const json = this.ndv().locator(T('output-panel')).getByText('JSON', { exact: true }).first();
		if (await json.isVisible()) await json.click();
	}

	async closeNdv() {
		const close = this.ndv().locator(T('ndv-close-button'));
		if (await close.isVisible()) await close.click();
		await this.ndv().waitFor({ state: 'hidden' });
	}

	/** Run the whole open workflow from the canvas; returns when the run is over. */
	async executeWorkflow() {
		const { page } = this;
		const button = page.locator(T('execute-workflow-button')).first();
		await button.click();
		await page.waitForFunction(
			() => {
				const b = document.querySelector('[data-test-id="execute-workflow-button"]');
				const stop = document.querySelector('[data-test-id="stop-execution-button"]');
				return b && !stop && !/Executing/i.test(b.textContent || '');
			},
			null,
			{ timeout: 60000 },
		);
		await page.waitForLoadState('networkidle');
	}
}

function escapeRe(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = { Editor, T, escapeRe };
