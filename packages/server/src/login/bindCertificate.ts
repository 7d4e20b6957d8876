import { GcisError } from '@gcis/core';
import type { BoundCertificate } from '@gcis/core/api';
import type { MoicaIdentity } from '@gcis/core/x509';
import type { AppContext } from '../context.js';
import type { AccountRow } from '../store/Store.js';

/** Binds a verified certificate to `account`; binding it again to the same account is a no-op, to another is ERR_CERT_BOUND. */
export async function bindCertificate(context: Pick<AppContext, 'store' | 'clock'>, account: Pick<AccountRow, 'id' | 'account'>, identity: MoicaIdentity): Promise<BoundCertificate> {
  const row = await context.store.accountCertificates.bind({
    accountId: account.id,
    issuer: identity.issuer,
    serialHex: identity.serialHex,
    thumbprint: identity.thumbprintSha256,
    name: identity.name,
    idLast4: identity.idLast4,
    boundAt: context.clock.now().toISOString(),
  });
  if (row.account_id !== account.id) {
    throw new GcisError('ERR_CERT_BOUND', 'This certificate is already bound to another account.');
  }
  return { account: account.account, name: row.name, issuer: row.issuer, serialNumber: row.serial_hex, thumbprint: row.thumbprint };
}
