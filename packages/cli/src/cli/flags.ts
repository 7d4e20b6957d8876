import { Option, type Command } from 'commander';
import { signerKinds } from '../card/cardOptions.js';

/** The "Examples:" block of a command's help. */
export const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

/** commander's argument parser for a repeatable flag (`--ca a --ca b`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The smart-card flags of `gcis card …` and, marked `cert:`, of `gcis login`. */
export const cardFlags = {
  signer: (tag = '') =>
    new Option('--signer <signer>', `${tag}the card through its PKCS#11 module, or through the HiPKI local server (env GCIS_HIPKI_URL)`)
      .choices(signerKinds)
      .default('pkcs11'),
  pkcs11Module: (tag = '') =>
    new Option('--pkcs11-module <path>', `${tag}PKCS#11 module (HiCOS, OpenSC, SoftHSM2); env GCIS_PKCS11_MODULE; else the usual paths`),
  card: (tag = '') => new Option('--card <serial>', `${tag}the card (token serial, see gcis card list) when several are present`),
  certificate: (tag = '') => new Option('--certificate <id>', `${tag}key ID or certificate serial (see gcis card list) when there are several`),
  pinFile: (tag = '') =>
    new Option('--pin-file <file>', `${tag}read the PIN from a file of mode 0600; else env GCIS_PIN (test cards only); else asked`),
  hipkiOrigin: (tag = '') =>
    new Option('--hipki-origin <origin>', `${tag}HiPKI: the Origin header to send (the component refuses origins it does not allow); env GCIS_HIPKI_ORIGIN`),
  hipkiSignature: (tag = '') =>
    new Option('--hipki-signature <type>', `${tag}HiPKI: pkcs1 (default; the server checks the bare signature) or pkcs7 (the component's CMS); env GCIS_HIPKI_SIGNATURE`).choices(['pkcs1', 'pkcs7']),
  hipkiTbsEncoding: (tag = '') =>
    new Option('--hipki-tbs-encoding <encoding>', `${tag}HiPKI: send the content as text (none, default, as the samples do) or base64; env GCIS_HIPKI_TBS_ENCODING`).choices(['none', 'base64']),
};

/** The card to sign with, for `card bind` and `sign`: signer, module, card, certificate, PIN file, no prompts. */
export const withCardFlags = (command: Command) =>
  command
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.card())
    .addOption(cardFlags.certificate())
    .addOption(cardFlags.pinFile())
    .addOption(cardFlags.hipkiOrigin())
    .addOption(cardFlags.hipkiSignature())
    .addOption(cardFlags.hipkiTbsEncoding())
    .option('--non-interactive', 'never prompt');
