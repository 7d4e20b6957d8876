// What the phone simulator tells a person, in English and Traditional Chinese (zh-TW). The same
// keys in both: test/example-messages.test.ts checks it. Exit codes and error codes never change.

const en = {
  usage: `usage: gcis-phone bind --national-id ID --emulator URL [--name NAME] [--pkcs11-module PATH]
                       [--key-id HEX] [--card-chain FILE…]         (PIN: GCIS_PIN or asked)
       gcis-phone requests [--json]
       gcis-phone approve [--auto-approve CODE] [--wait SECONDS] [--replay-last]
       gcis-phone deny [--wait SECONDS]
common: --state DIR (else GCIS_PHONE_STATE, else ~/.gcis-phone), --lang en|zh-TW
exit codes: 0 done, 1 error, 2 usage, 3 nothing to answer in time, 4 wrong match code (denied)`,
  badId: '--national-id must be a valid national ID (A123456789)',
  needEmulator: '--emulator URL is required (gcis-server start --fido-emulator: <server>/fido-emulator)',
  bound: (name, maskedId, stateDir) => `Bound "${name}" to ${maskedId}; the emulator issued its mobile certificate. State: ${stateDir}`,
  noCertificate: (maskedId) => `no certificate on the card names the ID ${maskedId}`,
  card: (label, subject) => `Card: ${label} — ${subject}`,
  pin: 'Card PIN: ',
  nothing: 'Nothing is waiting.',
  noTerminal: 'no terminal to type the match code: use --auto-approve CODE',
  typeMatchCode: 'Type the match code shown where you are logging in: ',
  wrongCode: 'wrong match code: the request was denied',
  replayed: 'Answered with the previous signature (replay).',
  approved: 'Approved.',
  denied: 'Denied.',
  waitFlag: '--wait takes seconds',
  nothingAfter: (seconds) => `nothing to answer after ${seconds} s`,
  asks: (service, signing, maskedId, at, until) =>
    `${service} asks you to ${signing ? 'sign to log in' : 'authenticate'} for ${maskedId} (${at}, until ${until})`,
  unreachable: (origin, why) => `cannot reach the emulator at ${origin} (${why})`,
  refused: (message, code) => `the emulator refused: ${message} (${code})`,
  noDevice: (stateDir) => `no bound device in ${stateDir}: run "gcis-phone bind" first`,
};

/** @type {typeof en} */
const zhTW = {
  usage: `用法：gcis-phone bind --national-id 身分證號 --emulator 網址 [--name 名稱] [--pkcs11-module 路徑]
                      [--key-id HEX] [--card-chain 檔案…]         （PIN 碼：GCIS_PIN 或詢問）
      gcis-phone requests [--json]
      gcis-phone approve [--auto-approve 配對碼] [--wait 秒數] [--replay-last]
      gcis-phone deny [--wait 秒數]
共用：--state 資料夾（否則 GCIS_PHONE_STATE，否則 ~/.gcis-phone），--lang en|zh-TW
結束代碼：0 完成、1 錯誤、2 用法錯誤、3 時限內沒有要回覆的請求、4 配對碼錯誤（已拒絕）`,
  badId: '--national-id 須為有效的身分證號（A123456789）',
  needEmulator: '須提供 --emulator 網址（gcis-server start --fido-emulator：<伺服器>/fido-emulator）',
  bound: (name, maskedId, stateDir) => `已將「${name}」綁定到 ${maskedId}；模擬器已核發行動自然人憑證。狀態資料夾：${stateDir}`,
  noCertificate: (maskedId) => `卡片中沒有身分證號 ${maskedId} 的憑證`,
  card: (label, subject) => `卡片：${label} — ${subject}`,
  pin: '卡片 PIN 碼：',
  nothing: '沒有等候中的請求。',
  noTerminal: '沒有終端機可輸入配對碼：請使用 --auto-approve 配對碼',
  typeMatchCode: '請輸入登入畫面上顯示的配對碼：',
  wrongCode: '配對碼錯誤：已拒絕此請求',
  replayed: '已以上一次的簽章回覆（重送）。',
  approved: '已同意。',
  denied: '已拒絕。',
  waitFlag: '--wait 須為秒數',
  nothingAfter: (seconds) => `${seconds} 秒內沒有要回覆的請求`,
  asks: (service, signing, maskedId, at, until) =>
    `${service} 請您為 ${maskedId} ${signing ? '簽章以登入' : '進行身分驗證'}（${at}，有效至 ${until}）`,
  unreachable: (origin, why) => `無法連線到模擬器 ${origin}（${why}）`,
  refused: (message, code) => `模擬器拒絕：${message}（${code}）`,
  noDevice: (stateDir) => `${stateDir} 中沒有已綁定的裝置：請先執行「gcis-phone bind」`,
};

export const catalogues = { en, 'zh-TW': zhTW };
