import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin, repoRoot } from './support/paths.js';

const script = `${repoRoot}examples/ci-totp/login-and-run.sh`;

describe('examples/ci-totp/login-and-run.sh', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  const run = (args: string[], env: Record<string, string> = {}) =>
    execa('bash', [script, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        GCIS_BIN: `node ${cliBin}`,
        GCIS_SERVER: server.url,
        GCIS_ACCOUNT: 'alice',
        GCIS_PASSWORD: demoPassword,
        GCIS_TOTP_SECRET: server.secret,
        ...env,
      },
      extendEnv: false,
      reject: false,
    });

  it('logs in with GCIS_TOTP_SECRET, runs the command with a token and no secrets, and passes its exit status on', async () => {
    const check = 'process.stdout.write(String(Boolean(process.env.GCIS_TOKEN) && !process.env.GCIS_PASSWORD && !process.env.GCIS_TOTP_SECRET)); process.exit(5)';
    const result = await run(['node', '-e', check]);
    expect(result.stdout).toBe('true');
    expect(result.exitCode).toBe(5);
  });

  it('stops with exit 2 naming a missing secret', async () => {
    const result = await run(['true'], { GCIS_TOTP_SECRET: '' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('GCIS_TOTP_SECRET');
  });
});
