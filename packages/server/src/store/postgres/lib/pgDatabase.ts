import type pg from 'pg';
import { asStoreError, isConnectionFailure } from './storeUnavailable.js';

/** Runs one statement; connection failures come out as ERR_STORE_UNAVAILABLE. */
export type Sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

export type PgDatabase = {
  sql: Sql;
  /**
   * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
   * throws (nothing half-written), and a connection that failed is dropped rather than reused.
   */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
};

/** The repositories' handle on a `pg` Pool. */
export function pgDatabase(pool: pg.Pool): PgDatabase {
  const sql: Sql = async (text, values) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw asStoreError(error);
    }
  };

  async function transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw asStoreError(error);
    }
    // A checked-out client has no pool listener: without ours a connection lost between two statements would crash the process.
    const ignore = () => undefined;
    client.on('error', ignore);
    const inTransaction: Sql = (text, values) => client.query(text, values);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(inTransaction);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that failed, or would not roll back, is closed instead of going back to the pool.
      broken = isConnectionFailure(error) || !(await client.query('ROLLBACK').then(() => true, () => false));
      throw asStoreError(error);
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  return { sql, transaction };
}
