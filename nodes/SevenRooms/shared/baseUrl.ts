/**
 * Plain http only to this machine: anywhere else it would carry the client secret and the tokens
 * in clear. One rule, applied twice: by the credentials' API Base URL expression (n8n's credential
 * Test and token requests use it before any node runs) and by the transport before every request.
 *
 * The rule reads a URL as the WHATWG URL parser (Node's `URL`, which n8n's HTTP client uses)
 * reads its scheme: tabs and newlines anywhere are dropped and control characters and spaces at
 * either end, and the scheme is compared without case. `ht<TAB>tp://host`, ` http://host` and
 * `HTTP:host` are all plain http to `host`. A plain-http URL passes only when its host is written
 * as this machine (localhost, 127.x.x.x, [::1]) with nothing but a port before the path.
 */

/** What a base URL that breaks the rule becomes: an address that can't resolve, and says why. */
export const PLAIN_HTTP_REFUSED_URL = 'https://plain-http-is-only-allowed-for-localhost.invalid';

// `URL` is not among the globals n8n's legacy expression engine allows, so the rule is regular
// expressions, written once here for both the code and the credentials' expression.
const DROPPED_ANYWHERE = /[\t\n\r]/g;
// U+0000 to U+0020 (C0 controls and space), written as what is not `!` or above.
const TRIMMED_AT_ENDS = /^[^!-\uffff]+|[^!-\uffff]+$/g;
const TRAILING_SLASHES = /\/+$/;
const PLAIN_HTTP = /^http:/i;
// Special schemes take any mix of / and \ after the colon; the host ends at / \ ? or #.
const PLAIN_HTTP_TO_THIS_MACHINE =
	/^http:[/\\]*(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d*)?([/\\?#]|$)/i;

/** A base URL as the URL parser reads it, without trailing slashes. */
export function baseUrlText(value: unknown): string {
	return String(value ?? '')
		.replace(DROPPED_ANYWHERE, '')
		.replace(TRIMMED_AT_ENDS, '')
		.replace(TRAILING_SLASHES, '');
}

/** Whether a base URL (as `baseUrlText` gives it) is plain http to anywhere but this machine. */
export function isPlainHttpElsewhere(url: string): boolean {
	return PLAIN_HTTP.test(url) && !PLAIN_HTTP_TO_THIS_MACHINE.test(url);
}

const literal = (pattern: RegExp) => `/${pattern.source}/${pattern.flags}`;

/**
 * The credentials' API Base URL from the expression of a typed base URL (e.g.
 * `$self["baseUrl"]`): the URL as `baseUrlText` gives it, or `PLAIN_HTTP_REFUSED_URL` when
 * `isPlainHttpElsewhere` says so. An n8n expression body, without `={{ }}`.
 */
export function checkedBaseUrlExpression(typed: string): string {
	const text =
		`String(${typed} || "")` +
		`.replace(${literal(DROPPED_ANYWHERE)}, "")` +
		`.replace(${literal(TRIMMED_AT_ENDS)}, "")` +
		`.replace(${literal(TRAILING_SLASHES)}, "")`;
	return `(${literal(PLAIN_HTTP)}.test(${text}) && !${literal(PLAIN_HTTP_TO_THIS_MACHINE)}.test(${text}) ? "${PLAIN_HTTP_REFUSED_URL}" : ${text})`;
}
