import { Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { cardBind, type CardBindOptions } from './commands/cardBind.js';
import { cardList, type CardListOptions } from './commands/cardList.js';
import { exec } from './commands/exec.js';
import { login, type LoginOptions } from './commands/login.js';
import { logout } from './commands/logout.js';
import { status } from './commands/status.js';
import { token } from './commands/token.js';
import { totpConfirm } from './commands/totpConfirm.js';
import { totpRebuild } from './commands/totpRebuild.js';
import { totpShow } from './commands/totpShow.js';
import type { CliDeps } from './deps.js';
import { signerKinds } from './lib/cardOptions.js';
import { cliLoginMethods } from './lib/loginMethods.js';
import { defaultServer, resolveServer } from './lib/serverUrl.js';

export type Cli = {
  program: Command;
  /** Parses user arguments (no `node`, no script path) and runs the command; resolves to the exit code. */
  parseAsync(argv: readonly string[]): Promise<number>;
};

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

/** The smart-card flags of `gcis card …` and, marked `cert:`, of `gcis login`. */
const cardFlags = {
  signer: (tag = '') =>
    new Option('--signer <signer>', `${tag}the card through its PKCS#11 module, or through the HiPKI local server (env GCIS_HIPKI_URL)`)
      .choices(signerKinds)
      .default('pkcs11'),
  pkcs11Module: (tag = '') =>
    new Option('--pkcs11-module <path>', `${tag}PKCS#11 module (HiCOS, OpenSC, SoftHSM2); env GCIS_PKCS11_MODULE; else the usual paths`),
  card: (tag = '') => new Option('--card <serial>', `${tag}the card (token serial, see gcis card list) when several are present`),
  certificate: (tag = '') => new Option('--certificate <id>', `${tag}key ID or certificate serial (see gcis card list) when there are several`),
  pinFile: (tag = '') =>
    new Option('--pin-file <file>', `${tag}read the PIN from a file of mode 0600; else env GCIS_PIN (test cards only); else asked`),
};

/**
 * Wires the commands into commander. Commands are plain functions of (options, deps); commander
 * only parses. Errors are thrown, not printed: bin.ts prints one line and picks the exit code.
 */
export function createCli(deps: CliDeps): Cli {
  let exitCode = 0;
  const program = new Command('gcis')
    .description('Log in to the business portal (商工入口網) from a terminal or CI, and reuse the session.')
    .version(packageJson.version, '-V, --version')
    .option('--server <url>', `gcis server; env GCIS_SERVER (default: ${defaultServer})`)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: () => {}, // bin.ts prints the one-line error
    })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `\nSecrets come from stdin, GCIS_ variables or masked prompts, never from arguments.
Exit codes: 0 ok, 1 error, 2 usage, 3 cancelled or timed out, 4 not logged in or rejected, 130 interrupted.
${examples('gcis login', 'gcis exec -- ./file-report.sh', 'curl -H "Authorization: Bearer $(gcis token)" …')}`,
    );
  const serverOf = (command: Command) => resolveServer(command.optsWithGlobals<{ server?: string }>().server, deps.env);

  program
    .command('login')
    .description('log in and keep the session for this server')
    .addOption(new Option('--method <method>', 'login method (asked on a terminal)').choices(cliLoginMethods))
    .option('--account <account>', 'account name; env GCIS_ACCOUNT')
    .option('--password-stdin', 'read the password from stdin; else env GCIS_PASSWORD, else asked')
    .option('--code <code>', 'totp: the 6-digit code, else computed from GCIS_TOTP_SECRET; otp: the check code, else GCIS_CHECK_CODE; else asked')
    .option('--id <nationalId>', 'push: the national ID whose phone confirms; env GCIS_NATIONAL_ID; else asked')
    .addOption(cardFlags.signer('cert: '))
    .addOption(cardFlags.pkcs11Module('cert: '))
    .addOption(cardFlags.card('cert: '))
    .addOption(cardFlags.certificate('cert: '))
    .addOption(cardFlags.pinFile('cert: '))
    .option('--non-interactive', 'never prompt (also without a terminal or with CI=true)')
    .option('--json', 'print {account, method, issuedAt, expiresAt, server} on stdout')
    .addHelpText(
      'after',
      examples(
        'gcis login',
        'gcis login --method totp --account alice',
        'printf %s "$PASSWORD" | gcis login --method totp --account alice --password-stdin --code 123456',
        'GCIS_ACCOUNT=ci GCIS_PASSWORD=… GCIS_TOTP_SECRET=… gcis login --method totp --non-interactive',
        'GCIS_ACCOUNT=alice GCIS_PASSWORD=… GCIS_CHECK_CODE=… gcis login --method otp',
        'gcis login --method cert',
        'gcis login --method cert --card 0123456789abcdef --certificate 01 --pin-file ~/.gcis-pin',
        'gcis login --method cert --signer hipki',
        'gcis login --method push --id A123456789',
      ),
    )
    .action(async (options: Omit<LoginOptions, 'server'>, command: Command) =>
      login({ ...options, server: await serverOf(command) }, deps),
    );

  program
    .command('token')
    .description('print the session token alone on stdout (GCIS_TOKEN wins over the store)')
    .addHelpText('after', examples('curl -H "Authorization: Bearer $(gcis token)" http://127.0.0.1:8470/v1/session'))
    .action(async (_options: object, command: Command) => token({ server: await serverOf(command) }, deps));

  program
    .command('status')
    .description('ask the server who is logged in, and say where the token came from')
    .option('--json', 'print one JSON object, with tokenSource "env" or "store"')
    .addHelpText('after', examples('gcis status', 'gcis status --json --server https://gcis.example'))
    .action(async (options: { json?: boolean }, command: Command) =>
      status({ ...options, server: await serverOf(command) }, deps),
    );

  program
    .command('logout')
    .description('end the session on the server, then forget it here')
    .addHelpText('after', examples('gcis logout', "trap 'gcis logout' EXIT"))
    .action(async (_options: object, command: Command) => logout({ server: await serverOf(command) }, deps));

  program
    .command('exec')
    .description('run a command with GCIS_TOKEN and GCIS_SERVER set; exits with its status')
    .argument('<command>', 'program to run (no shell)')
    .argument('[args...]', 'its arguments; put -- before the command')
    .addHelpText('after', examples('gcis exec -- ./file-report.sh --month 2026-11', 'gcis exec -- node upload.mjs'))
    .action(async (command: string, args: string[], _options: object, self: Command) => {
      exitCode = await exec({ server: await serverOf(self), command, args }, deps);
    });

  const totp = program.command('totp').description('the Google Authenticator QR code of your account');
  totp
    .command('show')
    .description('show the current QR code, its version and otpauth URI (needs a TOTP, card or push login from the last 5 minutes)')
    .option('--secret', 'also print the base32 secret')
    .option('--json', 'print {version, status, uri, secret?}')
    .addHelpText('after', examples('gcis login --method totp && gcis totp show', 'gcis totp show --json --secret'))
    .action(async (options: { secret?: boolean; json?: boolean }, command: Command) =>
      totpShow({ ...options, server: await serverOf(command) }, deps),
    );
  totp
    .command('rebuild')
    .description('make a new QR version (needs a TOTP, card or push login from the last 5 minutes) and confirm it with a code; without a terminal it stays pending for "gcis totp confirm"')
    .option('--code <digits>', 'a code of the new version (else asked)')
    .option('--non-interactive', 'never prompt')
    .option('--json', 'print {version, status, uri, secret} of the new version')
    .addHelpText('after', examples('gcis login --method totp && gcis totp rebuild'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpRebuild({ ...options, server: await serverOf(command) }, deps),
    );

  totp
    .command('confirm')
    .description('confirm a QR version that "gcis totp rebuild" left pending, with a code from it')
    .option('--code <digits>', 'a code of the new version (else asked)')
    .option('--non-interactive', 'never prompt')
    .option('--json', 'print {version, status, uri} of the confirmed version')
    .addHelpText('after', examples('gcis totp rebuild --non-interactive --json > new-key.json && gcis totp confirm --code 123456'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpConfirm({ ...options, server: await serverOf(command) }, deps),
    );

  const card = program
    .command('card')
    .description('the citizen digital certificate card (自然人憑證) in the reader');
  card
    .command('list')
    .description('list the cards present and their certificates: serials, issuer, validity, key IDs, PIN status')
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .option('--json', 'print an array of certificates, each with its card, PIN status and DER (base64)')
    .addHelpText(
      'after',
      examples(
        'gcis card list',
        'gcis card list --pkcs11-module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
        'gcis card list --signer hipki --json',
      ),
    )
    .action(async (options: CardListOptions) => cardList(options, deps));
  card
    .command('bind')
    .description('bind the card’s certificate to the account you are logged in as, for gcis login --method cert')
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.card())
    .addOption(cardFlags.certificate())
    .addOption(cardFlags.pinFile())
    .option('--non-interactive', 'never prompt')
    .option('--json', 'print {account, name, issuer, serialNumber, thumbprint}')
    .addHelpText(
      'after',
      examples('gcis login --method totp && gcis card bind', 'gcis card bind --card 0123456789abcdef --certificate 01 --json'),
    )
    .action(async (options: Omit<CardBindOptions, 'server'>, command: Command) =>
      cardBind({ ...options, server: await serverOf(command) }, deps),
    );

  return {
    program,
    async parseAsync(argv) {
      await program.parseAsync([...argv], { from: 'user' });
      return exitCode;
    },
  };
}
