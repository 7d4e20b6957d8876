import { createHash } from 'node:crypto';
import type { GcisErrorCode } from '@gcis/core';
import { describeHashedIdNum, pushSignData, pushSignInfo, verifySignedResponse, type SignOutcome } from '@gcis/core/push';
import type { AppContext } from '../context.js';
import { mintSession } from '../login/issueSession.js';
import type { PushTransactionRow } from '../store/Store.js';
import { pushSessionContext } from './claimPushSession.js';
import { pushTrust } from './pushTrust.js';

/**
 * A signed answer of the service: approves the login — once — if the phone's signature over this
 * server's own sign data verifies under a certificate with a valid path to the push trust, whose
 * identity (the card profile when it carries one, else the ID this server pushed to) is an
 * account's; true when this call approved it. hashed_id_num and the card profile are strict only as push.verifyHashedIdNum and
 * push.requireCardProfile say; what differs is logged by its shape, never the ID or its hash.
 */
export async function approvePush(
  context: AppContext,
  row: PushTransactionRow,
  result: SignOutcome,
  end: (code: GcisErrorCode, message: string) => Promise<void>,
): Promise<boolean> {
  const { store, box, clock, config, push } = context;
  const responseHash = createHash('sha256').update(result.signedResponse).digest('hex');
  if (await store.pushTransactions.signedResponseUsed(responseHash)) {
    await end('ERR_PUSH_REPLAY', 'This signed response was already used for a login.');
    return false;
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
  if (!verified.ok) {
    await end(verified.code, verified.message);
    return false;
  }
  if (!verified.hashedIdNumMatches) {
    const { length, alphabet, derivation } = describeHashedIdNum(result.hashedIdNum, nationalId);
    push.log.warn(`push ${row.id}: hashed_id_num is not the hex SHA-256 of the ID (${length} chars, ${alphabet}, matches ${derivation}); accepted, as push.verifyHashedIdNum is off`);
  }
  if (verified.identitySource === 'transaction') {
    push.log.info(`push ${row.id}: the phone certificate carries no card profile; its holder is the ID this server pushed to`);
  }
  const account = row.account_id === null ? undefined : await store.accounts.get(row.account_id);
  if (!account || (await store.accounts.findByNationalIdHmac(box.mac(nationalId)))?.id !== account.id) {
    await end('ERR_PUSH_IDENTITY', 'The certificate belongs to no account on this server.');
    return false;
  }
  // One transaction: the response spent, the login approved, the session stored and its token
  // kept sealed for the first claim on any instance (claimPushSession) — or none of it.
  const minted = mintSession(context, account, 'push');
  const tokenSealed = box.seal(Buffer.from(minted.session.token), pushSessionContext(row.id));
  const approved = await store.pushTransactions.approve({ id: row.id, responseHash, at: now.toISOString(), session: minted.row, tokenSealed });
  if (approved === 'replay') await end('ERR_PUSH_REPLAY', 'This signed response was already used for a login.');
  return approved === 'approved'; // 'ended': cancelled or ended meanwhile, and the response is not spent
}
