import { createInterface } from 'node:readline';
import { execa } from 'execa';

export type RunningProxy = {
  url: string;
  /** The requests it carried so far: `GET http://host:port/path` or `CONNECT host:port`. */
  carried(): string[];
  stop(): Promise<void>;
};

/** A real HTTP proxy process (forward and CONNECT) on a free loopback port. */
export async function startProxy(): Promise<RunningProxy> {
  const child = execa('node', [new URL('./proxyProcess.mjs', import.meta.url).pathname], { reject: false });
  const lines: string[] = [];
  let first: ((line: string) => void) | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    first = resolve;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (first) first(line);
      else lines.push(line);
      first = undefined;
    });
    void child.then((result) => reject(new Error(`the proxy exited: ${String(result.stderr)}`)));
  });
  return {
    url,
    carried: () => [...lines],
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}
