import { createHash } from 'node:crypto';
import type { GcisErrorCode } from '@gcis/core';
import type { Session } from '@gcis/core/api';
import { describeHashedIdNum, pushSignData, pushSignInfo, verifySignedResponse, type SignOutcome } from '@gcis/core/push';
import type { AppContext } from '../context.js';
import { issueSession } from '../login/issueSession.js';
import type { PushTransactionRow } from '../store/pushTransactions.js';
import { pushTrust } from './pushTrust.js';

/**
 * A signed answer of the service: approves the login — once — if the phone's signature over this
 * server's own sign data verifies under a certificate with a valid path to the push trust, whose
 * identity (the card profile when it carries one, else the ID this server pushed to) is an
 * account's. hashed_id_num and the card profile are strict only as push.verifyHashedIdNum and
 * push.requireCardProfile say; what differs is logged by its shape, never the ID or its hash.
 */
export function approvePush(
  context: AppContext,
  row: PushTransactionRow,
  result: SignOutcome,
  end: (code: GcisErrorCode, message: string) => undefined,
): Session | undefined {
  const { store, box, clock, config, push } = context;
  const responseHash = createHash('sha256').update(result.signedResponse).digest('hex');
  if (store.pushTransactions.signedResponseUsed(responseHash)) {
    return end('ERR_PUSH_REPLAY', 'This signed response was already used for a login.');
  }
  const nationalId = box.open(row.national_id_sealed, `push:${row.id}`).toString('utf8');
  const signInfo = pushSignInfo(pushSignData({ transactionId: row.id, matchCode: row.match_code, origin: row.origin }));
  const now = clock.now();
  const verified = verifySignedResponse({
    signedResponse: result.signedResponse,
    certificate: result.certificate,
    signInfo,
    nationalId,
    hashedIdNum: result.hashedIdNum,
    verifyHashedIdNum: config.push.verifyHashedIdNum,
    requireCardProfile: config.push.requireCardProfile,
    at: now,
    ...pushTrust(context),
    // Mobile certificates are checked for revocation by the service itself (a revoked device is
    // unbound, DEVID_DEVPROF_NF); this server has no CRL of them.
    revocation: 'skip',
  });
  if (!verified.ok) return end(verified.code, verified.message);
  if (!verified.hashedIdNumMatches) {
    const { length, alphabet, derivation } = describeHashedIdNum(result.hashedIdNum, nationalId);
    push.log.warn(`push ${row.id}: hashed_id_num is not the hex SHA-256 of the ID (${length} chars, ${alphabet}, matches ${derivation}); accepted, as push.verifyHashedIdNum is off`);
  }
  if (verified.identitySource === 'transaction') {
    push.log.info(`push ${row.id}: the phone certificate carries no card profile; its holder is the ID this server pushed to`);
  }
  const account = row.account_id === null ? undefined : store.accounts.get(row.account_id);
  if (!account || store.accounts.findByNationalIdHmac(box.mac(nationalId))?.id !== account.id) {
    return end('ERR_PUSH_IDENTITY', 'The certificate belongs to no account on this server.');
  }
  // One SQLite transaction: the response is spent and the login approved together, or neither.
  const approveOnce = store.db.transaction((): Session | undefined => {
    if (!store.pushTransactions.useSignedResponse(responseHash, row.id, now.toISOString())) {
      end('ERR_PUSH_REPLAY', 'This signed response was already used for a login.');
      return undefined;
    }
    // Cancelled or ended meanwhile: roll the spent response back too.
    if (!store.pushTransactions.finish(row.id, 'approved', now.toISOString())) throw new Superseded();
    return issueSession(context, account, 'push');
  });
  try {
    return approveOnce();
  } catch (error) {
    if (error instanceof Superseded) return undefined;
    throw error;
  }
}

class Superseded extends Error {}
