import { Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { agent, agentDefaults, type AgentOptions } from './commands/agent.js';
import { agentStop } from './commands/agentStop.js';
import { cardBind, type CardBindOptions } from './commands/cardBind.js';
import { cardList, type CardListOptions } from './commands/cardList.js';
import { exec } from './commands/exec.js';
import { login, type LoginOptions } from './commands/login.js';
import { localServer, type LocalServerOptions } from './commands/localServer.js';
import { logout } from './commands/logout.js';
import { sign, type SignOptions } from './commands/sign.js';
import { status } from './commands/status.js';
import { token } from './commands/token.js';
import { totpConfirm } from './commands/totpConfirm.js';
import { totpRebuild } from './commands/totpRebuild.js';
import { totpShow } from './commands/totpShow.js';
import { verify, type VerifyOptions } from './commands/verify.js';
import type { CliDeps } from './deps.js';
import { signerKinds } from './card/cardOptions.js';
import { cliLoginMethods } from './login/loginMethods.js';
import { defaultServer, resolveServer } from './session/serverUrl.js';

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
  hipkiOrigin: (tag = '') =>
    new Option('--hipki-origin <origin>', `${tag}HiPKI: the Origin header to send (the component refuses origins it does not allow); env GCIS_HIPKI_ORIGIN`),
  hipkiSignature: (tag = '') =>
    new Option('--hipki-signature <type>', `${tag}HiPKI: pkcs1 (default; the server checks the bare signature) or pkcs7 (the component's CMS); env GCIS_HIPKI_SIGNATURE`).choices(['pkcs1', 'pkcs7']),
  hipkiTbsEncoding: (tag = '') =>
    new Option('--hipki-tbs-encoding <encoding>', `${tag}HiPKI: send the content as text (none, default, as the samples do) or base64; env GCIS_HIPKI_TBS_ENCODING`).choices(['none', 'base64']),
};

/** The card to sign with, for `card bind` and `sign`: signer, module, card, certificate, PIN file, no prompts. */
const withCardFlags = (command: Command) =>
  command
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.card())
    .addOption(cardFlags.certificate())
    .addOption(cardFlags.pinFile())
    .addOption(cardFlags.hipkiOrigin())
    .addOption(cardFlags.hipkiSignature())
    .addOption(cardFlags.hipkiTbsEncoding())
    .option('--non-interactive', 'never prompt');

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
    .addOption(cardFlags.hipkiOrigin('cert: '))
    .addOption(cardFlags.hipkiSignature('cert: '))
    .addOption(cardFlags.hipkiTbsEncoding('cert: '))
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
        'gcis login --method cert --signer hipki --hipki-origin https://www.example.gov.tw --hipki-signature pkcs7',
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
    .addOption(cardFlags.hipkiOrigin())
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
  withCardFlags(
    card.command('bind').description('bind the card’s certificate to the account you are logged in as, for gcis login --method cert'),
  )
    .option('--json', 'print {account, name, issuer, serialNumber, thumbprint}')
    .addHelpText(
      'after',
      examples('gcis login --method totp && gcis card bind', 'gcis card bind --card 0123456789abcdef --certificate 01 --json'),
    )
    .action(async (options: Omit<CardBindOptions, 'server'>, command: Command) =>
      cardBind({ ...options, server: await serverOf(command) }, deps),
    );

  addSigningCommands(program, deps, (code) => (exitCode = code));

  return {
    program,
    async parseAsync(argv) {
      await program.parseAsync([...argv], { from: 'user' });
      return exitCode;
    },
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `gcis sign`, `verify` and `agent` (DESIGN.md "Card signing tools"). */
function addSigningCommands(program: Command, deps: CliDeps, setExitCode: (code: number) => void) {
  withCardFlags(
    program.command('sign').description('sign files with the card: CMS SignedData (RFC 5652) with the certificate and its chain, one PIN entry for all'),
  )
    .argument('<files...>', 'files to sign; each signature lands beside its file as FILE.p7s (FILE.p7m with --attached)')
    .option('--detached', 'leave the file out of the signature (default)')
    .option('--attached', 'carry the file inside the signature')
    .option('--out <file>', 'where the signature goes (one file only); - for stdout (PEM)')
    .option('--pem', 'write PEM instead of DER')
    .option('--chain <file>', 'CA certificates to include (DER or PEM, repeatable); the card’s own CA certificates are included anyway', collect)
    .option('--json', 'print [{file, signature, bytes}]')
    .addHelpText(
      'after',
      examples(
        'gcis sign report.pdf',
        'gcis sign --chain moica-g3.cer a.pdf b.pdf c.xml',
        'gcis sign --attached --pem --out report.p7m report.pdf',
        'openssl cms -verify -binary -inform DER -in report.pdf.p7s -content report.pdf -CAfile grca.pem',
      ),
    )
    .action(async (files: string[], options: Omit<SignOptions, 'files'>) => sign({ ...options, files }, deps));

  program
    .command('verify')
    .description('check a CMS signature: signature, certificate path to --ca, revocation by --crl; exit 4 when invalid')
    .argument('<signature>', 'the .p7s / .p7m file (DER or PEM)')
    .option('--content <file>', 'the signed file, for a detached signature')
    .option('--ca <file>', 'trusted root (self-signed) or intermediate CA certificates, DER or PEM (repeatable)', collect)
    .option('--crl <file>', 'CRLs of the CAs, DER or PEM (repeatable)', collect)
    .addOption(new Option('--revocation <mode>', 'require: invalid without a fresh CRL from each CA; skip: no revocation check').choices(['require', 'skip']).default('require'))
    .option('--json', 'print {valid, signer, signingTime} or {valid: false, code, message}')
    .addHelpText(
      'after',
      examples('gcis verify report.pdf.p7s --content report.pdf --ca grca-g3.cer --ca moica-g3.cer --crl MOICA-G3-complete.crl', 'gcis verify contract.p7m --ca root.pem --revocation skip --json'),
    )
    .action(async (file: string, options: Omit<VerifyOptions, 'file'>) => setExitCode(await verify({ ...options, file }, deps)));

  const agentCommand = program
    .command('agent')
    .description('after one PIN entry, sign for gcis sign and gcis login on a Unix socket until a limit is reached (like ssh-agent)')
    .option('--lifetime <duration>', 'end after this long (e.g. 900, 15m, 1h)', agentDefaults.lifetime)
    .option('--idle <duration>', 'end after this long without a signature', agentDefaults.idle)
    .option('--max-signatures <n>', 'end after this many signatures', agentDefaults.maxSignatures)
    .option('--foreground', 'stay in front until the agent ends (Ctrl-C stops it)')
    .addOption(new Option('--daemon-child').hideHelp())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.card())
    .addOption(cardFlags.certificate())
    .addOption(cardFlags.pinFile())
    .option('--non-interactive', 'never prompt')
    .addHelpText('after', examples('eval "$(gcis agent)"', 'gcis sign *.pdf', 'gcis login --method cert', 'eval "$(gcis agent stop)"'))
    .action(async (options: AgentOptions) => agent(options, deps));
  program
    .command('local-server')
    .description('a HiPKI-compatible local sign server on 127.0.0.1:61161 backed by a PKCS#11 module, for the portal’s certificate login in a browser')
    .option('--port <port>', 'port (0 picks a free one)', '61161')
    .option('--allow-origin <origin>', 'another web page origin allowed to use the card (repeatable); env GCIS_LOCAL_SERVER_ORIGINS (comma-separated)', collect)
    .option('--no-default-origins', 'do not allow the portal’s and MOICA’s origins by default')
    .addOption(cardFlags.pkcs11Module())
    .addHelpText('after', examples('gcis local-server', 'gcis local-server --allow-origin https://portal.example --pkcs11-module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so'))
    .action(async (options: LocalServerOptions) => localServer(options, deps));

  agentCommand
    .command('stop')
    .description('stop the agent GCIS_AGENT_SOCK names')
    .action(async () => agentStop(deps));
}
