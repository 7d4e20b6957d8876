import type { GcisErrorCode } from '../errors.js';
import type { Locale } from './detectLocale.js';
import type { ErrorMessage } from './localizeError.js';

/**
 * Words for the error codes of core and of the server's API, for `localizeError`: what `gcis` and
 * `gcis-server` show instead of the English text of an error they did not word themselves. English
 * keeps the error's own text. Details worth keeping (a cause, a file) are passed in as `message`.
 */
/**
 * A network failure in words, keeping the parts people and search engines need: the server's
 * address and the system's reason code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…), which the
 * client puts in parentheses at the end of its English message.
 */
function networkFailure(message: string): string {
  const origin = /\b(https?:\/\/[^\s:/]+(?::\d+)?)/.exec(message)?.[1];
  const reason = /\(([A-Z][A-Z0-9_]{2,}[^)]*)\)\.?$/.exec(message)?.[1];
  const what = message.includes('broke off') ? '伺服器的回應中斷' : '無法連線到伺服器';
  return `${what}${origin ? ` ${origin}` : ''}（${reason ?? message}）`;
}

export const errorMessages: Record<Locale, Partial<Record<GcisErrorCode, ErrorMessage>>> = {
  en: {},
  'zh-TW': {
    ERR_INVALID_INPUT: () => '輸入的資料不正確',
    ERR_INVALID_NATIONAL_ID: () => '不是有效的身分證號或居留證號',
    ERR_PASSWORD_POLICY: () => '密碼不符合密碼原則',
    ERR_INVALID_SECRET: () => 'TOTP 金鑰格式不正確（應為 base32）',
    ERR_NOT_FOUND: () => '找不到要求的資料',
    ERR_LOGIN_FAILED: () => '登入失敗：帳號、密碼或驗證碼不正確，或暫時無法以密碼登入',
    ERR_CAPTCHA_REQUIRED: () => '伺服器要求輸入圖形驗證碼：請在終端機上登入，或稍後再試',
    ERR_CAPTCHA_INVALID: () => '圖形驗證碼不正確或已逾時',
    ERR_RATE_LIMITED: ({ retryAfterSeconds }) =>
      `嘗試次數過多，請稍後再試${retryAfterSeconds === undefined ? '' : `（約 ${retryAfterSeconds} 秒後）`}`,
    ERR_TOTP_REPLAY: () => '此驗證碼已使用過：請等候驗證器 App 顯示下一組',
    ERR_TOTP_STALE_VERSION: () => '此驗證碼來自舊版 QR Code：請重新掃描目前的 QR Code',
    ERR_TOTP_NOT_ENROLLED: () => '此帳號尚未設定 Google Authenticator',
    ERR_TOTP_NO_PENDING: () => '沒有待確認的 QR Code 版本：請先執行 gcis totp rebuild',
    ERR_TOTP_INVALID_CODE: () => '驗證碼不正確',
    ERR_CHECK_CODE_EXPIRED: () => '檢查碼已逾期：請管理者重新寄發',
    ERR_CHECK_CODE_NOT_ISSUED: () => '此帳號尚未寄發檢查碼（一日密碼未啟用）',
    ERR_UNAUTHENTICATED: () => '登入狀態已失效：請重新登入',
    ERR_STEP_UP_REQUIRED: () => '此操作需要最近以 TOTP、自然人憑證或行動自然人憑證登入',
    ERR_ACCOUNT_EXISTS: () => '帳號已存在',
    ERR_NO_ACCOUNT: () => '找不到此帳號',
    ERR_MAIL_FAILED: () => '無法寄出電子郵件',
    ERR_STORE_UNAVAILABLE: () => '伺服器的資料庫暫時無法使用，請稍後再試',
    ERR_NETWORK: ({ message }) => networkFailure(message),
    ERR_BAD_RESPONSE: ({ message }) => `伺服器回應異常（${message}）`,
    ERR_STORE_CORRUPT: ({ message }) => `權杖儲存檔已損壞，gcis 不會覆寫它：請修復或刪除後重新登入（${message}）`,
    ERR_STORE_LOCKED: () => '權杖儲存檔正被另一個 gcis 使用中，請稍後再試',
    ERR_TIMEOUT: () => '等候逾時',
    ERR_PIN_INCORRECT: () => 'PIN 碼錯誤',
    ERR_PIN_LOCKED: () => '卡片已鎖定',
    ERR_PIN_FORMAT: () => 'PIN 碼格式不正確',
    ERR_NO_CARD: ({ message }) => `找不到卡片（${message}）`,
    ERR_PKCS11_MODULE: ({ message }) => `無法載入 PKCS#11 模組（${message}）`,
    ERR_CARD_CERT_NOT_FOUND: () => '卡片中找不到所指定的憑證',
    ERR_HIPKI: ({ message }) => `HiPKI 本機服務錯誤（${message}）`,
    ERR_HIPKI_ORIGIN: () => 'HiPKI 本機服務拒絕此來源：請以 --hipki-origin 指定允許的來源',
    ERR_INTERNAL: () => '內部錯誤',
    ERR_AGENT: ({ message }) => `gcis agent 無法完成要求（${message}）`,
    ERR_CERT_UNTRUSTED: () => '伺服器不信任此憑證的簽發者',
    ERR_CERT_MALFORMED: () => '憑證格式不正確',
    ERR_CERT_PATH: () => '無法建立至信任根憑證的憑證路徑',
    ERR_CERT_SIGNATURE: () => '憑證簽章無效',
    ERR_CERT_EXPIRED: () => '憑證已過期',
    ERR_CERT_NOT_YET_VALID: () => '憑證尚未生效',
    ERR_CERT_USAGE: () => '憑證的金鑰用途不允許簽章',
    ERR_CERT_EXTENSION: () => '憑證含有無法處理的關鍵擴充欄位',
    ERR_CERT_POLICY: () => '憑證政策不符',
    ERR_CERT_NAME_CONSTRAINTS: () => '憑證名稱不符合名稱限制',
    ERR_CERT_REVOKED: () => '憑證已廢止',
    ERR_CRL_MISSING: () => '伺服器沒有此憑證簽發者的憑證廢止清冊（CRL）',
    ERR_CRL_STALE: () => '伺服器的憑證廢止清冊（CRL）已過期',
    ERR_CRL_INVALID: () => '憑證廢止清冊（CRL）無效',
    ERR_CRL_MALFORMED: () => '憑證廢止清冊（CRL）格式不正確',
    ERR_SIGNATURE_MALFORMED: () => '簽章格式不正確',
    ERR_SIGNATURE_INVALID: () => '簽章無效',
    ERR_CERT_PROFILE: () => '不是自然人憑證（憑證格式不符）',
    ERR_CHALLENGE_MISMATCH: () => '簽章內容與伺服器的挑戰不符',
    ERR_ORIGIN_MISMATCH: () => '簽章內容指定的是另一個伺服器',
    ERR_CHALLENGE_EXPIRED: () => '登入挑戰已逾時：請重新登入',
    ERR_CHALLENGE_UNKNOWN: () => '伺服器不認得此登入挑戰：請重新登入',
    ERR_CERT_BOUND: () => '此憑證已綁定到其他帳號',
    ERR_PUSH_NOT_CONFIGURED: () => '此伺服器未提供行動自然人憑證登入',
    ERR_PUSH_NO_DEVICE: () => '此身分證號沒有綁定行動自然人憑證的手機',
    ERR_PUSH_LIMIT: () => '行動自然人憑證登入請求過多，請稍後再試',
    ERR_PUSH_DENIED: () => '已在手機上拒絕登入',
    ERR_PUSH_EXPIRED: () => '行動自然人憑證登入請求已逾時',
    ERR_PUSH_REPLAY: () => '此手機回覆已使用過',
    ERR_PUSH_SIGNATURE: () => '手機回覆的簽章無效',
    ERR_PUSH_IDENTITY: () => '手機回覆的身分不符',
    ERR_PUSH_CHECKSUM: () => '行動自然人憑證服務的檢查值不符',
    ERR_PUSH_SERVICE: ({ message }) => `行動自然人憑證服務錯誤（${message}）`,
    ERR_PUSH_BINDING: () => '手機綁定失敗',
    ERR_NATIONAL_ID_TAKEN: () => '此身分證號已屬於另一個帳號',
    ERR_EMAIL_TAKEN: () => '此電子郵件地址已屬於另一個帳號',
    ERR_DATA_DIR: ({ message }) => `資料夾無法使用（${message}）`,
    ERR_DATA_DIR_PERMISSIONS: ({ message }) => `資料夾的權限不安全（${message}）`,
  },
};
