import { authenticationOf } from '../transport';
import type { SevenRoomsFunctions } from '../transport';
import { oauth2Api } from './oauth2';
import type { SevenRoomsApi } from './types';
import { api24 } from './v2_4';

export type * from './types';

/** The API a node speaks, by its Authentication parameter. */
export function apiOf(context: SevenRoomsFunctions): SevenRoomsApi {
	return authenticationOf(context) === 'api24' ? api24 : oauth2Api;
}
