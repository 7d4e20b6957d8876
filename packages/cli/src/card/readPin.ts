import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { readSecretFile } from '../io/readSecretFile.js';
import { messagesFor } from '../i18n/messages.js';

/** Where the PIN comes from: `--pin-file` > GCIS_PIN (test cards) > a masked prompt. */
export type PinSource = { from: '--pin-file' | 'GCIS_PIN'; pin: string } | { from: 'prompt' };

/**
 * Settles the PIN source before the card or the server is touched, so that a run without a
 * terminal fails fast. A PIN file must be readable by its owner only (mode 0600 or 0400).
 */
export function pinSource(pinFile: string | undefined, { env }: Pick<CliDeps, 'env'>, interactive: boolean): PinSource {
  const t = messagesFor(env);
  if (pinFile !== undefined) return { from: '--pin-file', pin: readSecretFile('--pin-file', pinFile, t) };
  if (env.GCIS_PIN) return { from: 'GCIS_PIN', pin: env.GCIS_PIN };
  if (!interactive) throw missingInput(t.card.missingPin, t.card.pinSources, env);
  return { from: 'prompt' };
}

/** The PIN itself; a prompt accepts only `digits` (6–8 for MOICA) so a typo never costs one of the card's tries. */
export async function readPin(
  source: PinSource,
  { message, digits }: { message: string; digits: { min: number; max: number } },
  { prompts, env }: Pick<CliDeps, 'prompts' | 'env'>,
): Promise<string> {
  if (source.from !== 'prompt') return source.pin;
  const pattern = new RegExp(`^\\d{${digits.min},${digits.max}}$`);
  const hint = messagesFor(env).card.pinDigits(digits.min, digits.max);
  return prompts.pin(message, { validate: (value) => pattern.test(value) || hint });
}
