import type { TotpKey } from '@gcis/core/api';
import type { CliDeps } from '../deps.js';
import { useColour } from '../output/colour.js';
import { renderQr } from '../output/renderQr.js';
import { messagesFor } from '../i18n/messages.js';

/** A TOTP key as a command's result on stdout: QR, version and otpauth URI, or one JSON object. */
export async function printTotpKey(
  key: TotpKey,
  { json, showSecret }: { json?: boolean; showSecret?: boolean },
  deps: Pick<CliDeps, 'env' | 'isTTY' | 'stdout'>,
): Promise<void> {
  const { version, status, uri, secret } = key;
  if (json) {
    deps.stdout.write(`${JSON.stringify({ version, status, uri, ...(showSecret && { secret }) })}\n`);
    return;
  }
  const t = messagesFor(deps.env);
  const lines = [t.totp.version(version, status === 'pending'), uri];
  if (showSecret) lines.push(`${t.totp.secret} ${secret}`);
  deps.stdout.write(`${await renderQr(uri, { colour: useColour(deps, 'stdout') })}${lines.join('\n')}\n`);
}
