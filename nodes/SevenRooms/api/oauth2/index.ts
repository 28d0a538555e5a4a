import type { SevenRoomsApi } from '../types';
import { guests } from './guests';
import { reservations } from './reservations';
import { venues } from './venues';
import { waitlist } from './waitlist';

/** The OAuth2 API of ../shared/sevenrooms-api.md: the nodes' vocabulary is its own. */
export const oauth2Api: SevenRoomsApi = { guests, reservations, waitlist, venues };
