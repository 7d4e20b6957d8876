import type { PinStatus } from '@gcis/core/smartcard';
import type { CardOptions } from '../card/cardOptions.js';
import { describeCardCertificates, type DescribedCertificate } from '../card/describeCardCertificates.js';
import { openSigner } from '../card/openSigner.js';
import type { CliDeps } from '../deps.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { withSpinner } from '../output/withSpinner.js';
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/en.js';
import { alignLabels, displayWidth, padDisplay } from '@gcis/core/i18n/terminal';

export type CardListOptions = Pick<CardOptions, 'signer' | 'pkcs11Module' | 'hipkiOrigin'> & { json?: boolean };

/**
 * `gcis card list`: the readers with a card in them, each card's serial and PIN status, and the
 * certificates on it — what `--card` and `--certificate` take. Certificates are public: no PIN.
 */
export async function cardList(options: CardListOptions, deps: CliDeps): Promise<void> {
  const signer = await openSigner(options, deps);
  const t = messagesFor(deps.env);
  try {
    const listed = await withSpinner(deps, t.card.reading, () => signer.listCertificates());
    const described = await describeCardCertificates(listed);
    deps.stdout.write(options.json ? `${JSON.stringify(described.map(toJson))}\n` : formatCards(described, t));
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

/** Readers and cards, then each certificate indented below its card, values lined up in terminal columns. */
function formatCards(entries: readonly DescribedCertificate[], { card }: Messages): string {
  const { labels } = card;
  const lines: string[] = [];
  let token = '';
  for (const entry of entries) {
    if (`${entry.slotId}/${entry.tokenSerial}` !== token) {
      token = `${entry.slotId}/${entry.tokenSerial}`;
      if (lines.length > 0) lines.push('');
      lines.push(
        ...alignLabels([
          [labels.reader, entry.reader],
          [labels.card, `${entry.tokenSerial}  ${entry.tokenLabel}  PIN: ${pinText(entry.pinStatus, card)}`],
        ]),
      );
    }
    const keyId = entry.keyId ? `, ${card.keyId(entry.keyId)}` : '';
    const details = alignLabels(
      [
        [labels.subject, entry.subject],
        [labels.serial, entry.serialHex],
        [labels.issuer, entry.issuer],
        [labels.valid, `${formatLocalTime(entry.notBefore)} – ${formatLocalTime(entry.notAfter)}`],
        [labels.keyUsage, entry.keyUsage?.join(', ') ?? card.anyUsage],
      ],
      '    ',
    );
    // the certificate line's value starts where the details' values do
    const detailColumn = displayWidth(details[0]!) - displayWidth(entry.subject);
    lines.push(`  ${padDisplay(labels.certificate, detailColumn - 2)}${entry.commonName} (${entry.keyType}${keyId})`, ...details);
  }
  return `${lines.join('\n')}\n`;
}

function pinText({ locked, finalTry, countLow }: PinStatus, { pin }: Messages['card']): string {
  if (locked) return pin.locked;
  if (finalTry) return pin.finalTry;
  if (countLow) return pin.countLow;
  return pin.ok;
}
