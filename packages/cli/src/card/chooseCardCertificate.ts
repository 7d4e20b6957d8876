import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import type { CardOptions } from './cardOptions.js';
import type { DescribedCertificate } from './describeCardCertificates.js';
import { messagesFor } from '../i18n/messages.js';

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
  const t = messagesFor(deps.env);
  const listOf = (values: readonly string[]) => [...new Set(values)].join(', ') || t.listNone;
  const onCard = card === undefined ? listed : listed.filter((entry) => sameId(entry.tokenSerial, card));
  if (onCard.length === 0) {
    throw new GcisError('ERR_NO_CARD', t.card.noCardWithSerial(String(card), listOf(listed.map((entry) => entry.tokenSerial))));
  }
  const named =
    certificate === undefined ? onCard
    : onCard.filter((entry) => (entry.keyId !== '' && sameId(entry.keyId, certificate)) || sameId(entry.serialHex, certificate));
  if (named.length === 0) {
    const ids = onCard.map((entry) => entry.keyId || entry.serialHex);
    throw new GcisError('ERR_CARD_CERT_NOT_FOUND', t.card.noCertificate(String(certificate), listOf(ids)));
  }
  const signing = named.filter(canSign);
  const candidates = certificate === undefined && signing.length > 0 ? signing : named;
  if (candidates.length === 1) return candidates[0]!;

  if (!interactive) {
    const tokens = new Set(candidates.map((entry) => entry.tokenSerial));
    if (tokens.size > 1 && card === undefined) {
      throw missingInput(t.card.missingCard, t.card.pickFrom('--card', listOf([...tokens])), deps.env);
    }
    const ids = candidates.map((entry) => entry.keyId || entry.serialHex);
    throw missingInput(t.card.missingCertificate, t.card.pickFrom('--certificate', listOf(ids)), deps.env);
  }
  const choices = candidates.map((entry, index) => ({
    value: String(index),
    name: t.card.choice(entry.commonName, entry.tokenLabel, entry.tokenSerial, entry.keyType, entry.keyId || entry.serialHex),
    description: t.card.choiceDetail(entry.issuer, formatLocalTime(entry.notAfter)),
  }));
  return candidates[Number(await deps.prompts.select(t.card.whichCertificate, choices))]!;
}

const canSign = (entry: DescribedCertificate) => entry.keyUsage === undefined || entry.keyUsage.includes('digitalSignature');
/** Serials and key IDs as people type them: any case, with or without 0x. */
const sameId = (a: string, b: string) => a.toLowerCase().replace(/^0x/, '') === b.toLowerCase().replace(/^0x/, '');
