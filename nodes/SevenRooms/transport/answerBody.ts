/** What n8n's HTTP helper hands over for `encoding: 'stream'`: a Node readable stream. */
interface BodyStream {
	on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
	once(event: 'end' | 'close', listener: () => void): unknown;
	once(event: 'error', listener: (error: Error) => void): unknown;
	destroy?: () => void;
}

function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream).on === 'function' &&
		typeof (body as BodyStream).once === 'function'
	);
}

/** Coded like the network errors of n8n's helper, so the retry policy treats it as one. */
const networkFailure = (message: string, code: string) =>
	Object.assign(new Error(message), { code });

/** JSON parsed; other text kept as it is, for the error that names it. */
function parsedText(text: string): unknown {
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
 * text); read here, each chunk becomes text as it lands. The read ends by `deadline` even while the
 * server keeps trickling bytes (the client's timeout only notices silence), and a connection that
 * closes before the end fails like a reset. A body that is not a stream (a buffered answer) is
 * taken as it is.
 */
export async function readAnswerBody(body: unknown, deadline: number): Promise<unknown> {
	if (!isBodyStream(body)) return body;
	return await new Promise((resolve, reject) => {
		const decoder = new TextDecoder();
		let text = '';
		let settled = false;
		const fail = (error: Error) => {
			if (settled) return;
			settled = true;
			body.destroy?.();
			reject(error);
		};
		body.on('data', (chunk) => {
			if (settled) return;
			if (Date.now() > deadline) {
				fail(networkFailure('The answer did not arrive in time', 'ETIMEDOUT'));
				return;
			}
			text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		});
		body.once('error', fail);
		body.once('close', () =>
			fail(networkFailure('The connection closed before the answer ended', 'ECONNRESET')),
		);
		body.once('end', () => {
			if (settled) return;
			settled = true;
			resolve(parsedText(text + decoder.decode()));
		});
	});
}
