/**
 * Schema migrations, applied in order and recorded in `PRAGMA user_version`.
 * Append only: a released migration is never edited.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    national_id_hmac TEXT,
    national_id_masked TEXT,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX accounts_national_id ON accounts (national_id_hmac);

  CREATE TABLE totp_keys (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'retired')),
    secret_sealed BLOB NOT NULL,
    last_step INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (account_id, version)
  );

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    revoked_at TEXT
  );

  CREATE TABLE captchas (
    id TEXT PRIMARY KEY,
    answer_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
  );

  -- Keyed by factor and the account name as typed, whether or not it exists: no enumeration.
  CREATE TABLE throttle (
    subject TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
  );
  `,
  `
  -- One active check code per account: issuing a new one replaces it, disabling deletes it.
  CREATE TABLE one_day_passwords (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );

  CREATE TABLE admin_credentials (
    token_hash TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
  );
  `,
];
