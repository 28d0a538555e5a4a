import type { SevenRoomsApi } from '../types';
import { guests } from './guests';
import { reservations } from './reservations';
import { venues } from './venues';
import { waitlist } from './waitlist';

/** SevenRooms' Reservations API 2.4 behind the nodes' vocabulary. */
export const api24: SevenRoomsApi = { guests, reservations, waitlist, venues };
