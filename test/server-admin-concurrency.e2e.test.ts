import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateLoginUntil } from './support/certificateLogin.js';
import { errorCode } from './support/gcisCli.js';
import { demoPassword, expectOk, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { serverBin } from './support/paths.js';
import { makeTestCard, type TestCardFolder } from './support/testCard.js';

// Administrator commands at the same time as each other and as a server busy writing the same
// SQLite file: none may fail for a lock, lose a change, or leave the schema half upgraded.
let card: TestCardFolder;
beforeAll(async () => {
  card = await makeTestCard('valid');
}, 120_000);
afterAll(() => {
  if (card) rmSync(dirname(card.folder), { recursive: true, force: true });
});

const run = async (data: string, args: string[], input?: string) => {
  const result = await execa('node', [serverBin, ...args, '--data', data], { input, reject: false });
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
};

describe('a data folder three migrations behind, opened by several processes at once', () => {
  it('is upgraded once; every command succeeds', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'gcis-upgrade-')), 'data');
    await expectOk(run(data, ['init']));
    // Back to the schema before the last three migrations (the e-mail index, the push lease
    // columns and the shared trust files), with enough accounts that building the index takes long enough for the other
    // processes to arrive while it runs.
    const db = new Database(join(data, 'gcis.db'));
    const latest = db.pragma('user_version', { simple: true }) as number;
    db.exec(`DROP TABLE server_changes; DROP INDEX accounts_email;
      ALTER TABLE push_transactions DROP COLUMN poll_holder; ALTER TABLE push_transactions DROP COLUMN poll_until;
      ALTER TABLE push_transactions DROP COLUMN session_token_sealed; DROP TABLE shared_files; PRAGMA user_version = ${latest - 3};`);
    const insert = db.prepare("INSERT INTO accounts (account, name, email, password_hash, created_at) VALUES (?, 'n', ?, 'x', '2026-11-30')");
    db.transaction(() => {
      for (let index = 0; index < 100_000; index++) insert.run(`user${index}`, `user${index}@example.com`);
    })();
    db.close();

    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => run(data, ['account', 'list', '--json'])),
      run(data, ['trust', 'add', card.files.root]),
      run(data, ['account', 'add', 'late', '--name', 'Late', '--email', 'user7@EXAMPLE.com', '--password-stdin'], demoPassword),
    ]);
    expect(results.slice(0, 5).map((r) => [r.exitCode, r.stderr.includes('(ERR_')])).toEqual(Array(5).fill([0, false]));
    // The new unique index is in force: the address of user7 is taken.
    expect([results[5]!.exitCode, errorCode(results[5]!)]).toEqual([1, 'ERR_EMAIL_TAKEN']);
    const check = new Database(join(data, 'gcis.db'), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(latest);
    check.close();
  }, 300_000);
});

describe('administrator commands while the server writes', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off', rateLimit: { max: 100_000, windowSeconds: 60 } });
  }, 60_000);
  afterAll(() => server?.stop());

  it('many at once all succeed while challenges are being written, and the trust they add is in force', async () => {
    // Each challenge is an INSERT on the server's connection: keep it writing throughout.
    let writing = true;
    let challenges = 0;
    const writer = (async () => {
      while (writing) {
        const batch = await Promise.all(
          Array.from({ length: 8 }, () => fetch(`${server.url}/v1/login/certificate/challenge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })),
        );
        for (const response of batch) expect(response.status).toBe(200);
        challenges += batch.length;
      }
    })();
    const { root, intermediate, rootCrl, intermediateCrl, citizen } = card.files;
    const adds = Array.from({ length: 6 }, (_, index) =>
      server.admin(['account', 'add', `busy${index}`, '--name', `Busy ${index}`, '--email', `busy${index}@example.com`, '--password-stdin'], demoPassword),
    );
    const trusted = await Promise.all([server.admin(['trust', 'add', root]), server.admin(['trust', 'add', intermediate])]);
    const crls = await Promise.all([server.admin(['crl', 'add', rootCrl]), server.admin(['crl', 'add', intermediateCrl])]);
    const results = [...(await Promise.all(adds)), ...trusted, ...crls];
    writing = false;
    await writer;

    expect(results.map((r) => [r.exitCode, r.stderr.match(/\(ERR_[A-Z_]+\)/)?.[0] ?? null])).toEqual(Array(10).fill([0, null]));
    expect(challenges).toBeGreaterThan(0);
    const listed = JSON.parse((await expectOk(server.admin(['account', 'list', '--json']))).stdout) as Array<{ account: string }>;
    expect(listed.map((a) => a.account).filter((name) => name.startsWith('busy'))).toHaveLength(6);
    const crlList = JSON.parse((await expectOk(server.admin(['crl', 'list', '--json']))).stdout) as unknown[];
    expect(crlList).toHaveLength(2);
    await expectOk(server.admin(['account', 'bind-cert', 'alice', citizen]));
    const login = await certificateLoginUntil(server.url, card, (outcome) => outcome.startsWith('ok:'), 2000);
    expect(login.outcome, login.seen.join(' ')).toBe('ok:alice');
  }, 120_000);
});
