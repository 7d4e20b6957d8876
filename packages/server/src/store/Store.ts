import type { LoginMethod } from '@gcis/core/api';

/**
 * What gcis-server keeps, whatever keeps it: SQLite (one file, the embedded default) or
 * PostgreSQL (any number of instances on one database). Every method is async and every rule that
 * decides who gets in — one success per TOTP step, single-use captchas and challenges, the
 * throttle's counts, one approval per push transaction, revocation — is decided by the database
 * (a constraint, a conditional update, a transaction), never by this process's memory, so it holds
 * across processes.
 *
 * Times are ISO-8601 instants (UTC, `Date.prototype.toISOString`), which compare as text; ids of
 * rows are numbers. Both implementations pass the same contract tests (store/contract/).
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it is, for messages: the file, or the URL without its password. */
  readonly location: string;
  accounts: AccountsRepo;
  totpKeys: TotpKeysRepo;
  sessions: SessionsRepo;
  captchas: CaptchasRepo;
  throttle: ThrottleRepo;
  oneDayPasswords: OneDayPasswordsRepo;
  adminCredentials: AdminCredentialsRepo;
  pushTransactions: PushTransactionsRepo;
  certificateChallenges: CertificateChallengesRepo;
  accountCertificates: AccountCertificatesRepo;
  serverChanges: ServerChangesRepo;
  /**
   * Optional: request counts shared by every instance, so the rate limits hold across them
   * (http/rateLimit/syncedRateCounter.ts adds to them in batches). A store without it — SQLite, one
   * process — has each instance count in its own memory.
   */
  rateCounts?: RateCountsRepo;
  /** What administrator commands put in trust/ and crl/, so every instance's folder follows (issue 12). */
  sharedFiles: SharedFilesRepo;
  /** Tells every instance on this database (this one too) that something changed; see StoreEvent. */
  events: StoreEvents;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- accounts

export type AccountRow = {
  id: number;
  account: string;
  name: string;
  email: string;
  national_id_masked: string | null;
  password_hash: string;
};

export type NewAccount = {
  account: string;
  name: string;
  email: string;
  nationalIdHmac: string | null;
  nationalIdMasked: string | null;
  passwordHash: string;
  createdAt: string;
};

export interface AccountsRepo {
  /** By name, ignoring ASCII case. */
  find(account: string): Promise<AccountRow | undefined>;
  get(id: number): Promise<AccountRow | undefined>;
  /** By the keyed hash of the national ID (SecretBox.mac), as push login finds the account. */
  findByNationalIdHmac(hmac: string): Promise<AccountRow | undefined>;
  /** By e-mail address, ignoring ASCII case as the unique index does. */
  findByEmail(email: string): Promise<AccountRow | undefined>;
  list(): Promise<AccountRow[]>;
  /** The new row's id; ERR_ACCOUNT_EXISTS / ERR_NATIONAL_ID_TAKEN / ERR_EMAIL_TAKEN when a unique index refuses it. */
  insert(row: NewAccount): Promise<number>;
  setPasswordHash(id: number, hash: string): Promise<void>;
}

// ---------------------------------------------------------------- TOTP keys

export type TotpKeyRow = {
  account_id: number;
  version: number;
  status: 'pending' | 'active' | 'retired';
  secret_sealed: Buffer;
  last_step: number | null;
};

export interface TotpKeysRepo {
  active(accountId: number): Promise<TotpKeyRow | undefined>;
  pending(accountId: number): Promise<TotpKeyRow | undefined>;
  retired(accountId: number): Promise<TotpKeyRow[]>;
  nextVersion(accountId: number): Promise<number>;
  /** Adds a version in one transaction; `active` retires the current one (administrator bootstrap), `pending` replaces any pending one. */
  add(row: { accountId: number; version: number; status: 'pending' | 'active'; secretSealed: Buffer; createdAt: string }): Promise<void>;
  /**
   * As `add`, numbering the version itself (the next after the account's highest) under a lock on
   * the account, so enrolments racing on any instance get distinct numbers where nextVersion + add
   * would give two the same. `seal` makes the sealed secret for the number (the seal binds it).
   * Returns the number.
   */
  addNext(row: { accountId: number; status: 'pending' | 'active'; seal: (version: number) => Buffer; createdAt: string }): Promise<number>;
  /** Makes a confirmed pending version the active one and retires the old, in one transaction. */
  promote(accountId: number, version: number, step: number): Promise<void>;
  /** Records an accepted step; false when another login (any instance) already used this or a later step. */
  advance(accountId: number, version: number, step: number): Promise<boolean>;
}

// ---------------------------------------------------------------- sessions

export type SessionRow = {
  token_hash: string;
  account_id: number;
  method: LoginMethod;
  issued_at: string;
  last_seen_at: string;
  revoked_at: string | null;
};

export type NewSession = { tokenHash: string; accountId: number; method: LoginMethod; issuedAt: string };

export interface SessionsRepo {
  insert(row: NewSession): Promise<void>;
  find(tokenHash: string): Promise<SessionRow | undefined>;
  /** Moves last_seen_at forward to `at` (never back: two instances touching at once keep the later). */
  touch(tokenHash: string, at: string): Promise<void>;
  /**
   * True when this call revoked it; false when it already was, or is unknown. When it revoked it,
   * it also announces `session-revoked` through `events` to every instance (PostgreSQL: a NOTIFY in
   * the same transaction, so a committed revocation is always announced), which drop it from their
   * caches of live sessions (login/sessionCache.ts).
   */
  revoke(tokenHash: string, at: string): Promise<boolean>;
  /** Deletes revoked sessions and those past their absolute or idle limit (cut-offs as ISO instants). */
  purgeDead(cutoffs: { issuedBefore: string; seenBefore: string }): Promise<number>;
}

// ---------------------------------------------------------------- captchas and certificate challenges

export type CaptchaRow = { id: string; answer_hash: string; expires_at: string; used: number };

export interface CaptchasRepo {
  insert(id: string, answerHash: string, expiresAt: string): Promise<void>;
  /** Reads a captcha and marks it used in one step; `used: 1` in the result when it already was. Every captcha is good for one answer. */
  take(id: string): Promise<CaptchaRow | undefined>;
  purgeExpired(now: string): Promise<number>;
  /** Deletes answered and expired captchas: neither can be answered again. */
  purgeDead(now: string): Promise<number>;
}

export type CertificateChallengeRow = { id: string; challenge: string; expires_at: string; used: number };

export interface CertificateChallengesRepo {
  insert(id: string, challenge: string, expiresAt: string): Promise<void>;
  /** Reads a challenge and marks it used in one step; `used: 1` in the result when it already was. */
  take(id: string): Promise<CertificateChallengeRow | undefined>;
  purgeExpired(now: string): Promise<number>;
  purgeDead(now: string): Promise<number>;
}

// ---------------------------------------------------------------- throttle

/** Whose failures a counter holds: an account name as typed (lower case) for one method, from one source or ('') from all. */
export type ThrottleKey = { method: string; account: string; source: string };

export type ThrottleRow = ThrottleKey & {
  failures: number;
  lock_level: number;
  locked_until: string | null;
  last_failure_at: string;
  /** When the counter is forgotten: a whole window after its last failure and lock. */
  expires_at: string;
};

/**
 * Given the rows stored under the keys (in the keys' order; undefined where there is none), the
 * rows to store instead (null deletes) and what to return. Pure and synchronous: it runs while the
 * rows are locked against every other process.
 */
export type ThrottleChange<T> = (rows: Array<ThrottleRow | undefined>) => { rows: Array<ThrottleRow | null>; result: T };

export interface ThrottleRepo {
  /**
   * Reads the counters under `keys` and writes what `change` makes of them as one atomic step:
   * no other change to these keys, from any process, comes between the read and the write.
   */
  change<T>(keys: readonly ThrottleKey[], change: ThrottleChange<T>): Promise<T>;
  get(key: ThrottleKey): Promise<ThrottleRow | undefined>;
  /** Forgets every counter of an account, for every method and source (administrator unlock). */
  clearAccount(account: string): Promise<number>;
  count(): Promise<number>;
  /** Deletes the counters whose window has passed; how many went. */
  purge(now: Date): Promise<number>;
}

// ---------------------------------------------------------------- one-day passwords, admin credentials

export type OneDayPasswordRow = { account_id: number; code_hash: string; issued_at: string; expires_at: string };

export interface OneDayPasswordsRepo {
  get(accountId: number): Promise<OneDayPasswordRow | undefined>;
  /** Issues a check code, replacing the account's current one. */
  set(row: { accountId: number; codeHash: string; issuedAt: string; expiresAt: string }): Promise<void>;
  /** True when there was one to revoke. */
  revoke(accountId: number): Promise<boolean>;
  purgeExpired(now: string): Promise<number>;
}

export interface AdminCredentialsRepo {
  add(tokenHash: string, createdAt: string): Promise<void>;
  has(tokenHash: string): Promise<boolean>;
}

// ---------------------------------------------------------------- push transactions

export type PushTransactionStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'cancelled' | 'failed';

export type PushTransactionRow = {
  id: string;
  national_id_hmac: string;
  national_id_sealed: Buffer;
  account_id: number | null;
  match_code: string;
  origin: string;
  sp_ticket_id: string | null;
  status: PushTransactionStatus;
  reason_code: string | null;
  reason_message: string | null;
  created_at: string;
  expires_at: string;
  finished_at: string | null;
};

export type NewPushTransaction = {
  id: string;
  nationalIdHmac: string;
  nationalIdSealed: Buffer;
  accountId: number | null;
  matchCode: string;
  origin: string;
  createdAt: string;
  expiresAt: string;
};

export interface PushTransactionsRepo {
  insert(row: NewPushTransaction): Promise<void>;
  get(id: string): Promise<PushTransactionRow | undefined>;
  setTicket(id: string, spTicketId: string): Promise<void>;
  /** Ends a pending transaction; false when it had already ended (a concurrent poll, a cancel, another instance). */
  finish(id: string, status: Exclude<PushTransactionStatus, 'pending' | 'approved'>, at: string, reason?: { code: string; message: string }): Promise<boolean>;
  /**
   * Approves a pending transaction in one transaction: spends the signed response (by its hash),
   * ends the push login `approved`, stores the session, and keeps its token sealed for
   * claimSession — all or nothing. `replay` when the response was spent before; `ended` when the
   * transaction was no longer pending.
   */
  approve(input: { id: string; responseHash: string; at: string; session: NewSession; tokenSealed: Buffer }): Promise<'approved' | 'replay' | 'ended'>;
  /**
   * The sealed session token of an approved transaction, once: the first caller on any instance
   * gets it and the stored copy is cleared in the same statement; undefined afterwards. So the
   * client gets its session from whichever instance it polls, whichever instance approved.
   */
  claimSession(id: string): Promise<Buffer | undefined>;
  countPending(nationalIdHmac: string, now: string): Promise<number>;
  countSince(nationalIdHmac: string, since: string): Promise<{ count: number; oldest: string | null }>;
  signedResponseUsed(hash: string): Promise<boolean>;
  /**
   * Takes the right to poll the service for this transaction until `until`: true when no other
   * instance holds an unexpired lease on it (the holder may renew its own). An instance that dies
   * holding one loses it when it runs out.
   */
  leasePoll(id: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Gives a lease back early (the poll is done), so another instance need not wait for it to run out. */
  releasePoll(id: string, holder: string): Promise<void>;
  /** Deletes transactions that ended (or expired unfinished) before `before`. */
  purgeEndedBefore(before: string): Promise<number>;
  /** Deletes the replay records of transactions no longer kept. */
  purgeOrphanSignedResponses(): Promise<number>;
}

// ---------------------------------------------------------------- certificates bound to accounts

export type AccountCertificateRow = {
  id: number;
  account_id: number;
  issuer: string;
  serial_hex: string;
  thumbprint: string;
  name: string;
  id_last4: string;
  bound_at: string;
};

export type NewAccountCertificate = {
  accountId: number;
  issuer: string;
  serialHex: string;
  thumbprint: string;
  name: string;
  idLast4: string;
  boundAt: string;
};

export interface AccountCertificatesRepo {
  find(issuer: string, serialHex: string): Promise<AccountCertificateRow | undefined>;
  listFor(accountId: number): Promise<AccountCertificateRow[]>;
  /** Binds unless already bound; the binding that holds afterwards (here now, here before, or another account's). */
  bind(row: NewAccountCertificate): Promise<AccountCertificateRow>;
}

// ---------------------------------------------------------------- rate-limit counts shared by instances

/** Requests counted under a key in the fixed window starting at `windowStart` (an ISO instant, aligned to the window's length). */
export type RateCountDelta = { key: string; windowStart: string; count: number };

export interface RateCountsRepo {
  /**
   * Adds each delta to the stored count of its key and window (a new row at first) as one atomic
   * step per row — `INSERT … ON CONFLICT DO UPDATE SET count = count + excluded.count RETURNING
   * count` — and returns the totals afterwards, in the deltas' order: every instance's requests.
   */
  add(deltas: readonly RateCountDelta[]): Promise<number[]>;
  /** Deletes the windows that started before `before`; how many went. */
  purge(before: string): Promise<number>;
}

// ---------------------------------------------------------------- changes between processes

/** A counter administrator commands bump after changing what a running server keeps in memory. */
export interface ServerChangesRepo {
  version(): Promise<number>;
  bump(): Promise<void>;
}

/**
 * A file of the data folder's trust/ or crl/ as an administrator command left it, kept in the
 * database so that every instance — on any machine — brings its own folder up to date (see
 * changes/syncSharedFiles.ts). `name` is the path inside `folder` (`anchors/<sha256>.der`,
 * `<16 hex>.crl`, `sources.json`); `bytes` is null once the file was removed. `version` grows
 * with every change of any file, and a reader that has seen version N never misses a change
 * numbered above N: versions are handed out in the order the changes commit.
 */
export type SharedFileRow = { folder: SharedFolder; name: string; bytes: Buffer | null; version: number; changed_at: string };

export type SharedFolder = 'trust' | 'crl';

export interface SharedFilesRepo {
  /** One file as stored now (removed ones included, with bytes null); undefined when never stored. */
  get(folder: SharedFolder, name: string): Promise<SharedFileRow | undefined>;
  /**
   * Stores a file's content (null removes it) as the next version; that version. With `ifVersion`
   * (null: the file must never have been stored) only when the file is still at that version —
   * undefined otherwise, so a read-modify-write (crl/sources.json) from two machines loses nothing.
   */
  put(file: { folder: SharedFolder; name: string; bytes: Buffer | null; at: string }, ifVersion?: number | null): Promise<number | undefined>;
  /** The files changed after `version`, oldest change first, each at its latest version. */
  since(version: number): Promise<SharedFileRow[]>;
}

/**
 * Something another instance may be waiting for: a push transaction ended (`push`, with its id),
 * an administrator changed trust, CRLs or accounts (`server-changes`), or a session was revoked
 * (`session-revoked`, with its token's hash, announced by SessionsRepo.revoke). PostgreSQL
 * carries these with LISTEN/NOTIFY to every instance; SQLite, whose instances are one process,
 * within it (other processes' `server-changes` still arrive by the poll of ServerChangesRepo).
 */
export type StoreEvent = { kind: 'push'; id: string } | { kind: 'server-changes' } | { kind: 'session-revoked'; tokenHash: string };

export interface StoreEvents {
  publish(event: StoreEvent): Promise<void>;
  /** Calls `listener` for every event from now on, this instance's own included; returns the unsubscribe. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /**
   * Whether this instance is receiving, right now, every event any process publishes: the number
   * of the current unbroken period of listening (a new number after every reconnection, so a
   * period in which events may have been missed is never mistaken for this one), or undefined
   * while events may be missed. PostgreSQL: from LISTEN succeeding until this process notices
   * its listening connection dropped. SQLite, whose events stay in this process: the file's
   * `data_version`, which changes whenever another process commits anything to it. Memory that events keep correct (login/sessionCache.ts) is used only while
   * this holds one number.
   */
  receiving(): number | undefined;
}
