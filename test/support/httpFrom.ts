import { request } from 'node:http';

export type JsonReply = { status: number; body: Record<string, any> };

/**
 * A JSON POST from a chosen local address: Linux routes all of 127.0.0.0/8 to the loopback
 * interface, so 127.0.0.2, 127.0.0.3 … are distinct client sources without a proxy header.
 */
export function postFrom(url: string, path: string, body: unknown, localAddress = '127.0.0.1'): Promise<JsonReply> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const sent = request(
      new URL(path, url),
      { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => void (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    sent.on('error', reject);
    sent.end(payload);
  });
}
