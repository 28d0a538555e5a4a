import type { Authentication } from '../../shared/contract';
import type { Dialect, SevenRoomsFunctions } from '../types';
import { oauth2 } from './oauth2';
import { v2_4 } from './v2_4';

/**
 * What differs between the two APIs the nodes speak, one module each (the `Dialect` they fill in
 * is in ../types.ts), chosen by the node's Authentication parameter.
 */
const DIALECTS: Record<Authentication, Dialect> = { oAuth2: oauth2, api24: v2_4 };

/**
 * The node's Authentication parameter. Workflows saved before it existed have none and keep the
 * OAuth2 API. It is never an expression, so the node's raw parameters say it in every context.
 */
export function authenticationOf(context: SevenRoomsFunctions): Authentication {
	let value: unknown;
	if ('getCurrentNodeParameter' in context)
		value = context.getCurrentNodeParameter('authentication');
	value ??= context.getNode().parameters?.authentication;
	return value === 'api24' ? 'api24' : 'oAuth2';
}

export function dialectOf(context: SevenRoomsFunctions): Dialect {
	return DIALECTS[authenticationOf(context)];
}
