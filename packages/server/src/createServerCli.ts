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

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

/** What the emulator's phone certificates carry: the card profile (CN, serialNumber, last 4 ID digits) or C and CN only. */
const phoneCertificateOption = (flags: string) =>
  new Option(flags, 'phone certificates the emulator issues: card (citizen card profile) or bare (C and CN only)').choices(['card', 'bare']).default('card');

/** Wires the `gcis-server` commands; each is a plain function of its options and the injected io. */
export function createServerCli(io: ServerIo): Command {
  const program = new Command('gcis-server')
    .description('Minimal verification server for the gcis login toolkit')
    .version('0.1.0')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {}, // bin.ts prints the one-line error with its code
    })
    .exitOverride()
    .addHelpText('after', '\nExit codes: 0 ok · 1 error · 2 usage · 3 cancelled or timed out · 4 certificate or CRL refused · 130 interrupted.\n');

  program
    .command('init')
    .description('create a data folder: SQLite database (WAL), secrets key (0600), config.json')
    .addOption(dataOption())
    .addHelpText('after', examples('gcis-server init --data /var/lib/gcis > admin-token.txt', 'GCIS_SERVER_DATA=./gcis-data gcis-server init'))
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
    .addHelpText('after', examples('gcis-server start --data ./gcis-data', 'URL=$(gcis-server start --listen 127.0.0.1:0 | head -n 1)', 'gcis-server start --listen 0.0.0.0:8470 --fido-emulator --log-level warn'))
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
    .addHelpText('after', examples('GCIS_SERVER_FIDO_KEY=$(openssl rand -base64 32) gcis-server fido-emulator --card-ca ./card-root.pem'))
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
    .addHelpText(
      'after',
      examples(
        'printf %s "$PASSWORD" | gcis-server account add alice --name "Alice" --email a@example.com --password-stdin',
        'gcis-server account add bob --name "王小明" --email bob@example.com --national-id A123456789 --password-stdin < password.txt',
      ),
    )
    .action((name: string, options) => accountAdd(name, options, io));
  account
    .command('totp <account>')
    .description('enrol a new authenticator version for an account and print its otpauth URI and QR')
    .addOption(dataOption())
    .option('--json', 'print {account, version, status, uri, secret} as JSON')
    .addHelpText('after', examples('gcis-server account totp alice', "gcis-server account totp alice --json | jq -r .secret"))
    .action((name: string, options) => accountTotp(name, options, io));
  account
    .command('unlock <account>')
    .description('end a lockout after repeated failures')
    .addOption(dataOption())
    .addHelpText('after', examples('gcis-server account unlock alice'))
    .action((name: string, options) => accountUnlock(name, options, io));
  account
    .command('enable-one-day-password <account>')
    .description('enable a one-day password (一日密碼): email a check code valid until 23:59:59 Taipei time')
    .addOption(dataOption())
    .option('--json', 'print {account, sentTo, expiresAt, mailLocation?} as JSON')
    .addHelpText('after', examples('gcis-server account enable-one-day-password alice', 'gcis-server account enable-one-day-password alice --json'))
    .action((name: string, options) => accountEnableOneDayPassword(name, options, io));
  account
    .command('disable-one-day-password <account>')
    .description("revoke an account's one-day password")
    .addOption(dataOption())
    .addHelpText('after', examples('gcis-server account disable-one-day-password alice'))
    .action((name: string, options) => accountDisableOneDayPassword(name, options, io));
  account
    .command('list')
    .description('list accounts')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .addHelpText('after', examples('gcis-server account list', "gcis-server account list --json | jq -r '.[].account'"))
    .action((options) => accountList(options, io));
  account
    .command('bind-cert <account> <file>')
    .description('bind a citizen certificate (DER or PEM file) to an account, for certificate login')
    .addOption(dataOption())
    .option('--json', 'print {account, name, issuer, serialNumber, thumbprint} as JSON')
    .addHelpText('after', examples('gcis-server account bind-cert alice ./alice-cert.pem', 'gcis-server account bind-cert alice ./alice-cert.der --json'))
    .action((name: string, file: string, options) => accountBindCert(name, file, options, io));

  const trust = program.command('trust').description('certificate login: the CAs the server trusts (data folder trust/)');
  trust
    .command('add <file>')
    .description('trust a CA certificate (DER or PEM): self-signed → trust anchor, otherwise intermediate; a running server uses it at once')
    .addOption(dataOption())
    .addHelpText('after', examples('gcis-server trust add ./root-ca.pem', 'gcis-server trust add ./intermediate-ca.der'))
    .action((file: string, options) => trustAdd(file, options, io));
  trust
    .command('list')
    .description('list trusted CA certificates')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .addHelpText('after', examples('gcis-server trust list', "gcis-server trust list --json | jq -r '.[].sha256'"))
    .action((options) => trustList(options, io));
  trust
    .command('install-production')
    .description("install GRCA G2/G3 and MOICA G2/G3 from the official repositories, accepted only by their pinned SHA-256")
    .addOption(dataOption())
    .option('--from <dir>', 'take the certificate files from this folder instead of downloading them')
    .addHelpText('after', examples('gcis-server trust install-production', 'gcis-server trust install-production --from ./moica-certificates'))
    .action((options) => trustInstallProduction(options, io));

  const crl = program.command('crl').description('certificate login: revocation lists (data folder crl/)');
  crl
    .command('add <fileOrUrl>')
    .description('add a CRL (DER) from a file, or from a URL the running server downloads again before nextUpdate; a running server uses it at once')
    .addOption(dataOption())
    .addHelpText('after', examples('gcis-server crl add ./intermediate.crl', 'gcis-server crl add https://moica.nat.gov.tw/repository/MOICA/CRL2/complete.crl'))
    .action((fileOrUrl: string, options) => crlAdd(fileOrUrl, options, io));
  crl
    .command('list')
    .description('list CRLs with their issuer, size, next update and source')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .addHelpText('after', examples('gcis-server crl list', "gcis-server crl list --json | jq -r '.[].nextUpdate'"))
    .action((options) => crlList(options, io));

  program
    .command('admin')
    .description('administrator credentials')
    .command('new-token')
    .description('print a new administrator token for the /v1/admin routes')
    .addOption(dataOption())
    .addHelpText('after', examples('gcis-server admin new-token > admin-token.txt', 'curl -X POST -H "Authorization: Bearer $(cat admin-token.txt)" http://127.0.0.1:8470/v1/admin/accounts/alice/one-day-password'))
    .action((options) => adminNewToken(options, io));

  program
    .command('completion')
    .description('print the shell completion script: bash, zsh or fish (see README "Shell completion")')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', '\nExamples:\n  $ source <(gcis-server completion bash)\n  $ gcis-server completion fish > ~/.config/fish/completions/gcis-server.fish\n')
    .action((shell: string) => completion(shell, program, io));

  return program;
}
