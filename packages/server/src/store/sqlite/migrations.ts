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
  `
  -- Certificate login (自然人憑證): single-use challenges, and the certificates bound to accounts.
  CREATE TABLE certificate_challenges (
    id TEXT PRIMARY KEY,
    challenge TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
  );

  -- Found by issuer DN + serial at login, never by name; the thumbprint pins the exact certificate.
  CREATE TABLE account_certificates (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    serial_hex TEXT NOT NULL,
    thumbprint TEXT NOT NULL,
    name TEXT NOT NULL,
    id_last4 TEXT NOT NULL,
    bound_at TEXT NOT NULL,
    UNIQUE (issuer, serial_hex)
  );
  CREATE INDEX account_certificates_account ON account_certificates (account_id);
  `,
  `
  -- Push login (行動自然人憑證). One row per attempt, sent or not, so the per-ID limits count
  -- unknown IDs too; the ID itself is kept sealed (to check the service's answer), found by its MAC.
  CREATE TABLE push_transactions (
    id TEXT PRIMARY KEY,
    national_id_hmac TEXT NOT NULL,
    national_id_sealed BLOB NOT NULL,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    match_code TEXT NOT NULL,
    origin TEXT NOT NULL,
    sp_ticket_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'cancelled', 'failed')),
    reason_code TEXT,
    reason_message TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX push_transactions_by_id ON push_transactions (national_id_hmac, created_at);

  -- Every signed response that approved a login, by hash: each is accepted once.
  CREATE TABLE push_signed_responses (
    response_hash TEXT PRIMARY KEY,
    transaction_id TEXT NOT NULL,
    used_at TEXT NOT NULL
  );
  `,
  `
  -- Throttle v2: one counter per account + method (source '') and per account + method + source
  -- address, each forgotten at expires_at. Old counters are transient and dropped.
  DROP TABLE throttle;
  CREATE TABLE throttle (
    method TEXT NOT NULL,
    account TEXT NOT NULL,
    source TEXT NOT NULL,
    failures INTEGER NOT NULL,
    lock_level INTEGER NOT NULL,
    locked_until TEXT,
    last_failure_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (method, account, source)
  );
  CREATE INDEX throttle_expiry ON throttle (expires_at);
  `,
  `
  -- An e-mail address belongs to one account: its check codes must reach that account's owner only.
  CREATE UNIQUE INDEX accounts_email ON accounts (email COLLATE NOCASE);

  -- Bumped by administrator commands that change what a running server holds in memory (trust/,
  -- crl/); the server polls it (changes/watchChanges.ts) and reloads at once.
  CREATE TABLE server_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO server_changes (id, version) VALUES (1, 0);
  `,
  `
  -- Push across instances: the instance polling the service for a transaction holds a lease
  -- until poll_until; an approved transaction keeps its session token sealed until one poll
  -- claims it (store/Store.ts, PushTransactionsRepo.claimSession).
  ALTER TABLE push_transactions ADD COLUMN poll_holder TEXT;
  ALTER TABLE push_transactions ADD COLUMN poll_until TEXT;
  ALTER TABLE push_transactions ADD COLUMN session_token_sealed BLOB;
  `,
  `
  -- trust/ and crl/ files as administrator commands left them, so every instance's folder follows
  -- (store/Store.ts, SharedFilesRepo); bytes NULL once removed. version orders every change.
  CREATE TABLE shared_files (
    folder TEXT NOT NULL CHECK (folder IN ('trust', 'crl')),
    name TEXT NOT NULL,
    bytes BLOB,
    version INTEGER NOT NULL UNIQUE,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (folder, name)
  );
  `,
];
