import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { assertOwnAgentSocket, makeAgentSocketPath } from './agentSocket.js';

const servers: Server[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function listen(path: string) {
  const server = createServer();
  servers.push(server);
  folders.push(dirname(path));
  await new Promise<void>((resolve) => server.listen(path, resolve));
}
const check = (path: string) => errorCodeOf(Promise.resolve().then(() => assertOwnAgentSocket(path)));

describe('the agent socket', () => {
  it('lives in a new 0700 folder under XDG_RUNTIME_DIR when there is one', async () => {
    const runtime = mkdtempSync(join(tmpdir(), 'gcis-runtime-'));
    const path = await makeAgentSocketPath({ XDG_RUNTIME_DIR: runtime });
    expect(dirname(dirname(path))).toBe(runtime);
    await listen(path);
    expect(await check(path)).toBeUndefined();
    rmSync(runtime, { recursive: true, force: true });
  });

  it('is refused when its folder is open to others', async () => {
    const path = await makeAgentSocketPath({});
    await listen(path);
    chmodSync(dirname(path), 0o755);
    expect(await check(path)).toBe('ERR_AGENT_UNSAFE');
  });

  it('is refused when another user owns it (a socket planted in a shared folder)', async () => {
    const path = await makeAgentSocketPath({});
    await listen(path);
    chownSync(path, 65534, 65534); // nobody; the tests run as root, as CI does
    expect(await check(path)).toBe('ERR_AGENT_UNSAFE');
  });

  it('is refused when it is a plain file, and reported missing when absent', async () => {
    const path = await makeAgentSocketPath({});
    folders.push(dirname(path));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '');
    expect(await check(path)).toBe('ERR_AGENT_UNSAFE');
    expect(await check(join(dirname(path), 'none.sock'))).toBe('ERR_AGENT');
  });
});
