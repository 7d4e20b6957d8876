import { createHash } from 'node:crypto';
import type { GcisErrorCode } from '@gcis/core';
import type { Session } from '@gcis/core/api';
import { describeHashedIdNum, pushSignData, pushSignInfo, verifySignedResponse, type SignOutcome } from '@gcis/core/push';
import type { AppContext } from '../context.js';
import { mintSession } from '../login/issueSession.js';
import type { PushTransactionRow } from '../store/Store.js';
import { claimPushSession, pushSessionContext } from './claimPushSession.js';
import { pushTrust } from './pushTrust.js';

/**
 * A signed answer of the service: approves the login — once — if the phone's signature over this
 * server's own sign data verifies under a certificate with a valid path to the push trust, whose
 * identity (the card profile when it carries one, else the ID this server pushed to) is an
 * account's. hashed_id_num and the card profile are strict only as push.verifyHashedIdNum and
 * push.requireCardProfile say; what differs is logged by its shape, never the ID or its hash.
 */
export async function approvePush(
  context: AppContext,
  row: PushTransactionRow,
  result: SignOutcome,
  end: (code: GcisErrorCode, message: string) => Promise<undefined>,
): Promise<Session | undefined> {
  const { store, box, clock, config, push } = context;
  const responseHash = createHash('sha256').update(result.signedResponse).digest('hex');
  if (await store.pushTransactions.signedResponseUsed(responseHash)) {
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
  const account = row.account_id === null ? undefined : await store.accounts.get(row.account_id);
  if (!account || (await store.accounts.findByNationalIdHmac(box.mac(nationalId)))?.id !== account.id) {
    return end('ERR_PUSH_IDENTITY', 'The certificate belongs to no account on this server.');
  }
  // One transaction: the response is spent, the login approved and its session stored together, or none of it.
  const minted = mintSession(context, account, 'push');
  const outcome = await store.pushTransactions.approve({
    id: row.id,
    responseHash,
    at: now.toISOString(),
    session: minted.row,
    tokenSealed: box.seal(Buffer.from(minted.session.token), pushSessionContext(row.id)),
  });
  if (outcome === 'replay') return end('ERR_PUSH_REPLAY', 'This signed response was already used for a login.');
  if (outcome === 'ended') return undefined; // cancelled or ended meanwhile
  return claimPushSession(context, row.id); // this poll's caller is the first to ask for it
}
