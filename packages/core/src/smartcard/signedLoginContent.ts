/** What a certificate login signs: the server's challenge, bound to the server it is for. */
export type LoginContent = { challenge: string; origin: string; issuedAt: string | Date };

/**
 * The canonical bytes of the login content: UTF-8 JSON with keys in the fixed order
 * challenge, origin, issuedAt (an ISO 8601 string). Binding the origin keeps a
 * signature made for one server from being replayed at another.
 */
export function signedLoginContent({ challenge, origin, issuedAt }: LoginContent): Uint8Array {
  const at = issuedAt instanceof Date ? issuedAt.toISOString() : issuedAt;
  return new TextEncoder().encode(JSON.stringify({ challenge, origin, issuedAt: at }));
}
