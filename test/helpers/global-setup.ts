import pg from 'pg';

/** A set but unreachable NESS_TEST_PG_URL fails the whole run loudly, before any test. */
export default async function setup(): Promise<void> {
  const url = process.env.NESS_TEST_PG_URL;
  if (!url) {
    console.warn('NESS_TEST_PG_URL is not set: database tests run on SQLite only.');
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`NESS_TEST_PG_URL is set but PostgreSQL cannot be reached: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
