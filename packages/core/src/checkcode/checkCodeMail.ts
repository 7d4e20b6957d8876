import type { MailMessage } from '../ports.js';
import { formatTaipeiTime } from './endOfTaipeiDay.js';

/** The check-code email, in Traditional Chinese then English. */
export function checkCodeMail({
  to,
  account,
  code,
  expiresAt,
}: {
  to: string;
  account: string;
  code: string;
  expiresAt: Date;
}): MailMessage {
  const until = `${formatTaipeiTime(expiresAt)} (Asia/Taipei)`;
  return {
    to,
    subject: 'GCIS 一日密碼檢查碼 / One-day password check code',
    text: [
      `帳號：${account}`,
      `檢查碼：${code}`,
      `有效期限：${until}`,
      '請於登入時輸入帳號、密碼及此檢查碼。商工行政服務入口網的人員絕不會向您索取此檢查碼，請勿提供給任何人。',
      '',
      `Account: ${account}`,
      `Check code: ${code}`,
      `Valid until: ${until}`,
      'Log in with your account, your password and this check code. Nobody from the portal will ever ask you for this code: do not give it to anyone.',
      '',
    ].join('\n'),
  };
}
