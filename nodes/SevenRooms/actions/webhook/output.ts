import type { IDataObject } from 'n8n-workflow';

/**
 * A subscription as shown anywhere but Webhook → Create: whether it has a signing secret, never
 * the secret itself.
 */
export function withoutSecret(webhook: IDataObject): IDataObject {
	const { secret, ...rest } = webhook;
	return { ...rest, secret_set: typeof secret === 'string' && secret !== '' };
}
