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
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/en.js';

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
  const t = messagesFor(deps.env);
  const nationalId = await readNationalId(options, deps);
  const client = await loadClient(deps, options.server);
  // Listen before the request exists: a Ctrl-C at any point after it is sent must cancel it.
  const aborted = new AbortController();
  const stopListening = deps.onInterrupt?.(() => aborted.abort(new InterruptedError()));
  try {
    const started = await client.loginPush({ nationalId });
    try {
      if (aborted.signal.aborted) throw aborted.signal.reason;
      await showMatchCode(deps, started.matchCode, t);
      const until = new Date(started.expiresAt);
      const text = (left: string) => t.push.waiting(started.matchCode, left);
      return await withCountdown(deps, { text, until }, () => waitForPhone(client, started, deps, aborted.signal, t));
    } catch (error) {
      if (!aborted.signal.aborted) throw error;
      await client.cancelPush(started.transactionId).catch(() => undefined);
      sayNote(deps, t.push.cancelledOnServer);
      throw new InterruptedError();
    }
  } catch (error) {
    throw aborted.signal.aborted && !(error instanceof InterruptedError) ? new InterruptedError() : error;
  } finally {
    stopListening?.();
  }
};

async function waitForPhone(
  client: GcisClient,
  started: PushTransaction,
  deps: CliDeps,
  signal: AbortSignal,
  t: Messages,
): Promise<StoredSession> {
  const expiresAt = new Date(started.expiresAt).getTime();
  for (;;) {
    const remainingMs = expiresAt - deps.clock.now().getTime();
    if (remainingMs < -graceMs) throw expired(started, t);
    const wait = Math.min(maxWaitSeconds, Math.max(1, Math.ceil(remainingMs / 1000)));
    const status = await client.pushStatus(started.transactionId, wait, { signal });
    if (status.status === 'pending') continue;
    return outcome(status, started, t);
  }
}

function outcome(status: PushStatus, started: PushTransaction, t: Messages): StoredSession {
  switch (status.status) {
    case 'approved':
      if (status.session) return status.session;
      throw new GcisError('ERR_NOT_LOGGED_IN', t.push.sessionTaken);
    case 'expired':
      throw expired(started, t);
    case 'cancelled':
      throw new GcisError('ERR_CANCELLED', t.push.cancelled);
    default: {
      const reason = status.reason;
      if (reason && reason.code !== 'ERR_PUSH_DENIED' && isGcisErrorCode(reason.code)) {
        throw new GcisError(reason.code, t.push.refused(reason.message));
      }
      throw new GcisError('ERR_PUSH_DENIED', t.push.denied);
    }
  }
}

const expired = (started: PushTransaction, t: Messages) =>
  new GcisError('ERR_TIMEOUT', t.push.expired(new Date(started.expiresAt).toISOString()));

async function readNationalId(options: MethodLoginOptions, deps: CliDeps): Promise<string> {
  const t = messagesFor(deps.env);
  let value = options.id ?? deps.env.GCIS_NATIONAL_ID;
  if (value === undefined) {
    if (!options.interactive) throw missingInput(t.push.missingNationalId, '--id or GCIS_NATIONAL_ID', deps.env);
    const validate = (typed: string) => {
      const result = validateNationalId(typed);
      return result.valid || (result.reason === 'format' ? t.push.idFormat : t.push.idCheckDigit);
    };
    value = await deps.prompts.input(t.push.nationalId, { validate });
  }
  const result = validateNationalId(value);
  if (!result.valid) {
    const why = result.reason === 'format' ? t.push.notIdFormat : t.push.notCheckDigit;
    throw new GcisError('ERR_INVALID_NATIONAL_ID', t.push.invalidId(why));
  }
  return result.id;
}

/** The match code, big enough to read across a desk: the user types it on the phone. */
async function showMatchCode(deps: Pick<CliDeps, 'env' | 'isTTY' | 'stderr'>, code: string, t: Messages): Promise<void> {
  const { isTTY, stderr } = deps;
  if (!isTTY.stderr) {
    stderr.write(`gcis: ${t.push.matchCodeLine(code)}\n`);
    return;
  }
  const big = (await loadChalk(deps, 'stderr')).bold.inverse(`  ${code.split('').join(' ')}  `);
  stderr.write(`\n  ${t.push.matchCode}: ${big}\n  ${t.push.typeOnPhone}\n\n`);
}
