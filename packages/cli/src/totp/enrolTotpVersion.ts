import type { GcisClient } from '@gcis/core/client';
import type { CliDeps } from '../deps.js';
import { useColour } from '../output/colour.js';
import { renderQr } from '../output/renderQr.js';
import { sayNote, saySuccess } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { withStepUpHint } from '../session/stepUpHint.js';
import { confirmTotpVersion } from './confirmTotpVersion.js';
import { printTotpKey } from './printTotpKey.js';

export type EnrolOptions = { server: string; code?: string; json?: boolean; interactive: boolean };

/**
 * Makes a new QR version (`POST /v1/totp/rebuild`, which needs a recent login: step-up),
 * shows it, and confirms it with a code typed or given by `--code`. Without a terminal or a code
 * the version is left pending and `gcis totp confirm` finishes the job: nobody can know a code
 * of a QR version before it exists.
 */
export async function enrolTotpVersion(client: GcisClient, options: EnrolOptions, deps: CliDeps): Promise<void> {
  const { server, code, json, interactive } = options;
  const pending = await withStepUpHint(server, 'A new QR code', () => withSpinner(deps, 'Making a new QR code', () => client.totpRebuild()));
  const previous = pending.version > 1 ? `; version ${pending.version - 1} keeps working until you confirm` : '';

  if (code === undefined && !interactive) {
    await printTotpKey(pending, { json, showSecret: true }, deps);
    sayNote(deps, `QR version ${pending.version} is pending${previous}: confirm it with "gcis totp confirm --code CODE"`);
    return;
  }
  // The QR has to be seen to be scanned; with --json stdout is kept for the JSON result.
  if (json) deps.stderr.write(await renderQr(pending.uri, { colour: useColour(deps, 'stderr') }));
  else await printTotpKey(pending, {}, deps);
  sayNote(deps, `scan QR version ${pending.version} into your authenticator app${previous}`);

  const confirmed = await withStepUpHint(server, 'Confirming a new QR code', () =>
    confirmTotpVersion(client, { version: pending.version, code }, deps),
  );
  await saySuccess(deps, `QR version ${confirmed.version} is active; codes from older versions no longer work`);
  if (json) await printTotpKey(confirmed, { json, showSecret: true }, deps);
  else deps.stdout.write(`version ${confirmed.version}\n`);
}
