import { GcisError, isGcisErrorCode } from '@gcis/core/errors';
import type { PushStatus, PushTransaction } from '@gcis/core/api';
import type { GcisClient } from '@gcis/core/client';
import { validateNationalId } from '@gcis/core/id';
import type { CliDeps } from '../deps.js';
import { InterruptedError } from '../errors/interrupted.js';
import { missingInput } from '../errors/missingInput.js';
import { loadChalk } from '../output/colour.js';
import { withCountdown } from '../output/countdownSpinner.js';
import { sayNote } from '../output/say.js';
import { loadClient } from '../session/loadClient.js';
import type { StoredSession } from '../session/tokenStore.js';
import type { MethodLogin, MethodLoginOptions } from './methodLogin.js';

/** The longest the server holds one long poll open (PushWaitQuery allows 25 s). */
const maxWaitSeconds = 25;
/** How long past the request's expiry gcis keeps asking before it gives up by itself. */
const graceMs = 30_000;

/**
 * `POST /v1/login/push` (README "Push login"): the national ID from `--id`, else
 * GCIS_NATIONAL_ID, else a prompt, checked here first (exit 2 for a wrong check digit); shows the
 * 2-digit match code, then long-polls with a countdown until the phone answers. Ctrl-C cancels the
 * request on the server (exit 130); expiry is ERR_TIMEOUT (exit 3), a denial ERR_PUSH_DENIED or
 * the reason the server refused the phone's answer (exit 4).
 */
export const loginPush: MethodLogin = async (options, deps) => {
  const nationalId = await readNationalId(options, deps);
  const client = await loadClient(deps, options.server);
  // Listen before the request exists: a Ctrl-C at any point after it is sent must cancel it.
  const aborted = new AbortController();
  const stopListening = deps.onInterrupt?.(() => aborted.abort(new InterruptedError()));
  try {
    const started = await client.loginPush({ nationalId });
    try {
      if (aborted.signal.aborted) throw aborted.signal.reason;
      await showMatchCode(deps, started.matchCode);
      const until = new Date(started.expiresAt);
      const text = (left: string) => `Waiting for your phone to confirm (match code ${started.matchCode}) — ${left} left, Ctrl-C cancels`;
      return await withCountdown(deps, { text, until }, () => waitForPhone(client, started, deps, aborted.signal));
    } catch (error) {
      if (!aborted.signal.aborted) throw error;
      await client.cancelPush(started.transactionId).catch(() => undefined);
      sayNote(deps, 'cancelled the push login on the server');
      throw new InterruptedError();
    }
  } catch (error) {
    throw aborted.signal.aborted && !(error instanceof InterruptedError) ? new InterruptedError() : error;
  } finally {
    stopListening?.();
  }
};

async function waitForPhone(client: GcisClient, started: PushTransaction, deps: CliDeps, signal: AbortSignal): Promise<StoredSession> {
  const expiresAt = new Date(started.expiresAt).getTime();
  for (;;) {
    const remainingMs = expiresAt - deps.clock.now().getTime();
    if (remainingMs < -graceMs) throw expired(started);
    const wait = Math.min(maxWaitSeconds, Math.max(1, Math.ceil(remainingMs / 1000)));
    const status = await client.pushStatus(started.transactionId, wait, { signal });
    if (status.status === 'pending') continue;
    return outcome(status, started);
  }
}

function outcome(status: PushStatus, started: PushTransaction): StoredSession {
  switch (status.status) {
    case 'approved':
      if (status.session) return status.session;
      throw new GcisError('ERR_NOT_LOGGED_IN', 'The phone approved, but the session went to another request for this login.');
    case 'expired':
      throw expired(started);
    case 'cancelled':
      throw new GcisError('ERR_CANCELLED', 'The push login was cancelled.');
    default: {
      const reason = status.reason;
      if (reason && reason.code !== 'ERR_PUSH_DENIED' && isGcisErrorCode(reason.code)) {
        throw new GcisError(reason.code, `The server refused the phone's answer: ${reason.message}`);
      }
      throw new GcisError('ERR_PUSH_DENIED', 'The login was declined on the phone (or the match code typed there was wrong).');
    }
  }
}

const expired = (started: PushTransaction) =>
  new GcisError('ERR_TIMEOUT', `The phone did not answer in time: the request expired at ${new Date(started.expiresAt).toISOString()}.`);

async function readNationalId(options: MethodLoginOptions, deps: CliDeps): Promise<string> {
  let value = options.id ?? deps.env.GCIS_NATIONAL_ID;
  if (value === undefined) {
    if (!options.interactive) throw missingInput('national ID', '--id or GCIS_NATIONAL_ID');
    const validate = (typed: string) => {
      const result = validateNationalId(typed);
      return result.valid || (result.reason === 'format' ? 'A letter and 9 digits (A123456789), or two letters and 8 digits (AC01234567)' : 'The check digit does not match');
    };
    value = await deps.prompts.input('National ID (身分證字號)', { validate });
  }
  const result = validateNationalId(value);
  if (!result.valid) {
    const why = result.reason === 'format' ? 'it is neither a letter and 9 digits nor two letters and 8 digits' : 'its check digit does not match';
    throw new GcisError('ERR_INVALID_NATIONAL_ID', `Not a valid national ID or resident number: ${why}.`);
  }
  return result.id;
}

/** The match code, big enough to read across a desk: the user types it on the phone. */
async function showMatchCode(deps: Pick<CliDeps, 'env' | 'isTTY' | 'stderr'>, code: string): Promise<void> {
  const { isTTY, stderr } = deps;
  if (!isTTY.stderr) {
    stderr.write(`gcis: match code ${code} — type it in the mobile certificate app (行動自然人憑證) on your phone\n`);
    return;
  }
  const big = (await loadChalk(deps, 'stderr')).bold.inverse(`  ${code.split('').join(' ')}  `);
  stderr.write(`\n  Match code (配對碼): ${big}\n  Type it in the mobile certificate app (行動自然人憑證) on your phone.\n\n`);
}
