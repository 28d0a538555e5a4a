/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules) */
import { PassThrough } from 'node:stream';

import { readAnswerBody } from '../../nodes/SevenRooms/transport/answerBody';

const later = Date.now() + 60_000;

describe('readAnswerBody: a list page read from the response stream', () => {
	it('decodes a character split between two chunks (a guest called Zoë stays Zoë)', async () => {
		const bytes = Buffer.from(JSON.stringify({ data: [{ first_name: 'Zoë' }] }));
		const split = bytes.indexOf(Buffer.from('ë')) + 1;
		const stream = new PassThrough();
		const read = readAnswerBody(stream, later);
		stream.write(bytes.subarray(0, split));
		stream.end(bytes.subarray(split));
		expect(await read).toEqual({ data: [{ first_name: 'Zoë' }] });
	});

	it('keeps text that is not JSON (a proxy page) and an empty body as they are', async () => {
		const page = new PassThrough();
		const readPage = readAnswerBody(page, later);
		page.end('<html>Bad gateway</html>');
		expect(await readPage).toBe('<html>Bad gateway</html>');
		const empty = new PassThrough();
		const readEmpty = readAnswerBody(empty, later);
		empty.end();
		expect(await readEmpty).toBe('');
	});

	it('fails like a reset when the connection closes before the answer ended', async () => {
		const stream = new PassThrough();
		const read = readAnswerBody(stream, later);
		stream.write('{"data": [');
		stream.destroy();
		await expect(read).rejects.toMatchObject({ code: 'ECONNRESET' });
	});

	it("passes the stream's own error on, and stops reading once past the deadline", async () => {
		const failing = new PassThrough();
		const readFailing = readAnswerBody(failing, later);
		failing.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
		await expect(readFailing).rejects.toMatchObject({ message: 'aborted' });
		const late = new PassThrough();
		const readLate = readAnswerBody(late, Date.now() - 1);
		late.write(' ');
		await expect(readLate).rejects.toMatchObject({ code: 'ETIMEDOUT' });
		expect(late.destroyed).toBe(true);
	});

	it('takes an answer that is not a stream as it is', async () => {
		const body = { data: [] };
		expect(await readAnswerBody(body, later)).toBe(body);
	});
});
