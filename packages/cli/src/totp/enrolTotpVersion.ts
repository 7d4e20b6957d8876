import type { GcisClient } from '@gcis/core/client';
import type { CliDeps } from '../deps.js';
import { useColour } from '../output/colour.js';
import { renderQr } from '../output/renderQr.js';
import { sayNote, saySuccess } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { withStepUpHint } from '../session/stepUpHint.js';
import { confirmTotpVersion } from './confirmTotpVersion.js';
import { printTotpKey } from './printTotpKey.js';
import { messagesFor } from '../i18n/messages.js';

export type EnrolOptions = { server: string; code?: string; json?: boolean; interactive: boolean };

/**
 * Makes a new QR version (`POST /v1/totp/rebuild`, which needs a recent login: step-up),
 * shows it, and confirms it with a code typed or given by `--code`. Without a terminal or a code
 * the version is left pending and `gcis totp confirm` finishes the job: nobody can know a code
 * of a QR version before it exists.
 */
export async function enrolTotpVersion(client: GcisClient, options: EnrolOptions, deps: CliDeps): Promise<void> {
  const { server, code, json, interactive } = options;
  const t = messagesFor(deps.env);
  const pending = await withStepUpHint(server, t.totp.actionNew, () => withSpinner(deps, t.totp.making, () => client.totpRebuild()), t);
  const previous = pending.version > 1 ? t.totp.previous(pending.version - 1) : '';

  if (code === undefined && !interactive) {
    await printTotpKey(pending, { json, showSecret: true }, deps);
    sayNote(deps, t.totp.pending(pending.version, previous));
    return;
  }
  // The QR has to be seen to be scanned; with --json stdout is kept for the JSON result.
  if (json) deps.stderr.write(await renderQr(pending.uri, { colour: useColour(deps, 'stderr') }));
  else await printTotpKey(pending, {}, deps);
  sayNote(deps, t.totp.scan(pending.version, previous));

  const confirmed = await withStepUpHint(
    server,
    t.totp.actionConfirm,
    () => confirmTotpVersion(client, { version: pending.version, code }, deps),
    t,
  );
  await saySuccess(deps, t.totp.active(confirmed.version));
  if (json) await printTotpKey(confirmed, { json, showSecret: true }, deps);
  else deps.stdout.write(`${t.totp.version(confirmed.version, false)}\n`);
}
