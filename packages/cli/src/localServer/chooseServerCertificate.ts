import type { CardCertificate, Signer } from '@gcis/core/smartcard';

/**
 * The certificate the server signs with, as HiPKI picks it: on the reader `slotDescription`
 * names (any reader when absent), the first RSA certificate whose keyUsage allows signing — a
 * MOICA card's signing certificate, not its encryption one. Undefined when there is none.
 */
export async function chooseServerCertificate(signer: Signer, slotDescription: unknown): Promise<CardCertificate | undefined> {
  const { parseCertificate } = await import('@gcis/core/x509');
  const listed = await signer.listCertificates();
  const onReader = typeof slotDescription === 'string' && slotDescription ? listed.filter((entry) => entry.reader === slotDescription) : listed;
  const canSign = (entry: CardCertificate) => {
    const usage = parseCertificate(entry.certificate).keyUsage;
    return entry.keyType === 'RSA' && (usage === undefined || usage.has('digitalSignature'));
  };
  return onReader.find(canSign);
}
