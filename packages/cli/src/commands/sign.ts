import { readFile } from 'node:fs/promises';
import { GcisError } from '@gcis/core/errors';
import type { CardOptions } from '../card/cardOptions.js';
import { explainPinError } from '../card/pinWarnings.js';
import { unlockCard } from '../card/unlockCard.js';
import type { CliDeps } from '../deps.js';
import { canPrompt } from '../io/canPrompt.js';
import { saySuccess } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { cardChain } from '../signing/cardChain.js';
import { readCertificateFiles } from '../signing/readCertificateFiles.js';
import { writeAtomically } from '../signing/writeAtomically.js';
import { messagesFor } from '../i18n/messages.js';

export type SignOptions = CardOptions & {
  files: string[];
  /** Carry the document inside the signature; default detached. */
  attached?: boolean;
  detached?: boolean;
  /** Where the signature goes (one file only); `-` for stdout (PEM). Default FILE.p7s (FILE.p7m attached). */
  out?: string;
  pem?: boolean;
  /** CA certificates to include (DER or PEM, several blocks allowed). */
  chain?: string[];
  nonInteractive?: boolean;
  json?: boolean;
};

/**
 * `gcis sign FILE…`: one PIN entry, one CMS SignedData per file (RFC 5652, SHA-256, signed
 * signing-time and signing-certificate-v2), the certificate and its chain included — CA
 * certificates on the card and `--chain` files. A wrong PIN stops the run at the first file.
 */
export async function sign(options: SignOptions, deps: CliDeps): Promise<void> {
  const { files, attached = false, out, pem = false, json = false } = options;
  const t = messagesFor(deps.env);
  if (files.length === 0) throw new GcisError('ERR_USAGE', t.signing.noFiles);
  if (attached && options.detached) throw new GcisError('ERR_USAGE', t.signing.attachedDetached);
  if (out === '-' && json) throw new GcisError('ERR_USAGE', t.signing.outJson);
  if (out !== undefined && files.length > 1) throw new GcisError('ERR_USAGE', t.signing.outOneFile);
  // Everything that can fail without the card fails before the PIN is asked.
  const documents = await Promise.all(files.map((file) => readFile(file).catch((cause: Error) => {
    throw new GcisError('ERR_USAGE', t.signing.unreadable(file, cause.message), { cause });
  })));
  const extraChain = await readCertificateFiles(options.chain ?? [], 'CERTIFICATE', t);

  // The card signs DER signed attributes, which only base64 carries to the HiPKI component.
  const cardOptions = { ...options, hipkiTbsEncoding: 'base64', interactive: canPrompt(deps, options.nonInteractive) };
  const { signer, certificate, listed, pin, viaAgent } = await unlockCard(cardOptions, deps);
  const results: Array<{ file: string; signature: string; bytes: number }> = [];
  try {
    const { buildDocumentSignature, isPinError } = await import('@gcis/core/smartcard');
    const { encodePem } = await import('@gcis/core/x509');
    const chain = [...(await cardChain(listed, certificate)), ...extraChain];
    for (const [index, file] of files.entries()) {
      const cms = await withSpinner(deps, t.signing.signingFile(file), () =>
        buildDocumentSignature({ signer, certificate, pin, content: documents[index]!, signingTime: deps.clock.now(), detached: !attached, chain }),
      ).catch((error: unknown) => {
        throw isPinError(error) ? explainPinError(error, t) : error;
      });
      const bytes = pem ? encodePem(cms, 'CMS') : cms;
      const target = out ?? `${file}${attached ? '.p7m' : '.p7s'}`;
      // A terminal or pipe gets text: PEM whatever --pem says.
      if (target === '-') deps.stdout.write(encodePem(cms, 'CMS'));
      else await writeAtomically(target, bytes);
      results.push({ file, signature: target, bytes: cms.length });
    }
  } finally {
    await signer.close();
  }
  await saySuccess(deps, t.signing.signed(results.length, t.signing.signedBy(certificate.commonName, certificate.tokenSerial, viaAgent)));
  if (json) deps.stdout.write(`${JSON.stringify(results)}\n`);
  else if (out !== '-') deps.stdout.write(results.map((result) => `${result.signature}\n`).join(''));
}
