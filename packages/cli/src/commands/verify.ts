import { readFile } from 'node:fs/promises';
import { GcisError, type GcisErrorCode } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { exitCodes } from '../errors/exitCodes.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { readCertificateFiles } from '../signing/readCertificateFiles.js';
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/en.js';
import { alignLabels } from '@gcis/core/i18n/terminal';

export type VerifyOptions = {
  file: string;
  /** The signed document, for a detached signature. */
  content?: string;
  /** CA certificates: self-signed ones are trust anchors, the others intermediates. */
  ca?: string[];
  crl?: string[];
  /** `require` (default): no fresh CRL from the signer's CAs = invalid. */
  revocation?: 'require' | 'skip';
  json?: boolean;
};

/**
 * `gcis verify FILE.p7s`: the signature, its certificate path to a `--ca` anchor at the current
 * time and revocation by `--crl` files, through @gcis/core/x509 (verifyDocumentSignature).
 * Prints who signed and when; resolves to 0 when valid, 4 when not (the code says why).
 */
export async function verify(options: VerifyOptions, deps: CliDeps): Promise<number> {
  const { file, content, ca = [], crl = [], revocation = 'require', json = false } = options;
  const t = messagesFor(deps.env);
  if (ca.length === 0) throw new GcisError('ERR_USAGE', t.signing.needCa);
  const { decodePem, parseCertificate, verifyDocumentSignature } = await import('@gcis/core/x509');
  const signature = signatureDer(await readInput(file, t), file, decodePem);
  const document = content === undefined ? undefined : await readInput(content, t);
  const certificates = (await readCertificateFiles(ca, 'CERTIFICATE', t)).map((der) => parseCertificate(der));
  const selfSigned = (cert: (typeof certificates)[number]) => Buffer.from(cert.subjectDer).equals(Buffer.from(cert.issuerDer));

  const result = verifyDocumentSignature(signature, {
    ...(document && { content: document }),
    at: deps.clock.now(),
    trustAnchors: certificates.filter(selfSigned),
    intermediates: certificates.filter((cert) => !selfSigned(cert)),
    crls: await readCertificateFiles(crl, 'X509 CRL', t),
    revocation,
  });
  if (!result.ok) {
    if (!json) throw new GcisError(result.code as GcisErrorCode, t.signing.invalid(result.message));
    deps.stdout.write(`${JSON.stringify({ valid: false, code: result.code, message: result.message })}\n`);
    return exitCodes.rejected;
  }
  const { signer, signingTime, detached } = result;
  if (json) {
    deps.stdout.write(`${JSON.stringify({ valid: true, signer, signingTime: signingTime.toISOString(), detached })}\n`);
    return exitCodes.ok;
  }
  const { verified: labels } = t.signing;
  const who = signer.name ? `${signer.name}${signer.idLast4 ? t.signing.idEnding(signer.idLast4) : ''}` : signer.subject;
  deps.stdout.write(
    alignLabels([
      [labels.valid, labels.yes],
      [labels.signer, who],
      [labels.subject, signer.subject],
      [labels.issuer, signer.issuer],
      [labels.serial, signer.serialHex],
      [labels.signedAt, t.signing.signerClock(formatLocalTime(signingTime))],
    ]).join('\n') + '\n',
  );
  return exitCodes.ok;
}

async function readInput(file: string, t: Messages): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw new GcisError('ERR_USAGE', t.signing.unreadable(file, (cause as Error).message), { cause });
  }
}

/** DER as is, or PEM labelled CMS or PKCS7 (openssl writes either). */
function signatureDer(bytes: Uint8Array, file: string, decodePem: (bytes: Uint8Array, label: string, source?: string) => Uint8Array[]): Uint8Array {
  try {
    return decodePem(bytes, 'CMS', file)[0]!;
  } catch {
    return decodePem(bytes, 'PKCS7', file)[0]!;
  }
}
