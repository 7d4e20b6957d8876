import { Argument, Command, Option } from 'commander';
import { accountAdd, accountList, accountTotp, accountUnlock } from './commands/account.js';
import { accountBindCert } from './commands/bindCert.js';
import { completion } from './commands/completion.js';
import { crlAdd, crlList } from './commands/crl.js';
import { adminNewToken, init } from './commands/init.js';
import { accountDisableOneDayPassword, accountEnableOneDayPassword } from './commands/oneDayPassword.js';
import { start } from './commands/start.js';
import { trustAdd, trustInstallProduction, trustList } from './commands/trust.js';
import { commanderWords, detectLocale } from '@gcis/core/i18n';
import { localizeHelp } from '@gcis/core/i18n/terminal';
import { messagesFor, type Messages } from './i18n/messages.js';
import { refusePasswordOnArgv } from './store/chooseDatabase.js';
import type { ServerIo } from './io.js';

/** The flags and help blocks every command shares, in the reader's language. */
function sharedParts({ help, err }: Messages) {
  return {
    dataOption: () => new Option('--data <dir>', help.data).env('GCIS_SERVER_DATA').default('./gcis-data'),
    /** No .env(): GCIS_SERVER_DATABASE_URL is read by chooseDatabase. A password on argv is refused as the flags are parsed, before any command runs. */
    databaseOption: () => new Option('--database <url>', help.database).argParser((url: string) => refusePasswordOnArgv(url, err)),
    examples: (...lines: string[]) => `\n${help.examples}\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`,
    /** What the emulator's phone certificates carry: the card profile (CN, serialNumber, last 4 ID digits) or C and CN only. */
    phoneCertificateOption: (flags: string) => new Option(flags, help.phoneCertificate).choices(['card', 'bare']).default('card'),
  };
}

/** Wires the `gcis-server` commands; each is a plain function of its options and the injected io. */
export function createServerCli(io: ServerIo): Command {
  const { help } = messagesFor(io.env);
  const { dataOption, databaseOption, examples, phoneCertificateOption } = sharedParts(messagesFor(io.env));
  const program = new Command('gcis-server');
  const locale = detectLocale(io.env);
  localizeHelp(program, locale);
  program
    .description(help.program)
    .version('0.1.0', '-V, --version', commanderWords[locale].version)
    .option('--lang <locale>', help.lang)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {}, // bin.ts prints the one-line error with its code
    })
    .exitOverride()
    .addHelpText('after', `\n${help.footer}\n`);

  program
    .command('init')
    .description(help.init)
    .addOption(dataOption())
    .addOption(databaseOption())
    .addHelpText(
      'after',
      examples(
        'gcis-server init --data /var/lib/gcis > admin-token.txt',
        'GCIS_SERVER_DATA=./gcis-data gcis-server init',
        'gcis-server init --data /var/lib/gcis --database postgres://gcis@db.example/gcis > admin-token.txt  # password from ~/.pgpass',
      ),
    )
    .action((options) => init(options, io));

  program
    .command('start')
    .description(help.start)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--listen <host:port>', help.listen, '127.0.0.1:8470')
    .addOption(new Option('--log-level <level>', help.logLevel).choices(['fatal', 'error', 'warn', 'info', 'debug']).default('info'))
    .option('--fido-emulator', help.fidoEmulatorFlag)
    .option('--fido-card-ca <file...>', help.fidoCardCa)
    .addOption(phoneCertificateOption('--fido-phone-certificate <profile>'))
    .addHelpText(
      'after',
      examples(
        'gcis-server start --data ./gcis-data',
        'URL=$(gcis-server start --listen 127.0.0.1:0 | head -n 1)',
        'gcis-server start --listen 0.0.0.0:8470 --fido-emulator --log-level warn',
        'GCIS_SERVER_DATABASE_URL="$(cat /run/secrets/gcis-database-url)" gcis-server start --data /var/lib/gcis',
      ),
    )
    .action((options) => start(options, io));

  program
    .command('fido-emulator')
    .description(help.fidoEmulator)
    .option('--listen <host:port>', help.listen, '127.0.0.1:8471')
    .option('--state <dir>', help.state, './gcis-fido-emulator')
    .option('--service-id <id>', help.serviceId, 'gcis')
    .option('--service-name <name>', help.serviceName, 'gcis 商工入口網')
    .option('--card-ca <file...>', help.cardCa)
    .addOption(phoneCertificateOption('--phone-certificate <profile>'))
    .addOption(new Option('--log-level <level>', help.logLevel).choices(['fatal', 'error', 'warn', 'info', 'debug']).default('warn'))
    .addHelpText('after', examples('GCIS_SERVER_FIDO_KEY=$(openssl rand -base64 32) gcis-server fido-emulator --card-ca ./card-root.pem'))
    // The emulator brings the test PKI (pkijs): loaded only for this command.
    .action(async (options) => (await import('./commands/fidoEmulator.js')).fidoEmulator(options, io));

  const account = program.command('account').description(help.account);
  account
    .command('add <account>')
    .description(help.accountAdd)
    .addOption(dataOption())
    .addOption(databaseOption())
    .requiredOption('--name <name>', help.name)
    .requiredOption('--email <email>', help.email)
    .option('--national-id <id>', help.nationalId)
    .option('--password-stdin', help.passwordStdin)
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
    .description(help.accountTotp)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--json', help.accountTotpJson)
    .addHelpText('after', examples('gcis-server account totp alice', "gcis-server account totp alice --json | jq -r .secret"))
    .action((name: string, options) => accountTotp(name, options, io));
  account
    .command('unlock <account>')
    .description(help.unlock)
    .addOption(dataOption())
    .addOption(databaseOption())
    .addHelpText('after', examples('gcis-server account unlock alice'))
    .action((name: string, options) => accountUnlock(name, options, io));
  account
    .command('enable-one-day-password <account>')
    .description(help.enableOneDay)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--json', help.enableOneDayJson)
    .addHelpText('after', examples('gcis-server account enable-one-day-password alice', 'gcis-server account enable-one-day-password alice --json'))
    .action((name: string, options) => accountEnableOneDayPassword(name, options, io));
  account
    .command('disable-one-day-password <account>')
    .description(help.disableOneDay)
    .addOption(dataOption())
    .addOption(databaseOption())
    .addHelpText('after', examples('gcis-server account disable-one-day-password alice'))
    .action((name: string, options) => accountDisableOneDayPassword(name, options, io));
  account
    .command('list')
    .description(help.accountList)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--json', help.json)
    .addHelpText('after', examples('gcis-server account list', "gcis-server account list --json | jq -r '.[].account'"))
    .action((options) => accountList(options, io));
  account
    .command('bind-cert <account> <file>')
    .description(help.bindCert)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--json', help.bindCertJson)
    .addHelpText('after', examples('gcis-server account bind-cert alice ./alice-cert.pem', 'gcis-server account bind-cert alice ./alice-cert.der --json'))
    .action((name: string, file: string, options) => accountBindCert(name, file, options, io));

  const trust = program.command('trust').description(help.trust);
  trust
    .command('add <file>')
    .description(help.trustAdd)
    .addOption(dataOption())
    .addOption(databaseOption())
    .addHelpText('after', examples('gcis-server trust add ./root-ca.pem', 'gcis-server trust add ./intermediate-ca.der'))
    .action((file: string, options) => trustAdd(file, options, io));
  trust
    .command('list')
    .description(help.trustList)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--json', help.json)
    .addHelpText('after', examples('gcis-server trust list', "gcis-server trust list --json | jq -r '.[].sha256'"))
    .action((options) => trustList(options, io));
  trust
    .command('install-production')
    .description(help.installProduction)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--from <dir>', help.from)
    .addHelpText('after', examples('gcis-server trust install-production', 'gcis-server trust install-production --from ./moica-certificates'))
    .action((options) => trustInstallProduction(options, io));

  const crl = program.command('crl').description(help.crl);
  crl
    .command('add <fileOrUrl>')
    .description(help.crlAdd)
    .addOption(dataOption())
    .addOption(databaseOption())
    .addHelpText('after', examples('gcis-server crl add ./intermediate.crl', 'gcis-server crl add https://moica.nat.gov.tw/repository/MOICA/CRL2/complete.crl'))
    .action((fileOrUrl: string, options) => crlAdd(fileOrUrl, options, io));
  crl
    .command('list')
    .description(help.crlList)
    .addOption(dataOption())
    .addOption(databaseOption())
    .option('--json', help.json)
    .addHelpText('after', examples('gcis-server crl list', "gcis-server crl list --json | jq -r '.[].nextUpdate'"))
    .action((options) => crlList(options, io));

  program
    .command('admin')
    .description(help.admin)
    .command('new-token')
    .description(help.newToken)
    .addOption(dataOption())
    .addOption(databaseOption())
    .addHelpText('after', examples('gcis-server admin new-token > admin-token.txt', 'curl -X POST -H "Authorization: Bearer $(cat admin-token.txt)" http://127.0.0.1:8470/v1/admin/accounts/alice/one-day-password'))
    .action((options) => adminNewToken(options, io));

  program
    .command('completion')
    .description(help.completion)
    .addArgument(new Argument('<shell>', help.shell).choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', examples('source <(gcis-server completion bash)', 'gcis-server completion fish > ~/.config/fish/completions/gcis-server.fish'))
    .action((shell: string) => completion(shell, program, io));

  return program;
}
