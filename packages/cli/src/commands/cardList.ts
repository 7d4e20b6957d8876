import type { PinStatus } from '@gcis/core/smartcard';
import type { CardOptions } from '../card/cardOptions.js';
import { describeCardCertificates, type DescribedCertificate } from '../card/describeCardCertificates.js';
import { openSigner } from '../card/openSigner.js';
import type { CliDeps } from '../deps.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { withSpinner } from '../output/withSpinner.js';

export type CardListOptions = Pick<CardOptions, 'signer' | 'pkcs11Module' | 'hipkiOrigin'> & { json?: boolean };

/**
 * `gcis card list`: the readers with a card in them, each card's serial and PIN status, and the
 * certificates on it — what `--card` and `--certificate` take. Certificates are public: no PIN.
 */
export async function cardList(options: CardListOptions, deps: CliDeps): Promise<void> {
  const signer = await openSigner(options, deps);
  try {
    const listed = await withSpinner(deps, 'Reading the cards', () => signer.listCertificates());
    const described = await describeCardCertificates(listed);
    deps.stdout.write(options.json ? `${JSON.stringify(described.map(toJson))}\n` : formatCards(described));
  } finally {
    await signer.close();
  }
}

function toJson(entry: DescribedCertificate) {
  const { reader, slotId, tokenLabel, tokenSerial, pinStatus, keyId, label, keyType, subject, commonName, issuer } = entry;
  return {
    reader,
    slotId,
    tokenLabel,
    tokenSerial,
    pinStatus,
    keyId,
    label,
    keyType,
    subject,
    commonName,
    serialNumber: entry.serialHex,
    issuer,
    notBefore: entry.notBefore.toISOString(),
    notAfter: entry.notAfter.toISOString(),
    keyUsage: entry.keyUsage ?? null,
    thumbprintSha256: entry.thumbprintSha256,
    /** DER, base64: what `gcis-server account bind-cert` takes once decoded. */
    certificate: Buffer.from(entry.certificate).toString('base64'),
  };
}

function formatCards(entries: readonly DescribedCertificate[]): string {
  const lines: string[] = [];
  let token = '';
  for (const entry of entries) {
    if (`${entry.slotId}/${entry.tokenSerial}` !== token) {
      token = `${entry.slotId}/${entry.tokenSerial}`;
      if (lines.length > 0) lines.push('');
      lines.push(`reader  ${entry.reader}`, `card    ${entry.tokenSerial}  ${entry.tokenLabel}  PIN: ${pinText(entry.pinStatus)}`);
    }
    lines.push(
      `  certificate  ${entry.commonName} (${entry.keyType}${entry.keyId ? `, key ID ${entry.keyId}` : ''})`,
      `    subject    ${entry.subject}`,
      `    serial     ${entry.serialHex}`,
      `    issuer     ${entry.issuer}`,
      `    valid      ${formatLocalTime(entry.notBefore)} – ${formatLocalTime(entry.notAfter)}`,
      `    key usage  ${entry.keyUsage?.join(', ') ?? 'any'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function pinText({ locked, finalTry, countLow }: PinStatus): string {
  if (locked) return 'LOCKED';
  if (finalTry) return 'one try left';
  if (countLow) return 'wrong PINs since the last good one';
  return 'ok';
}
