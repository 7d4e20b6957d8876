/** The process environment as commands read it (`process.env` in bin.ts, a plain object in tests). */
export type Env = Readonly<Record<string, string | undefined>>;
