import pg from 'pg';

/**
 * Runs `fn` on a short-lived connection to `url`, for maintenance DDL (databases, roles,
 * ownership) that does not belong to any ORM: CREATE DATABASE cannot run in a transaction.
 */
export async function withSqlClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'smartket-maintenance' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
