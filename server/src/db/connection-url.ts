/** The parts of a PostgreSQL URL SmartKet swaps when it reaches another database or role. */
export interface DatabaseTarget {
  database?: string;
  user?: string;
  password?: string;
  /** `host:port`; omitted keeps the base URL's server. */
  host?: string;
}

/** Builds a URL for another database (or role, or server) from the admin database URL. */
export function databaseUrl(baseUrl: string, target: DatabaseTarget): string {
  const url = new URL(baseUrl);
  if (target.host !== undefined) {
    url.host = target.host;
  }
  if (target.user !== undefined) {
    url.username = encodeURIComponent(target.user);
  }
  if (target.password !== undefined) {
    url.password = encodeURIComponent(target.password);
  }
  if (target.database !== undefined) {
    url.pathname = `/${encodeURIComponent(target.database)}`;
  }
  return url.toString();
}

/** Double-quotes an identifier for DDL, which cannot take bind parameters. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Single-quotes a literal for DDL (role passwords), which cannot take bind parameters. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
