import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * `sendVendorRequest` is typed for IExecuteFunctions but uses only n8n's authenticated HTTP
 * helper, which a dropdown's ILoadOptionsFunctions has too: this passes that helper through, so
 * loadOptions methods send their requests the same way (n8n's proxy, TLS, credential injection).
 */
export function asSendContext(ctx: IExecuteFunctions | ILoadOptionsFunctions): IExecuteFunctions {
	if ('getInputData' in ctx) return ctx;
	const helper = ctx.helpers.httpRequestWithAuthentication;
	return {
		helpers: {
			httpRequestWithAuthentication: (...args: Parameters<typeof helper>) => helper.call(ctx, ...args),
		},
	} as unknown as IExecuteFunctions;
}
