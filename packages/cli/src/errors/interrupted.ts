/** Ctrl-C while gcis waits (not in a prompt): exit 130, like inquirer's ExitPromptError (see exitCodes.ts). */
export class InterruptedError extends Error {
  constructor(message = 'Interrupted') {
    super(message);
    this.name = 'InterruptedError';
  }
}
