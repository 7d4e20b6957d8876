import type { CliDeps } from '../deps.js';

/**
 * The otpauth URI as a QR code for stdout. On a terminal: half blocks with explicit black-on-white
 * ANSI colours, which scan on dark and light themes alike; otherwise plain UTF-8 blocks, no escapes.
 */
export async function renderQr(uri: string, { isTTY }: Pick<CliDeps, 'isTTY'>): Promise<string> {
  const { toString } = await import('qrcode');
  const qr = isTTY.stdout
    ? await toString(uri, { type: 'terminal', small: true, errorCorrectionLevel: 'M' })
    : await toString(uri, { type: 'utf8', errorCorrectionLevel: 'M' });
  return qr.endsWith('\n') ? qr : `${qr}\n`;
}
