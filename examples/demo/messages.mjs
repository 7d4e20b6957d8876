// What the demo tells a person, in English and Traditional Chinese (zh-TW). The same keys in both:
// test/example-messages.test.ts checks it. The gcis and gcis-server commands it runs follow the same language.

const en = {
  createData: 'Create a server data folder (SQLite in WAL mode, secrets key 0600)',
  adminToken: (start) => `administrator token: ${start}… (for the /v1/admin routes)`,
  addAccount: 'Add the demo account and enrol its authenticator (the administrator bootstrap)',
  accountName: '示範帳號 Demo',
  totpUri: (uri) => `authenticator URI: ${uri}`,
  start: (port) => `Start gcis-server on 127.0.0.1:${port}`,
  startFree: (port) => `Start gcis-server on 127.0.0.1 (port ${port} is taken: a free port instead)`,
  portTaken: (port) => `port ${port} is taken: a free port instead`,
  listening: (url) => `listening on ${url}`,
  login: 'Log in with the authenticator, non-interactively (secrets from the environment, as in CI)',
  whoAmI: 'Who am I?',
  oneDay: 'One-day password (一日密碼): the administrator enables it, the check code is mailed to the outbox',
  mailWritten: (file) => `mail written to ${file}`,
  exec: 'Scripts reuse the session: gcis exec runs a command with GCIS_TOKEN set',
  tokenSeen: 'token seen by the script: ',
  leftRunning: (url) => `Server left running at ${url} — press Ctrl-C to stop it`,
  labels: { server: 'server', data: 'data', account: 'account', password: 'password', totpKey: 'TOTP key' },
  notPreferred: (port) => ` (not ${port}: use this URL in the README's commands)`,
  oathtool: (secret) => `(oathtool --totp -b ${secret} prints the current code)`,
  next: 'Next, in another terminal inside the repository (the demo session is already stored there):',
  loginComment: '# account demo, the password above, a code from the TOTP key',
  stopped: 'Server stopped.',
  done: 'Done. Run it again with --keep to keep the server up: npm run demo -- --keep',
  exited: (what, status) => `${what} exited with ${status}`,
};

/** @type {typeof en} */
const zhTW = {
  createData: '建立伺服器資料夾（WAL 模式的 SQLite、權限 0600 的機密金鑰）',
  adminToken: (start) => `管理者權杖：${start}…（供 /v1/admin 路由使用）`,
  addAccount: '新增示範帳號並設定其驗證器（管理者初始設定）',
  accountName: '示範帳號 Demo',
  totpUri: (uri) => `驗證器 URI：${uri}`,
  start: (port) => `在 127.0.0.1:${port} 啟動 gcis-server`,
  startFree: (port) => `在 127.0.0.1 啟動 gcis-server（連接埠 ${port} 已被使用：改用空閒的連接埠）`,
  portTaken: (port) => `連接埠 ${port} 已被使用：改用空閒的連接埠`,
  listening: (url) => `監聽於 ${url}`,
  login: '以驗證器非互動登入（機密資料來自環境變數，與 CI 相同）',
  whoAmI: '目前登入的是誰？',
  oneDay: '一日密碼：管理者啟用後，檢查碼以電子郵件寄到寄件匣',
  mailWritten: (file) => `郵件已寫入 ${file}`,
  exec: '指令稿重複使用登入狀態：gcis exec 在設定 GCIS_TOKEN 後執行指令',
  tokenSeen: '指令稿看到的權杖：',
  leftRunning: (url) => `伺服器仍在 ${url} 執行 — 按 Ctrl-C 停止`,
  labels: { server: '伺服器', data: '資料夾', account: '帳號', password: '密碼', totpKey: 'TOTP 金鑰' },
  notPreferred: (port) => `（不是 ${port}：README 中的指令請改用此網址）`,
  oathtool: (secret) => `（oathtool --totp -b ${secret} 會印出目前的驗證碼）`,
  next: '接著，在儲存庫內的另一個終端機中（示範的登入狀態已儲存）：',
  loginComment: '# 帳號 demo、上方的密碼、TOTP 金鑰產生的驗證碼',
  stopped: '伺服器已停止。',
  done: '完成。加上 --keep 再執行一次可讓伺服器繼續執行：npm run demo -- --keep',
  exited: (what, status) => `${what} 結束，結束代碼 ${status}`,
};

export const catalogues = { en, 'zh-TW': zhTW };
