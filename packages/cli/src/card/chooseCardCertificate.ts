import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import type { CardOptions } from './cardOptions.js';
import type { DescribedCertificate } from './describeCardCertificates.js';

/**
 * The certificate to sign with: narrowed by `--card` (token serial) and `--certificate` (key ID or
 * certificate serial), then — when nothing names one — to the signing certificates (a MOICA card
 * also holds an encryption one). Several left: a picker on a terminal, else a missing-input error
 * naming the flags.
 */
export async function chooseCardCertificate(
  listed: readonly DescribedCertificate[],
  { card, certificate }: Pick<CardOptions, 'card' | 'certificate'>,
  deps: CliDeps,
  interactive: boolean,
): Promise<DescribedCertificate> {
  const onCard = card === undefined ? listed : listed.filter((entry) => sameId(entry.tokenSerial, card));
  if (onCard.length === 0) {
    throw new GcisError('ERR_NO_CARD', `No card with serial ${card} is present; cards found: ${listOf(listed.map((entry) => entry.tokenSerial))}`);
  }
  const named =
    certificate === undefined ? onCard
    : onCard.filter((entry) => (entry.keyId !== '' && sameId(entry.keyId, certificate)) || sameId(entry.serialHex, certificate));
  if (named.length === 0) {
    const ids = onCard.map((entry) => entry.keyId || entry.serialHex);
    throw new GcisError('ERR_CARD_CERT_NOT_FOUND', `No certificate with key ID or serial ${certificate}; found: ${listOf(ids)}`);
  }
  const signing = named.filter(canSign);
  const candidates = certificate === undefined && signing.length > 0 ? signing : named;
  if (candidates.length === 1) return candidates[0]!;

  if (!interactive) {
    const tokens = new Set(candidates.map((entry) => entry.tokenSerial));
    if (tokens.size > 1 && card === undefined) {
      throw missingInput('the card to use (several are present)', `--card with one of ${listOf([...tokens])} (see gcis card list)`);
    }
    const ids = candidates.map((entry) => entry.keyId || entry.serialHex);
    throw missingInput('the certificate to use (the card holds several)', `--certificate with one of ${listOf(ids)} (see gcis card list)`);
  }
  const choices = candidates.map((entry, index) => ({
    value: String(index),
    name: `${entry.commonName} · ${entry.tokenLabel} (card ${entry.tokenSerial}) · ${entry.keyType} · key ${entry.keyId || entry.serialHex}`,
    description: `issued by ${entry.issuer}, valid until ${formatLocalTime(entry.notAfter)}`,
  }));
  return candidates[Number(await deps.prompts.select('Which certificate?', choices))]!;
}

const canSign = (entry: DescribedCertificate) => entry.keyUsage === undefined || entry.keyUsage.includes('digitalSignature');
/** Serials and key IDs as people type them: any case, with or without 0x. */
const sameId = (a: string, b: string) => a.toLowerCase().replace(/^0x/, '') === b.toLowerCase().replace(/^0x/, '');
const listOf = (values: readonly string[]) => [...new Set(values)].join(', ');
