import { Command, Option } from 'commander';
import { accountAdd, accountList, accountTotp, accountUnlock } from './commands/account.js';
import { adminNewToken, init } from './commands/init.js';
import { accountDisableOneDayPassword, accountEnableOneDayPassword } from './commands/oneDayPassword.js';
import { start } from './commands/start.js';
import type { ServerIo } from './io.js';

const dataOption = () =>
  new Option('--data <dir>', 'data folder (SQLite file, secrets key, config)').env('GCIS_SERVER_DATA').default('./gcis-data');

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
    .action((options) => start(options, io));

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

  program
    .command('admin')
    .description('administrator credentials')
    .command('new-token')
    .description('print a new administrator token for the /v1/admin routes')
    .addOption(dataOption())
    .action((options) => adminNewToken(options, io));

  return program;
}
