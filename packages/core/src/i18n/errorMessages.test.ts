import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GcisError } from '../errors.js';
import { createClient } from '../client/index.js';
import { errorMessages } from './errorMessages.js';
import { localizeError } from './localizeError.js';

const han = /[\u3400-\u9fff]/;

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('errorMessages', () => {
  it('says a refused connection in zh-TW, keeping the server and the system’s reason code', async () => {
    const port = await closedPort();
    const error = await createClient({ server: `http://127.0.0.1:${port}` })
      .whoami()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GcisError);
    const text = localizeError(error as GcisError, errorMessages['zh-TW']);
    expect(text).toMatch(han);
    expect(text).toContain(`127.0.0.1:${port}`);
    expect(text).toContain('ECONNREFUSED');
  });

  it('keeps English as the error says it', () => {
    const error = new GcisError('ERR_LOGIN_FAILED', 'Login failed.');
    expect(localizeError(error, errorMessages.en)).toBe('Login failed.');
    expect(localizeError(error, errorMessages['zh-TW'])).toMatch(han);
  });

  it('leaves a message already in Chinese as it is', () => {
    const error = new GcisError('ERR_LOGIN_FAILED', '自訂的訊息');
    expect(localizeError(error, errorMessages['zh-TW'])).toBe('自訂的訊息');
  });
});
