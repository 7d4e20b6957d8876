/**
 * What a `--database` value names: a `postgres://` or `postgresql://` URL is PostgreSQL (libpq's
 * connection URI, https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS);
 * anything else is a SQLite file.
 */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(database);
}

/** True when a PostgreSQL URL carries a password: in its user info, or as a `password=` parameter. */
export function hasPassword(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return /:[^@/]*@|[?&]password=/i.test(url); // unparsable: judge by the text, erring towards "yes"
  return parsed.password !== '' || [...parsed.searchParams.keys()].some((key) => key.toLowerCase() === 'password');
}

/** The URL with no password at all, to record where a database is without the secret that opens it (messages use postgres/redactUrl). */
export function stripPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) if (key.toLowerCase() === 'password') parsed.searchParams.delete(key);
  return parsed.toString();
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
