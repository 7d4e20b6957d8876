import { Argument, Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { agent, agentDefaults, type AgentOptions } from './commands/agent.js';
import { agentStop } from './commands/agentStop.js';
import { cardBind, type CardBindOptions } from './commands/cardBind.js';
import { cardList, type CardListOptions } from './commands/cardList.js';
import { completion } from './commands/completion.js';
import { exec } from './commands/exec.js';
import { login, type LoginOptions } from './commands/login.js';
import { localServer, type LocalServerOptions } from './commands/localServer.js';
import { logout } from './commands/logout.js';
import { sign, type SignOptions } from './commands/sign.js';
import { status } from './commands/status.js';
import { parseTimeout, statusAll } from './commands/statusAll.js';
import { token } from './commands/token.js';
import { totpConfirm } from './commands/totpConfirm.js';
import { totpRebuild } from './commands/totpRebuild.js';
import { totpShow } from './commands/totpShow.js';
import { use } from './commands/use.js';
import { verify, type VerifyOptions } from './commands/verify.js';
import type { CliDeps } from './deps.js';
import { signerKinds } from './lib/cardOptions.js';
import { cliLoginMethods } from './lib/loginMethods.js';
import { defaultServer, resolveServer } from './lib/serverUrl.js';
import type { Messages } from './i18n/en.js';
import { commanderWords, detectLocale } from '@gcis/core/i18n';
import { localizeHelp } from '@gcis/core/i18n/terminal';
import { messagesFor } from './i18n/messages.js';

export type Cli = {
  program: Command;
  /** Parses user arguments (no `node`, no script path) and runs the command; resolves to the exit code. */
  parseAsync(argv: readonly string[]): Promise<number>;
};

/** The examples block after a command's help, under the catalogue's heading. */
const examplesIn = (t: Messages) => (...lines: string[]) => `\n${t.help.examples}\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

/** The smart-card flags of `gcis card …` and, marked `cert:`, of `gcis login`. */
const cardFlagsIn = ({ help }: Messages) => ({
  signer: (tag = '') =>
    new Option('--signer <signer>', `${tag}${help.signer}`)
      .choices(signerKinds)
      .default('pkcs11'),
  pkcs11Module: (tag = '') =>
    new Option('--pkcs11-module <path>', `${tag}${help.pkcs11Module}`),
  card: (tag = '') => new Option('--card <serial>', `${tag}${help.cardFlag}`),
  certificate: (tag = '') => new Option('--certificate <id>', `${tag}${help.certificate}`),
  pinFile: (tag = '') =>
    new Option('--pin-file <file>', `${tag}${help.pinFile}`),
  hipkiOrigin: (tag = '') =>
    new Option('--hipki-origin <origin>', `${tag}${help.hipkiOrigin}`),
  hipkiSignature: (tag = '') =>
    new Option('--hipki-signature <type>', `${tag}${help.hipkiSignature}`).choices(['pkcs1', 'pkcs7']),
  hipkiTbsEncoding: (tag = '') =>
    new Option('--hipki-tbs-encoding <encoding>', `${tag}${help.hipkiTbsEncoding}`).choices(['none', 'base64']),
});

/** The card to sign with, for `card bind` and `sign`: signer, module, card, certificate, PIN file, no prompts. */
const withCardFlags = (command: Command, t: Messages, cardFlags = cardFlagsIn(t)) =>
  command
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.card())
    .addOption(cardFlags.certificate())
    .addOption(cardFlags.pinFile())
    .addOption(cardFlags.hipkiOrigin())
    .addOption(cardFlags.hipkiSignature())
    .addOption(cardFlags.hipkiTbsEncoding())
    .option('--non-interactive', t.help.nonInteractive);

/**
 * Wires the commands into commander. Commands are plain functions of (options, deps); commander
 * only parses. Errors are thrown, not printed: bin.ts prints one line and picks the exit code.
 */
export function createCli(deps: CliDeps): Cli {
  let exitCode = 0;
  const t = messagesFor(deps.env);
  const { help } = t;
  const examples = examplesIn(t);
  const cardFlags = cardFlagsIn(t);
  const program = new Command('gcis');
  const locale = detectLocale(deps.env);
  localizeHelp(program, locale);
  program
    .description(help.program)
    .version(packageJson.version, '-V, --version', commanderWords[locale].version)
    .option('--server <url>', help.server(defaultServer))
    .option('--lang <locale>', help.lang)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: () => {}, // bin.ts prints the one-line error
    })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `\n${help.footer}\n${examples('gcis login', 'gcis exec -- ./file-report.sh', 'curl -H "Authorization: Bearer $(gcis token)" …')}`,
    );
  const serverOf = (command: Command) => resolveServer(command.optsWithGlobals<{ server?: string }>().server, deps.env, deps.configDir);

  program
    .command('login')
    .description(help.login.description)
    .addOption(new Option('--method <method>', help.login.method).choices(cliLoginMethods))
    .option('--account <account>', help.login.account)
    .option('--password-stdin', help.login.passwordStdin)
    .option('--code <code>', help.login.code)
    .option('--check-code-stdin', help.login.checkCodeStdin)
    .option('--check-code-file <file>', help.login.checkCodeFile)
    .option('--id <nationalId>', help.login.id)
    .addOption(cardFlags.signer('cert: '))
    .addOption(cardFlags.pkcs11Module('cert: '))
    .addOption(cardFlags.card('cert: '))
    .addOption(cardFlags.certificate('cert: '))
    .addOption(cardFlags.pinFile('cert: '))
    .addOption(cardFlags.hipkiOrigin('cert: '))
    .addOption(cardFlags.hipkiSignature('cert: '))
    .addOption(cardFlags.hipkiTbsEncoding('cert: '))
    .option('--non-interactive', help.login.nonInteractive)
    .option('--json', help.login.json)
    .addOption(new Option('--with-token', help.login.withToken).conflicts(['method', 'passwordStdin', 'checkCodeStdin']))
    .option('--alias <name>', help.login.alias)
    .addHelpText(
      'after',
      examples(
        'gcis login',
        'gcis login --method totp --account alice',
        'printf %s "$PASSWORD" | gcis login --method totp --account alice --password-stdin --code 123456',
        'GCIS_ACCOUNT=ci GCIS_PASSWORD=… GCIS_TOTP_SECRET=… gcis login --method totp --non-interactive',
        'GCIS_ACCOUNT=alice GCIS_PASSWORD=… GCIS_CHECK_CODE=… gcis login --method otp',
        'printf %s "$CHECK_CODE" | gcis login --method otp --account alice --check-code-stdin',
        'gcis login --method cert',
        'gcis login --method cert --card 0123456789abcdef --certificate 01 --pin-file ~/.gcis-pin',
        'gcis login --method cert --signer hipki',
        'gcis login --method cert --signer hipki --hipki-origin https://www.example.gov.tw --hipki-signature pkcs7',
        'gcis login --method push --id A123456789',
        'gcis login --server https://gcis.example --alias prod',
        'gcis token | ssh build-host gcis login --with-token --server https://gcis.example',
      ),
    )
    .action(async (options: Omit<LoginOptions, 'server'>, command: Command) =>
      login({ ...options, server: await serverOf(command) }, deps),
    );

  program
    .command('token')
    .description(help.token)
    .addHelpText('after', examples('curl -H "Authorization: Bearer $(gcis token)" http://127.0.0.1:8470/v1/session'))
    .action(async (_options: object, command: Command) => token({ server: await serverOf(command) }, deps));

  program
    .command('status')
    .description(help.status.description)
    .option('--json', help.status.json)
    .option('--all', help.status.all)
    .option('--timeout <seconds>', help.status.timeout, '5')
    .addHelpText('after', examples('gcis status', 'gcis status --json --server https://gcis.example', 'gcis status --all'))
    .action(async (options: { json?: boolean; all?: boolean; timeout: string }, command: Command) =>
      options.all
        ? statusAll({ json: options.json, timeoutSeconds: parseTimeout(options.timeout, t) }, deps)
        : status({ json: options.json, server: await serverOf(command) }, deps),
    );

  program
    .command('use')
    .description(help.use.description)
    .argument('<server>', help.use.server)
    .option('--alias <name>', help.use.alias)
    .addHelpText('after', examples('gcis use https://gcis.example --alias prod', 'gcis use prod', 'gcis use http://127.0.0.1:8470'))
    .action(async (target: string, options: { alias?: string }) => use({ target, ...options }, deps));

  program
    .command('logout')
    .description(help.logout.description)
    .option('--local', help.logout.local)
    .addHelpText('after', examples('gcis logout', "trap 'gcis logout' EXIT", 'gcis logout --local --server https://gone.example'))
    .action(async (options: { local?: boolean }, command: Command) => logout({ ...options, server: await serverOf(command) }, deps));

  program
    .command('exec')
    .description(help.exec.description)
    .argument('<command>', help.exec.command)
    .argument('[args...]', help.exec.args)
    .addHelpText('after', examples('gcis exec -- ./file-report.sh --month 2026-11', 'gcis exec -- node upload.mjs'))
    .action(async (command: string, args: string[], _options: object, self: Command) => {
      exitCode = await exec({ server: await serverOf(self), command, args }, deps);
    });

  const totp = program.command('totp').description(help.totp.description);
  totp
    .command('show')
    .description(help.totp.show)
    .option('--secret', help.totp.secret)
    .option('--json', help.totp.showJson)
    .addHelpText('after', examples('gcis login --method totp && gcis totp show', 'gcis totp show --json --secret'))
    .action(async (options: { secret?: boolean; json?: boolean }, command: Command) =>
      totpShow({ ...options, server: await serverOf(command) }, deps),
    );
  totp
    .command('rebuild')
    .description(help.totp.rebuild)
    .option('--code <digits>', help.totp.code)
    .option('--non-interactive', help.nonInteractive)
    .option('--json', help.totp.rebuildJson)
    .addHelpText('after', examples('gcis login --method totp && gcis totp rebuild'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpRebuild({ ...options, server: await serverOf(command) }, deps),
    );

  totp
    .command('confirm')
    .description(help.totp.confirm)
    .option('--code <digits>', help.totp.code)
    .option('--non-interactive', help.nonInteractive)
    .option('--json', help.totp.confirmJson)
    .addHelpText('after', examples('gcis totp rebuild --non-interactive --json > new-key.json && gcis totp confirm --code 123456'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpConfirm({ ...options, server: await serverOf(command) }, deps),
    );

  const card = program
    .command('card')
    .description(help.card.description);
  card
    .command('list')
    .description(help.card.list)
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.hipkiOrigin())
    .option('--json', help.card.listJson)
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
    card.command('bind').description(help.card.bind),
    t,
  )
    .option('--json', help.card.bindJson)
    .addHelpText(
      'after',
      examples('gcis login --method totp && gcis card bind', 'gcis card bind --card 0123456789abcdef --certificate 01 --json'),
    )
    .action(async (options: Omit<CardBindOptions, 'server'>, command: Command) =>
      cardBind({ ...options, server: await serverOf(command) }, deps),
    );

  addSigningCommands(program, deps, t, (code) => (exitCode = code));

  program
    .command('completion')
    .description(help.completion.description)
    .addArgument(new Argument('<shell>', help.completion.shell).choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', examples('source <(gcis completion bash)', 'gcis completion fish > ~/.config/fish/completions/gcis.fish'))
    .action(async (shell: string) => completion(shell, program, deps));

  return {
    program,
    async parseAsync(argv) {
      await program.parseAsync([...argv], { from: 'user' });
      return exitCode;
    },
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `gcis sign`, `verify` and `agent` (README "Signing documents", "The card agent"). */
function addSigningCommands(program: Command, deps: CliDeps, t: Messages, setExitCode: (code: number) => void) {
  const { help } = t;
  const examples = examplesIn(t);
  const cardFlags = cardFlagsIn(t);
  withCardFlags(program.command('sign').description(help.sign.description), t)
    .argument('<files...>', help.sign.files)
    .option('--detached', help.sign.detached)
    .option('--attached', help.sign.attached)
    .option('--out <file>', help.sign.out)
    .option('--pem', help.sign.pem)
    .option('--chain <file>', help.sign.chain, collect)
    .option('--json', help.sign.json)
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
    .description(help.verify.description)
    .argument('<signature>', help.verify.signature)
    .option('--content <file>', help.verify.content)
    .option('--ca <file>', help.verify.ca, collect)
    .option('--crl <file>', help.verify.crl, collect)
    .addOption(new Option('--revocation <mode>', help.verify.revocation).choices(['require', 'skip']).default('require'))
    .option('--json', help.verify.json)
    .addHelpText(
      'after',
      examples('gcis verify report.pdf.p7s --content report.pdf --ca grca-g3.cer --ca moica-g3.cer --crl MOICA-G3-complete.crl', 'gcis verify contract.p7m --ca root.pem --revocation skip --json'),
    )
    .action(async (file: string, options: Omit<VerifyOptions, 'file'>) => setExitCode(await verify({ ...options, file }, deps)));

  const agentCommand = program
    .command('agent')
    .description(help.agent.description)
    .option('--lifetime <duration>', help.agent.lifetime, agentDefaults.lifetime)
    .option('--idle <duration>', help.agent.idle, agentDefaults.idle)
    .option('--max-signatures <n>', help.agent.maxSignatures, agentDefaults.maxSignatures)
    .option('--foreground', help.agent.foreground)
    .addOption(new Option('--daemon-child').hideHelp())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.card())
    .addOption(cardFlags.certificate())
    .addOption(cardFlags.pinFile())
    .option('--non-interactive', help.nonInteractive)
    .addHelpText('after', examples('eval "$(gcis agent)"', 'gcis sign *.pdf', 'gcis login --method cert', 'eval "$(gcis agent stop)"'))
    .action(async (options: AgentOptions) => agent(options, deps));
  program
    .command('local-server')
    .description(help.localServer.description)
    .option('--port <port>', help.localServer.port, '61161')
    .option('--allow-origin <origin>', help.localServer.allowOrigin, collect)
    .option('--no-default-origins', help.localServer.noDefaultOrigins)
    .addOption(cardFlags.pkcs11Module())
    .addHelpText('after', examples('gcis local-server', 'gcis local-server --allow-origin https://portal.example --pkcs11-module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so'))
    .action(async (options: LocalServerOptions) => localServer(options, deps));

  agentCommand
    .command('stop')
    .description(help.agent.stop)
    .addHelpText('after', examples('eval "$(gcis agent stop)"', 'GCIS_AGENT_SOCK=/run/user/1000/gcis-agent.sock gcis agent stop'))
    .action(async () => agentStop(deps));
}
