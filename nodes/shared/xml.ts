/** XML text helpers with no dependencies, so credential bundles stay small. */

export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		// An XML parser reads a raw CR as LF: written as a reference, it arrives as written.
		.replace(/\r/g, '&#13;');
}

/**
 * Marks where a secret goes in a built document. Only the transport can write it: every value a
 * user gives is escaped, and escaping turns `<` into `&lt;`, so user text can never contain it.
 */
export function secretPlaceholder(name: string): string {
	return `<!--secret:${name}-->`;
}
