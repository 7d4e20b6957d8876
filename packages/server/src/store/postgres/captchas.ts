import type { CaptchaRow, CaptchasRepo } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';
import { singleUseTable } from './lib/singleUseTable.js';

export function captchasRepo(db: PgDatabase): CaptchasRepo {
  return singleUseTable<CaptchaRow>(db, 'captchas', 'answer_hash');
}
