import { GcisError, isGcisError } from '@gcis/core/errors';
import type { TotpKey } from '@gcis/core/api';
import type { GcisClient } from '@gcis/core/client';
import type { CliDeps } from '../deps.js';
import { withSpinner } from '../output/withSpinner.js';

const sixDigits = /^\d{6}$/;
const attempts = 3;

export function checkCodeFlag(code: string | undefined): void {
  if (code !== undefined && !sixDigits.test(code)) {
    throw new GcisError('ERR_USAGE', '--code takes the 6 digits shown for the new QR version.');
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
  const label = version === undefined ? 'the new QR version' : `GCIS (v${version})`;
  const ask = () =>
    deps.prompts.input(`Code shown for ${label}`, {
      validate: (value) => sixDigits.test(value) || 'The 6 digits shown for the new version',
    });
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = code ?? (await ask());
      return await withSpinner(deps, 'Confirming', () => client.totpConfirm({ code: answer }));
    } catch (error) {
      const retry = code === undefined && attempt < attempts && isGcisError(error, 'ERR_TOTP_INVALID_CODE');
      if (!retry) throw error;
      deps.stderr.write('That code does not match the new version; try the next one your app shows.\n');
    }
  }
}
