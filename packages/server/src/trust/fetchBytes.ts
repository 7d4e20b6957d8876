import { GcisError } from '@gcis/core';
import { describeNetworkFailure, proxyFromEnv } from '@gcis/core/client';
import { interceptors, request, type Dispatcher } from 'undici';

/** Downloads a URL's body; injected so tests and the refresher can use a stand-in. */
export type FetchBytes = (url: string) => Promise<Uint8Array>;

/** MOICA G2's complete CRL is ~20 MB; anything far beyond that is not a CRL we want in memory. */
const maxBytes = 128 * 1024 * 1024;

let agent: Dispatcher | undefined;

/**
 * undici GET following up to 3 redirects (the repositories move files between http and https), 60 s
 * timeouts, size-capped, through the proxy HTTPS_PROXY / HTTP_PROXY name unless NO_PROXY lists the host.
 */
export const fetchBytes: FetchBytes = async (url) => {
  agent ??= proxyFromEnv(process.env).compose(interceptors.redirect({ maxRedirections: 3 }));
  let chunks: Buffer[] = [];
  try {
    const response = await request(url, { dispatcher: agent, headersTimeout: 60_000, bodyTimeout: 60_000 });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new GcisError('ERR_NETWORK', `Cannot download ${url}: the server answered HTTP ${response.statusCode}.`);
    }
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.body.destroy();
        throw new GcisError('ERR_NETWORK', `Cannot download ${url}: it is larger than ${maxBytes} bytes.`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (cause) {
    chunks = [];
    if (cause instanceof GcisError) throw cause;
    throw new GcisError('ERR_NETWORK', `Cannot download ${url}: ${describeNetworkFailure(cause).reason}.`, { cause });
  }
  return new Uint8Array(Buffer.concat(chunks));
};
