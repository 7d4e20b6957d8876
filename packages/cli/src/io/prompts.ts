export type Choice<T extends string> = { value: T; name: string; description?: string };

export type Validate = (value: string) => true | string;

/** Every question gcis asks. bin.ts passes the inquirer-backed one; tests pass a scripted fake. */
export interface Prompts {
  input(message: string, options?: { validate?: Validate }): Promise<string>;
  /** Masked: the answer is never echoed. */
  password(message: string): Promise<string>;
  /** A card PIN: masked like a password, and checked by `validate` before the card sees it. */
  pin(message: string, options: { validate: Validate }): Promise<string>;
  select<T extends string>(message: string, choices: readonly Choice<T>[]): Promise<T>;
}

type PromptStreams = { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };

/**
 * Prompts drawn on `output` (stderr) so stdout keeps only results. Inquirer is imported on the
 * first question, never at startup. `requiredText` is what an empty answer is told, in the reader's language. Ctrl-C rejects with inquirer's `ExitPromptError` (exit 130).
 */
export function createPrompts(streams: () => PromptStreams, requiredText = 'Required'): Prompts {
  const load = () => import('@inquirer/prompts');
  const required: Validate = (value) => value.length > 0 || requiredText;
  return {
    async input(message, { validate = required } = {}) {
      const { input } = await load();
      return (await input({ message, validate: (value) => validate(value.trim()) }, streams())).trim();
    },
    async password(message) {
      const { password } = await load();
      return password({ message, mask: true, validate: required }, streams());
    },
    async pin(message, { validate }) {
      const { password } = await load();
      return password({ message, mask: true, validate }, streams());
    },
    async select(message, choices) {
      const { select } = await load();
      return select({ message, choices }, streams());
    },
  };
}
