import type { GcisError, GcisErrorCode } from '@gcis/core/errors';

/**
 * A core `GcisError`, with core imported only once something fails. The modules `gcis token` runs
 * use this instead of a static import: core's root loads node:crypto, which alone would cost
 * `gcis token` a sixth of its startup budget on the success path that never needs it.
 */
export async function gcisError(code: GcisErrorCode, message: string, options?: { cause?: unknown }): Promise<GcisError> {
  const core = await import('@gcis/core/errors');
  return new core.GcisError(code, message, options);
}
