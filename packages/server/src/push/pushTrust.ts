import type { ParsedCert } from '@gcis/core/x509';
import type { AppContext } from '../context.js';

/**
 * What a phone certificate may chain to: push.trustAnchors and the embedded emulator's CA, plus —
 * with push.productionTrust — the production CAs `trust install-production` put in the trust
 * folder, recognised by their pinned SHA-256 (GRCA roots as anchors, MOICA as intermediates, since
 * ATH-02 returns the phone's certificate alone). Other CAs added for card login are not used.
 */
export function pushTrust({ push, certificates, config }: AppContext): { trustAnchors: ParsedCert[]; intermediates: ParsedCert[] } {
  const own = [...push.trustAnchors()];
  if (!config.push.productionTrust) return { trustAnchors: own, intermediates: [] };
  const { anchors, intermediates } = certificates.current();
  const pinned = (certificate: ParsedCert) => push.pinnedProduction.has(certificate.thumbprintSha256);
  return { trustAnchors: [...own, ...anchors.filter(pinned)], intermediates: intermediates.filter(pinned) };
}
