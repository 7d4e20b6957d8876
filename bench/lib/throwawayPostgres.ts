// A throwaway PostgreSQL cluster for a benchmark (`--postgres`): started with the test harness
// (packages/server/src/testing/testPostgres.ts), its fresh database's URL printed as the first line
// of stdout — a pipe to the parent, never argv — and removed when stdin closes or on SIGTERM.
// Run through vite-node, since the harness is TypeScript: `vite-node bench/lib/throwawayPostgres.ts`.
import { startTestPostgres } from '../../packages/server/src/testing/testPostgres.js';

const cluster = await startTestPostgres();
let removing: Promise<void> | undefined;
const remove = () => (removing ??= cluster.remove().finally(() => process.exit(0)));
process.once('SIGTERM', remove);
process.stdin.on('end', remove).on('close', remove).resume();
try {
  console.log(await cluster.createDatabase());
} catch (error) {
  console.error(error);
  await remove();
}
