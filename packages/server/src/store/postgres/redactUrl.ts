/**
 * A database URL fit for messages and logs: the password (in the user part or a `password`
 * parameter) replaced by `***`. Text that does not parse as a URL is not echoed at all, since it
 * might be nothing but the secret.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(a database URL that does not parse)';
  }
  if (parsed.password) parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.href.replace(/%2A%2A%2A/g, '***');
}
