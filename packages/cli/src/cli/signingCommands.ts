import { Option } from 'commander';
import { agent, agentDefaults, type AgentOptions } from '../commands/agent.js';
import { agentStop } from '../commands/agentStop.js';
import { localServer, type LocalServerOptions } from '../commands/localServer.js';
import { sign, type SignOptions } from '../commands/sign.js';
import { verify, type VerifyOptions } from '../commands/verify.js';
import type { CommandGroup } from './commandGroup.js';
import { cardFlags, collect, examples, withCardFlags } from './flags.js';

/** `gcis sign`, `verify`, `agent` and `local-server` (README "Signing documents", "The card agent", "The local sign server"). */
export function addSigningCommands({ program, deps, setExitCode }: CommandGroup): void {
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
    .addHelpText('after', examples('eval "$(gcis agent stop)"', 'GCIS_AGENT_SOCK=/run/user/1000/gcis-agent.sock gcis agent stop'))
    .action(async () => agentStop(deps));
}
