import { GcisError, systemClock } from '@gcis/core';
import { parseCertificate, parseMoicaIdentity, verifyCertificatePath } from '@gcis/core/x509';
import { openDataDir, type DataOptions } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { bindCertificate } from '../login/bindCertificate.js';
import { certificateDer } from '../trust/readCertificateFile.js';
import { readTrustFolder } from '../trust/trustFolder.js';
import { readInput } from './trust.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * `account bind-cert ACCOUNT FILE`: the administrator binds a citizen certificate from a file.
 * The certificate must chain to the server's trust now; revocation is checked at every login,
 * so it is not required here (an administrator may bind before CRLs are installed).
 */
export async function accountBindCert(account: string, file: string, { data, database, json }: DataOptions & { json?: boolean }, io: ServerIo): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const serverData = await openDataDir(data, io.env, { database });
  try {
    const row = await serverData.store.accounts.find(account);
    if (!row) throw new GcisError('ERR_NO_ACCOUNT', err.noAccount(account));
    const certificate = parseCertificate(certificateDer(readInput(file, err), file));
    const clock = systemClock;
    const trusted = readTrustFolder(serverData.paths.trust);
    const anchors = trusted.filter((t) => t.role === 'anchor').map((t) => t.certificate);
    const intermediates = trusted.filter((t) => t.role === 'intermediate').map((t) => t.certificate);
    if (anchors.length === 0) throw new GcisError('ERR_CERT_UNTRUSTED', err.noAnchor);
    const path = verifyCertificatePath({ leaf: certificate, intermediates, trustAnchors: anchors, at: clock.now(), revocation: 'skip', requireEndEntity: true });
    if (!path.ok) throw new GcisError(path.code, path.message);
    let identity;
    try {
      identity = parseMoicaIdentity(certificate);
    } catch (cause) {
      throw new GcisError('ERR_CERT_PROFILE', err.notCitizen(file, (cause as Error).message), { cause });
    }
    const bound = await bindCertificate({ store: serverData.store, clock }, row, identity);
    if (json) io.stdout.write(`${JSON.stringify(bound)}\n`);
    io.stderr.write(`${out.bound(bound.name, bound.serialNumber, bound.issuer, bound.account)}\n`);
  } finally {
    await serverData.store.close();
  }
}
