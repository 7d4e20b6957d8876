import { Argument, Command, Option } from 'commander';
import { accountAdd, accountList, accountTotp, accountUnlock } from './commands/account.js';
import { accountBindCert } from './commands/bindCert.js';
import { completion } from './commands/completion.js';
import { crlAdd, crlList } from './commands/crl.js';
import { adminNewToken, init } from './commands/init.js';
import { accountDisableOneDayPassword, accountEnableOneDayPassword } from './commands/oneDayPassword.js';
import { start } from './commands/start.js';
import { trustAdd, trustInstallProduction, trustList } from './commands/trust.js';
import type { ServerIo } from './io.js';

const dataOption = () =>
  new Option('--data <dir>', 'data folder (SQLite file, secrets key, config)').env('GCIS_SERVER_DATA').default('./gcis-data');

/** What the emulator's phone certificates carry: the card profile (CN, serialNumber, last 4 ID digits) or C and CN only. */
const phoneCertificateOption = (flags: string) =>
  new Option(flags, 'phone certificates the emulator issues: card (citizen card profile) or bare (C and CN only)').choices(['card', 'bare']).default('card');

/** Wires the `gcis-server` commands; each is a plain function of its options and the injected io. */
export function createServerCli(io: ServerIo): Command {
  const program = new Command('gcis-server')
    .description('Minimal verification server for the gcis login toolkit')
    .version('0.1.0')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();

  program
    .command('init')
    .description('create a data folder: SQLite database (WAL), secrets key (0600), config.json')
    .addOption(dataOption())
    .action((options) => init(options, io));

  program
    .command('start')
    .description('serve the HTTP API; prints the URL it listens on as one line on stdout')
    .addOption(dataOption())
    .option('--listen <host:port>', 'address to listen on (port 0 picks a free port)', '127.0.0.1:8470')
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['fatal', 'error', 'warn', 'info', 'debug']).default('info'))
    .option('--fido-emulator', 'mount a TW FidO emulator at /fido-emulator and use it for push login (tests, demos)')
    .option('--fido-card-ca <file...>', 'with --fido-emulator: CA certificates (PEM/DER) of the citizen cards that may bind phones')
    .addOption(phoneCertificateOption('--fido-phone-certificate <profile>'))
    .action((options) => start(options, io));

  program
    .command('fido-emulator')
    .description('run the TW FidO relying-party emulator alone; prints its URL (push.baseUrl) on stdout')
    .option('--listen <host:port>', 'address to listen on (port 0 picks a free port)', '127.0.0.1:8471')
    .option('--state <dir>', 'folder for its CA and bound devices', './gcis-fido-emulator')
    .option('--service-id <id>', 'the relying party it serves (push.serviceId); its key comes from GCIS_SERVER_FIDO_KEY', 'gcis')
    .option('--service-name <name>', 'the name phones show for that relying party', 'gcis 商工入口網')
    .option('--card-ca <file...>', 'CA certificates (PEM/DER) of the citizen cards that may bind phones')
    .addOption(phoneCertificateOption('--phone-certificate <profile>'))
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['fatal', 'error', 'warn', 'info', 'debug']).default('warn'))
    // The emulator brings the test PKI (pkijs): loaded only for this command.
    .action(async (options) => (await import('./commands/fidoEmulator.js')).fidoEmulator(options, io));

  const account = program.command('account').description('manage accounts');
  account
    .command('add <account>')
    .description('create an account; the password is read from standard input')
    .addOption(dataOption())
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--email <email>', 'address for one-day check codes')
    .option('--national-id <id>', 'national ID or resident number (stored only as a keyed hash)')
    .option('--password-stdin', 'read the password from standard input')
    .addHelpText('after', '\nExample:\n  printf %s "$PASSWORD" | gcis-server account add alice --name "Alice" --email a@example.com --password-stdin')
    .action((name: string, options) => accountAdd(name, options, io));
  account
    .command('totp <account>')
    .description('enrol a new authenticator version for an account and print its otpauth URI and QR')
    .addOption(dataOption())
    .option('--json', 'print {account, version, status, uri, secret} as JSON')
    .action((name: string, options) => accountTotp(name, options, io));
  account
    .command('unlock <account>')
    .description('end a lockout after repeated failures')
    .addOption(dataOption())
    .action((name: string, options) => accountUnlock(name, options, io));
  account
    .command('enable-one-day-password <account>')
    .description('enable a one-day password (一日密碼): email a check code valid until 23:59:59 Taipei time')
    .addOption(dataOption())
    .option('--json', 'print {account, sentTo, expiresAt, mailLocation?} as JSON')
    .action((name: string, options) => accountEnableOneDayPassword(name, options, io));
  account
    .command('disable-one-day-password <account>')
    .description("revoke an account's one-day password")
    .addOption(dataOption())
    .action((name: string, options) => accountDisableOneDayPassword(name, options, io));
  account
    .command('list')
    .description('list accounts')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action((options) => accountList(options, io));
  account
    .command('bind-cert <account> <file>')
    .description('bind a citizen certificate (DER or PEM file) to an account, for certificate login')
    .addOption(dataOption())
    .option('--json', 'print {account, name, issuer, serialNumber, thumbprint} as JSON')
    .action((name: string, file: string, options) => accountBindCert(name, file, options, io));

  const trust = program.command('trust').description('certificate login: the CAs the server trusts (data folder trust/)');
  trust
    .command('add <file>')
    .description('trust a CA certificate (DER or PEM): self-signed → trust anchor, otherwise intermediate')
    .addOption(dataOption())
    .action((file: string, options) => trustAdd(file, options, io));
  trust
    .command('list')
    .description('list trusted CA certificates')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action((options) => trustList(options, io));
  trust
    .command('install-production')
    .description("install GRCA G2/G3 and MOICA G2/G3 from the official repositories, accepted only by their pinned SHA-256")
    .addOption(dataOption())
    .option('--from <dir>', 'take the certificate files from this folder instead of downloading them')
    .action((options) => trustInstallProduction(options, io));

  const crl = program.command('crl').description('certificate login: revocation lists (data folder crl/)');
  crl
    .command('add <fileOrUrl>')
    .description('add a CRL (DER) from a file, or from a URL the running server downloads again before nextUpdate')
    .addOption(dataOption())
    .action((fileOrUrl: string, options) => crlAdd(fileOrUrl, options, io));
  crl
    .command('list')
    .description('list CRLs with their issuer, size, next update and source')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action((options) => crlList(options, io));

  program
    .command('admin')
    .description('administrator credentials')
    .command('new-token')
    .description('print a new administrator token for the /v1/admin routes')
    .addOption(dataOption())
    .action((options) => adminNewToken(options, io));

  program
    .command('completion')
    .description('print the shell completion script: bash, zsh or fish (see README "Shell completion")')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', '\nExamples:\n  $ source <(gcis-server completion bash)\n  $ gcis-server completion fish > ~/.config/fish/completions/gcis-server.fish\n')
    .action((shell: string) => completion(shell, program, io));

  return program;
}
