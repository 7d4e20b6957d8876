import { hash, timingSafeEqual } from 'node:crypto';

/** One-shot `crypto.hash` (Node ≥ 20.12): a third of createHash's cost, which every session check pays. */
export function sha256Hex(input: string | Uint8Array): string {
  return hash('sha256', input, 'hex');
}

/** Constant-time string comparison; unequal lengths compare as different without a shortcut on content. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
