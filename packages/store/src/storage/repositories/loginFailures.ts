import { and, eq, lt, sql } from 'drizzle-orm';
import { rows, type Database } from '../database.js';
import { loginFailures } from '../schemaLoginFailures.js';
import type { LoginFailureCount, LoginFailuresRepository } from '../types.js';

const counted = async (db: Database, subject: string, since: Date): Promise<LoginFailureCount> => {
  const [row] = await rows<{ count: string | number; oldest: string | Date | null }>(
    db,
    sql`SELECT count(*) AS count, min(at) AS oldest FROM login_failures WHERE subject = ${subject} AND at >= ${since.toISOString()}::timestamptz`,
  );
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
};

/** Failed logins, one row each: an INSERT never loses a concurrent one, as an UPDATE of a counter read first could. */
export function loginFailuresRepository(db: Database): LoginFailuresRepository {
  return {
    async record(subject, { at, since }) {
      await db.insert(loginFailures).values({ subject, at });
      await db.delete(loginFailures).where(and(eq(loginFailures.subject, subject), lt(loginFailures.at, since)));
      return counted(db, subject, since);
    },
    count: (subject, { since }) => counted(db, subject, since),
    async clear(subject) {
      await db.delete(loginFailures).where(eq(loginFailures.subject, subject));
    },
  };
}
