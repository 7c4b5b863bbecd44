import { randomUUID } from 'node:crypto';
import type { LoginFailureCount, LoginFailuresRepository } from '../../storage/types.js';
import { collection, insertUnique, type MongoHandle } from '../mongoHandle.js';

/** Failed logins, one document each: an insert never loses a concurrent one, as an update of a counter read first could. */
export function mongoLoginFailuresRepository(h: MongoHandle): LoginFailuresRepository {
  const failures = () => collection(h, 'login_failures');
  const counted = async (subject: string, since: Date): Promise<LoginFailureCount> => {
    const oldest = await failures().find({ subject, at: { $gte: since } }).sort({ at: 1 }).limit(1).toArray();
    return { count: await failures().countDocuments({ subject, at: { $gte: since } }), oldest: (oldest[0]?.at as Date | undefined) ?? null };
  };
  return {
    async record(subject, { at, since }) {
      await insertUnique(h, 'login_failures', { _id: randomUUID(), subject, at });
      await failures().deleteMany({ subject, at: { $lt: since } });
      return counted(subject, since);
    },
    count: (subject, { since }) => counted(subject, since),
    async clear(subject) {
      await failures().deleteMany({ subject });
    },
  };
}
