/**
 * The first key of the two-key advisory locks this store takes (pg_advisory_xact_lock(int, int)),
 * one per purpose, so a throttle key's hash can never meet the migration lock. Arbitrary constants
 * ("gcis" in ASCII, plus one), unlikely to clash with another application's on the same database.
 */
export const advisoryLocks = {
  migrations: 0x67636973,
  throttle: 0x67636974,
  sharedFiles: 0x67636975,
} as const;
