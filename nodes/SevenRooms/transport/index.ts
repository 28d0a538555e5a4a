/**
 * The one place the package talks HTTP: auth and connection (`connection`), the request path with
 * retries and error mapping (`request`, `retryPolicy`, `errors`), pages (`pagination`), pacing
 * (`rateControl`) and the API's clock (`serverClock`). What differs between the OAuth2 API and
 * API 2.4 is in `dialects/`, one module each.
 */
export { connectionOf } from './connection';
export type { Connection } from './connection';
export { apiErrorsOf, isAnswerLost, isNotFound, nodeErrorOf } from './errors';
export { authenticationOf, dialectOf } from './dialects';
export type { Dialect, SevenRoomsFunctions } from './types';
export { apiRequestAllItems, apiRequestPages, MAX_PAGES } from './pagination';
export { apiRequest, apiRequestObject } from './request';
export type { ApiRequestOptions } from './request';
export { retryPolicy } from './retryPolicy';
export { serverNow } from './serverClock';
