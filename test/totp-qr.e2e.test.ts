import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { qrTextToPng } from './support/qrImage.js';

/** Decodes a QR drawn as text with a real decoder (zbarimg), as a phone camera would read it. */
function decodeQr(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gcis-qr-')), 'qr.png');
  writeFileSync(file, qrTextToPng(text, { inkIsBlock: true }));
  return execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

describe('gcis totp show', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  it('prints a QR code that decodes to exactly the otpauth URI it prints, with its version', async () => {
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret });
    expect((await user.run(['login', '--method', 'totp'])).exitCode).toBe(0);
    const shown = await user.run(['totp', 'show']);
    expect(shown.exitCode).toBe(0);
    const lines = shown.stdout.trimEnd().split('\n');
    const uri = lines.at(-1)!;
    expect(lines.at(-2)).toBe('version 1');
    expect(uri).toMatch(/^otpauth:\/\/totp\/GCIS:alice%20\(v1\)\?secret=[A-Z2-7]+&issuer=GCIS&digits=6&period=30$/);
    expect(decodeQr(shown.stdout)).toBe(uri);
  });

  it('after a rebuild, shows the new version whose QR decodes to the new URI, and old codes are stale', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret };
    const user = cliUser(server.url, env);
    const login = await user.run(['login', '--method', 'totp']);
    expect(login.exitCode).toBe(0);
    const rebuilt = JSON.parse((await user.run(['totp', 'rebuild', '--json'])).stdout);
    expect(rebuilt).toMatchObject({ version: 2, status: 'pending' });

    const { decodeTotpSecret, generateTotp } = await import('@gcis/core/totp');
    const newCode = (offsetSeconds: number) =>
      generateTotp({ secret: decodeTotpSecret(rebuilt.secret), now: new Date(Date.now() + offsetSeconds * 1000) });
    expect((await user.run(['totp', 'confirm', '--code', newCode(-30)])).exitCode).toBe(0);

    const shown = await user.run(['totp', 'show']);
    const uri = shown.stdout.trimEnd().split('\n').at(-1)!;
    expect(uri).toContain('GCIS:alice%20(v2)');
    expect(decodeQr(shown.stdout)).toBe(uri);

    const oldCode = generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date(Date.now() + 30_000) });
    const stale = await cliUser(server.url, env).run(['login', '--method', 'totp', '--code', oldCode]);
    expect(stale.exitCode).toBe(4);
    expect(stale.stderr).toContain('(ERR_TOTP_STALE_VERSION)');
  }, 90_000); // its login may fall in the step the first test used: gcis then waits up to 30 s for the next code
});
