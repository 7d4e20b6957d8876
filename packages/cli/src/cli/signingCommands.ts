import { Option } from 'commander';
import { agent, agentDefaults, type AgentOptions } from '../commands/agent.js';
import { agentStop } from '../commands/agentStop.js';
import { localServer, type LocalServerOptions } from '../commands/localServer.js';
import { sign, type SignOptions } from '../commands/sign.js';
import { verify, type VerifyOptions } from '../commands/verify.js';
import type { CommandGroup } from './commandGroup.js';
import { collect, helpParts } from './flags.js';

/** `gcis sign`, `verify`, `agent` and `local-server` (README "Signing documents", "The card agent", "The local sign server"). */
export function addSigningCommands({ program, deps, setExitCode, t }: CommandGroup): void {
  const { help, examples, cardFlags, withCardFlags } = helpParts(t);
  withCardFlags(
    program.command('sign').description(help.sign.description),
  )
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
