import type { ErrorMessages } from '@gcis/core/i18n';

/**
 * What `gcis-server`'s administrator commands tell a person, in English; zhTW.ts gives each key
 * (type `Messages`). The HTTP API's messages stay English for its clients; codes never change.
 */
export const en = {
  /** Words for the codes of errors from the store, core and the server's flows; English keeps their own text. */
  errors: {} as ErrorMessages,
  unexpected: 'unexpected error: ',
  help: {
    examples: 'Examples:',
    program: 'Minimal verification server for the gcis login toolkit',
    lang: 'language of messages: en or zh-TW; env GCIS_LANG, else LC_ALL, LC_MESSAGES, LANG',
    footer: 'Exit codes: 0 ok · 1 error · 2 usage · 3 cancelled or timed out · 4 certificate or CRL refused · 130 interrupted.',
    data: 'data folder (SQLite file, secrets key, config)',
    database:
      "PostgreSQL URL without its password (postgres://user@host/db; with it: env GCIS_SERVER_DATABASE_URL or config.json database.url) or a SQLite file; default: the data folder's gcis.db",
    phoneCertificate: 'phone certificates the emulator issues: card (citizen card profile) or bare (C and CN only)',
    json: 'print JSON',
    listen: 'address to listen on (port 0 picks a free port)',
    logLevel: 'log level on stderr',
    init: 'create a data folder: SQLite database (WAL), secrets key (0600), config.json',
    start: 'serve the HTTP API; prints the URL it listens on as one line on stdout',
    fidoEmulatorFlag: 'mount a TW FidO emulator at /fido-emulator and use it for push login (tests, demos)',
    fidoCardCa: 'with --fido-emulator: CA certificates (PEM/DER) of the citizen cards that may bind phones',
    fidoEmulator: 'run the TW FidO relying-party emulator alone; prints its URL (push.baseUrl) on stdout',
    state: 'folder for its CA and bound devices',
    serviceId: 'the relying party it serves (push.serviceId); its key comes from GCIS_SERVER_FIDO_KEY',
    serviceName: 'the name phones show for that relying party',
    cardCa: 'CA certificates (PEM/DER) of the citizen cards that may bind phones',
    account: 'manage accounts',
    accountAdd: 'create an account; the password is read from standard input',
    name: 'display name',
    email: 'address for one-day check codes',
    nationalId: 'national ID or resident number (stored only as a keyed hash)',
    passwordStdin: 'read the password from standard input',
    accountTotp: 'enrol a new authenticator version for an account and print its otpauth URI and QR',
    accountTotpJson: 'print {account, version, status, uri, secret} as JSON',
    unlock: 'end a lockout after repeated failures',
    enableOneDay: 'enable a one-day password (一日密碼): email a check code valid until 23:59:59 Taipei time',
    enableOneDayJson: 'print {account, sentTo, expiresAt, mailLocation?} as JSON',
    disableOneDay: "revoke an account's one-day password",
    accountList: 'list accounts',
    bindCert: 'bind a citizen certificate (DER or PEM file) to an account, for certificate login',
    bindCertJson: 'print {account, name, issuer, serialNumber, thumbprint} as JSON',
    trust: 'certificate login: the CAs the server trusts (data folder trust/)',
    trustAdd: 'trust a CA certificate (DER or PEM): self-signed → trust anchor, otherwise intermediate; a running server uses it at once',
    trustList: 'list trusted CA certificates',
    installProduction: 'install GRCA G2/G3 and MOICA G2/G3 from the official repositories, accepted only by their pinned SHA-256',
    from: 'take the certificate files from this folder instead of downloading them',
    crl: 'certificate login: revocation lists (data folder crl/)',
    crlAdd: 'add a CRL (DER) from a file, or from a URL the running server downloads again before nextUpdate; a running server uses it at once',
    crlList: 'list CRLs with their issuer, size, next update and source',
    admin: 'administrator credentials',
    newToken: 'print a new administrator token for the /v1/admin routes',
    completion: 'print the shell completion script: bash, zsh or fish (see README "Shell completion")',
    shell: 'bash, zsh or fish',
  },
  out: {
    added: (account: string) => `Added account ${account}.`,
    scan: (version: number) => `Scan this QR code (version ${version}) with Google Authenticator, or use the URI:`,
    unlocked: (account: string) => `Unlocked ${account}.`,
    bound: (name: string, serial: string, issuer: string, account: string) =>
      `Bound the certificate of ${name} (serial ${serial}, issuer "${issuer}") to ${account}.`,
    crlAdded: (issuer: string, size: number, nextUpdate: string, file: string, url: string | undefined) =>
      `Added the CRL of "${issuer}" (${size} entries, next update ${nextUpdate}) as ${file}${url ? `; refreshed from ${url}` : ''}.`,
    none: 'none',
    crlRow: (entries: number, next: string): readonly [string, string] => [`${entries} entries`, `next ${next}`],
    fromFile: '(file)',
    emulator: (serviceId: string, caFile: string | undefined) => `TW FidO emulator for service "${serviceId}"; its CA: ${caFile}`,
    initialised: (root: string, database: string, secretKey: string, config: string) =>
      `Initialised ${root}\n  database    ${database}\n  secrets key ${secretKey} (mode 0600; keep it out of backups of the database)\n  config      ${config}\n` +
      'Administrator token (shown once; "gcis-server admin new-token" makes another):',
    oneDayEnabled: (account: string, sentTo: string, until: string) =>
      `One-day password enabled for ${account}: check code sent to ${sentTo}, valid until ${until} (Asia/Taipei).`,
    outbox: (location: string) => `The mail is in the outbox: ${location}`,
    revoked: (account: string) => `Revoked the one-day password of ${account}.`,
    noOneDay: (account: string) => `${account} had no one-day password.`,
    trustAdded: (added: boolean, what: string) => `${added ? 'Added' : 'Already trusted:'} ${what}`,
    trustInstalled: (added: boolean, name: string, what: string) => `${added ? 'Installed' : 'Already trusted:'} ${name}: ${what}`,
    trustWhat: (role: string, subject: string, until: string, sha256: string) => `${role} "${subject}" (until ${until}, SHA-256 ${sha256})`,
    until: (date: string) => `until ${date}`,
    addCrls: "Now add MOICA's CRLs (the server refreshes them before nextUpdate):",
    pushTrust: 'Push login (行動自然人憑證) also accepts phone certificates under these CAs while push.productionTrust is on (the default).',
    changeLater: (why: string) =>
      `a server running on this data folder will see this within a minute, other instances not until the command is run again (${why}).`,
  },
  err: {
    accountName: 'An account name is 1–64 letters, digits or . _ @ + -.',
    notEmail: (email: string) => `Not an email address: ${email}`,
    passwordStdin: 'Give the password on standard input with --password-stdin.',
    invalidId: (reason: string) => `Not a valid national ID or resident number (${reason}).`,
    accountExists: (account: string) => `The account ${account} already exists.`,
    idTaken: (account: string) => `That national ID already belongs to the account ${account}.`,
    emailTaken: (email: string, account: string) => `${email} is already the address of the account ${account}.`,
    noAccount: (account: string) => `There is no account ${account}.`,
    noAnchor: 'No trust anchor is installed yet (gcis-server trust add / install-production).',
    notCitizen: (file: string, why: string) => `${file} is not a citizen certificate: ${why}`,
    fidoKey: 'Set GCIS_SERVER_FIDO_KEY to the relying party key (base64, 32 bytes).',
    cannotListen: (listen: string, why: string) => `Cannot listen on ${listen}: ${why}.`,
    listenFormat: (listen: string) => `--listen must be HOST:PORT, not "${listen}".`,
    notDataDir: (root: string, data: string) => `${root} is not a gcis data folder: run "gcis-server init --data ${data}" first.`,
    unreadable: (file: string) => `Cannot read ${file}.`,
    secretKey: (file: string) => `Cannot read the secrets key ${file} (or set GCIS_SERVER_SECRET_KEY).`,
    databasePasswordOnArgv:
      '--database must not carry the password: every user of this machine can read command lines (ps), and shells keep them. ' +
      'Give the URL in GCIS_SERVER_DATABASE_URL or in database.url of config.json, or the password in PGPASSWORD or ~/.pgpass.',
    noDatabase: (file: string) => `There is no database ${file}: give --database (or GCIS_SERVER_DATABASE_URL) the one "init" made.`,
    databaseInUse: (location: string) =>
      `${location} already holds a gcis server's accounts; "init" would give this folder a new secrets key that cannot read them. ` +
      'Copy the data folder of an instance that uses it (secret.key and config.json) instead.',
  },
};

export type Messages = typeof en;
