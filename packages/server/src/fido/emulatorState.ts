import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTestKeyPair, issueCertificate, toPem, type NameSpec } from '@gcis/core/x509/testing';

/** A phone bound to a national ID: its mobile certificate is what the service hands relying parties. */
export type EmulatorDevice = {
  /** Random, 128 bits: the device's credential for the device routes. */
  deviceId: string;
  /** hashed_id_num of the ID it is bound to (no raw ID is kept). */
  idHash: string;
  maskedId: string;
  name: string;
  /** base64 DER. */
  certificate: string;
  boundAt: string;
};

export type EmulatorCa = { name: NameSpec; certificate: Uint8Array; privateKey: KeyObject; publicKey: KeyObject };

export type EmulatorState = {
  ca: EmulatorCa;
  devices: EmulatorDevice[];
  /** Where the CA certificate is, for an operator to trust (undefined in memory). */
  caFile: string | undefined;
  save(): void;
};

/**
 * The emulator's lasting state: a test CA that issues mobile certificates (ca-cert.pem, ca-key.pem
 * 0600) and the bound devices (devices.json, 0600), in `dir`; in memory when `dir` is undefined.
 * The CA's name carries a random suffix, so two emulators never issue under the same name.
 */
export function openEmulatorState(dir: string | undefined, now: Date): EmulatorState {
  const files = dir === undefined ? undefined : { dir, cert: join(dir, 'ca-cert.pem'), key: join(dir, 'ca-key.pem'), devices: join(dir, 'devices.json'), name: join(dir, 'ca-name.json') };
  let ca: EmulatorCa;
  let devices: EmulatorDevice[] = [];
  if (files && existsSync(files.key)) {
    const privateKey = createPrivateKey(readFileSync(files.key));
    const pem = readFileSync(files.cert, 'utf8');
    const certificate = new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
    const name = JSON.parse(readFileSync(files.name, 'utf8')) as NameSpec;
    ca = { name, certificate, privateKey, publicKey: createPublicKey(privateKey) };
    if (existsSync(files.devices)) devices = JSON.parse(readFileSync(files.devices, 'utf8')) as EmulatorDevice[];
  } else {
    ca = createCa(now);
    if (files) {
      mkdirSync(files.dir, { recursive: true, mode: 0o700 });
      writeFileSync(files.key, ca.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      chmodSync(files.key, 0o600);
      writeFileSync(files.cert, toPem('CERTIFICATE', ca.certificate));
      writeFileSync(files.name, JSON.stringify(ca.name));
    }
  }
  const state: EmulatorState = {
    ca,
    devices,
    caFile: files ? files.cert : undefined,
    save() {
      if (!files) return;
      const temporary = `${files.devices}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(state.devices, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, files.devices);
    },
  };
  return state;
}

function createCa(now: Date): EmulatorCa {
  const { privateKey, publicKey } = generateTestKeyPair('ec-p256');
  const name: NameSpec = [
    ['C', 'TW'],
    ['O', 'GCIS FidO Emulator'],
    ['CN', `GCIS Mobile Certificate Test CA ${randomBytes(3).toString('hex')}`],
  ];
  const day = 86_400_000;
  const { der } = issueCertificate({
    subject: name,
    publicKey,
    privateKey,
    notBefore: new Date(now.getTime() - day),
    notAfter: new Date(now.getTime() + 3650 * day),
    basicConstraints: { cA: true, pathLenConstraint: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return { name, certificate: der, privateKey, publicKey };
}
