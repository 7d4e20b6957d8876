import type { CertificateChallengeRow, CertificateChallengesRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';
import { singleUseTable } from './lib/singleUseTable.js';

export function certificateChallengesRepo(db: PgDatabase): CertificateChallengesRepo {
  return singleUseTable<CertificateChallengeRow>(db, 'certificate_challenges', 'challenge');
}
