import { GcisError } from '@gcis/core/errors';
import { openSigner } from '../card/openSigner.js';
import type { CliDeps } from '../deps.js';
import { defaultAllowedOrigins } from '../localServer/originPolicy.js';
import { sayNote } from '../output/say.js';
import { messagesFor } from '../i18n/messages.js';

export type LocalServerOptions = {
  port?: string;
  /** More page origins allowed, besides the defaults (and GCIS_LOCAL_SERVER_ORIGINS). */
  allowOrigin?: string[];
  /** Drop the default origins (the portal's and MOICA's). */
  defaultOrigins?: boolean;
  pkcs11Module?: string;
};

/**
 * `gcis local-server`: the HiPKI LocalSignServer's interface on 127.0.0.1 backed by a PKCS#11
 * module, so the portal's certificate login works in a browser wherever the module does. Prints
 * its URL on stdout, one JSON line per request on stderr; runs until Ctrl-C.
 */
export async function localServer(options: LocalServerOptions, deps: CliDeps): Promise<void> {
  const t = messagesFor(deps.env);
  const port = Number(options.port ?? '61161');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GcisError('ERR_USAGE', t.signing.portFlag);
  const fromEnv = (deps.env.GCIS_LOCAL_SERVER_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  const origins = [...(options.defaultOrigins === false ? [] : defaultAllowedOrigins), ...fromEnv, ...(options.allowOrigin ?? [])];
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) throw new GcisError('ERR_USAGE', t.signing.notOrigin(origin));
  }
  const signer = await openSigner({ signer: 'pkcs11', ...(options.pkcs11Module && { pkcs11Module: options.pkcs11Module }) }, deps);
  const { startLocalServer } = await import('../localServer/startLocalServer.js');
  let running;
  try {
    running = await startLocalServer({ signer, port, allowedOrigins: origins, clock: deps.clock, log: (entry) => deps.stderr.write(`${JSON.stringify(entry)}\n`) });
  } catch (cause) {
    await signer.close();
    const busy = (cause as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new GcisError('ERR_USAGE', busy ? t.signing.portInUse(port) : t.signing.cannotListen((cause as Error).message), { cause });
  }
  deps.stdout.write(`${running.url}\n`);
  sayNote(deps, t.signing.localServerFor(origins.join(', ') || t.signing.noOrigin));
  await new Promise<void>((resolve) => {
    const unsubscribe = deps.onInterrupt?.(() => {
      unsubscribe?.();
      resolve();
    });
  });
  await running.close();
  await signer.close();
}
