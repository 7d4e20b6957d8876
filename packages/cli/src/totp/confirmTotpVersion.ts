import { GcisError, isGcisError } from '@gcis/core/errors';
import type { TotpKey } from '@gcis/core/api';
import type { GcisClient } from '@gcis/core/client';
import type { CliDeps } from '../deps.js';
import { withSpinner } from '../output/withSpinner.js';
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/en.js';

const sixDigits = /^\d{6}$/;
const attempts = 3;

export function checkCodeFlag(code: string | undefined, t: Messages): void {
  if (code !== undefined && !sixDigits.test(code)) {
    throw new GcisError('ERR_USAGE', t.totp.codeFlag);
  }
}

/**
 * Confirms a pending QR version (`POST /v1/totp/rebuild/confirm`) with `code`, or asks for codes
 * up to three times; the old version keeps working until this succeeds.
 */
export async function confirmTotpVersion(
  client: GcisClient,
  { version, code }: { version?: number; code?: string },
  deps: CliDeps,
): Promise<TotpKey> {
  const t = messagesFor(deps.env);
  const label = version === undefined ? t.totp.newVersion : `GCIS (v${version})`;
  const ask = () =>
    deps.prompts.input(t.totp.codeFor(label), {
      validate: (value) => sixDigits.test(value) || t.totp.codeHint,
    });
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = code ?? (await ask());
      return await withSpinner(deps, t.totp.confirming, () => client.totpConfirm({ code: answer }));
    } catch (error) {
      const retry = code === undefined && attempt < attempts && isGcisError(error, 'ERR_TOTP_INVALID_CODE');
      if (!retry) throw error;
      deps.stderr.write(`${t.totp.noMatch}\n`);
    }
  }
}
