import { describe, expect, it, vi } from 'vitest';
import { runPurge } from './runPurge.js';
import { startHousekeeping } from './startHousekeeping.js';

function recordingLog() {
  const lines: Array<{ level: string; fields: object; message: string }> = [];
  return {
    lines,
    log: {
      info: (fields: object, message: string) => void lines.push({ level: 'info', fields, message }),
      warn: (fields: object, message: string) => void lines.push({ level: 'warn', fields, message }),
    },
  };
}

const now = new Date('2026-11-27T02:00:10Z');

describe('runPurge', () => {
  it('logs one line with the count of each task', async () => {
    const { lines, log } = recordingLog();
    const seen: Date[] = [];
    const counts = await runPurge(
      [
        { name: 'sessions', purge: (at) => (seen.push(at), Promise.resolve(2)) },
        { name: 'captchas', purge: async () => 0 },
      ],
      now,
      log,
    );
    expect(counts).toEqual({ sessions: 2, captchas: 0 });
    expect(lines).toEqual([{ level: 'info', fields: { purged: { sessions: 2, captchas: 0 } }, message: 'housekeeping' }]);
    expect(seen).toEqual([now]);
  });

  it('logs a failing task by name and code only, and still runs the others', async () => {
    const { lines, log } = recordingLog();
    const failing = async () => {
      throw Object.assign(new Error('database is locked: secret detail'), { code: 'SQLITE_BUSY' });
    };
    const counts = await runPurge([{ name: 'sessions', purge: failing }, { name: 'captchas', purge: async () => 3 }], now, log);
    expect(counts).toEqual({ captchas: 3 });
    expect(lines).toEqual([
      { level: 'warn', fields: { task: 'sessions', code: 'SQLITE_BUSY' }, message: 'housekeeping task failed' },
      { level: 'info', fields: { purged: { captchas: 3 } }, message: 'housekeeping' },
    ]);
  });
});

describe('startHousekeeping', () => {
  it('purges once at start, then every interval with the clock’s time, until stopped', async () => {
    vi.useFakeTimers();
    try {
      const { lines, log } = recordingLog();
      let clockNow = now;
      const seen: Date[] = [];
      const running = startHousekeeping({
        tasks: [{ name: 'sessions', purge: (at) => (seen.push(at), Promise.resolve(0)) }],
        clock: { now: () => clockNow },
        intervalSeconds: 600,
        log,
      });
      expect(seen).toEqual([now]);
      clockNow = new Date(now.getTime() + 600_000);
      await vi.advanceTimersByTimeAsync(600_000);
      expect(seen).toEqual([now, clockNow]);
      running.stop();
      await vi.advanceTimersByTimeAsync(6_000_000);
      expect(seen).toHaveLength(2);
      expect(lines).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
