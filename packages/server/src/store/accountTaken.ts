import { GcisError } from '@gcis/core';

/** The fields of an account that no two accounts share (each a unique index in both stores). */
export type UniqueAccountField = 'account' | 'nationalId' | 'email';

/**
 * A unique index refusing an account (another process or instance won the race past the
 * caller's check), as the same error the check gives.
 */
export function accountTaken(field: UniqueAccountField, cause: unknown): GcisError {
  switch (field) {
    case 'account':
      return new GcisError('ERR_ACCOUNT_EXISTS', 'That account name is taken.', { cause });
    case 'nationalId':
      return new GcisError('ERR_NATIONAL_ID_TAKEN', 'That national ID already belongs to another account.', { cause });
    case 'email':
      return new GcisError('ERR_EMAIL_TAKEN', 'That e-mail address already belongs to another account.', { cause });
  }
}
