/**
 * The page the portal opens in a pop-up (`/popupForm`): it asks its opener for the request with
 * `{"func":"getTbs"}`, takes the first JSON request that opener posts back, runs it against this
 * server's own API — naming the opener's origin, which the browser vouches for in the message
 * event — posts the raw reply text to that origin only, and closes. The server decides whether
 * the origin is allowed; a refused page gets the forbidden-origin code. Its few words follow the
 * browser's language (zh-TW, zh-Hant, zh-HK: 正體中文), as the portal's pages are read in a browser.
 */
export function popupFormPage(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gcis local sign server</title></head>
<body><p id="status">Waiting for the page that opened this window…</p>
<script nonce="${nonce}">
(() => {
  const status = document.getElementById('status');
  const zh = (navigator.languages || [navigator.language]).some((tag) => /^zh-(TW|Hant|HK|MO)/i.test(tag));
  const say = zh
    ? { waiting: '等候開啟此視窗的網頁…', noOpener: '此頁面只能由網頁開啟。', signing: '簽章請求來自 ' }
    : { waiting: 'Waiting for the page that opened this window…', noOpener: 'This page works only when a web page opens it.', signing: 'Signing request from ' };
  if (zh) document.documentElement.lang = 'zh-TW';
  status.textContent = say.waiting;
  const routes = { MakeSignature: '/sign', pkcs11info: '/pkcs11info', GetUserCert: '/getUserCert', CheckEnvir: '/checkEnvir' };
  if (!window.opener) { status.textContent = say.noOpener; return; }
  let handled = false;
  window.addEventListener('message', async (event) => {
    if (handled || event.source !== window.opener) return;
    let request;
    try { request = typeof event.data === 'string' ? JSON.parse(event.data) : event.data; } catch { return; }
    if (!request || typeof request.func !== 'string' || !(request.func in routes)) return;
    handled = true;
    status.textContent = say.signing + event.origin;
    const query = request.func === 'pkcs11info' ? '?withcert=' + (request.withcert === false || request.withcert === 'false' ? 'false' : 'true') : '';
    const body = new URLSearchParams({ tbsPackage: JSON.stringify(request), openerOrigin: event.origin });
    let text;
    try {
      text = await (await fetch(routes[request.func] + query, { method: 'POST', body })).text();
    } catch {
      text = JSON.stringify({ func: request.func, ret_code: 0x76100001 | 0, last_error: 0 });
    }
    event.source.postMessage(text, event.origin);
    window.close();
  });
  window.opener.postMessage(JSON.stringify({ func: 'getTbs' }), '*');
})();
</script></body></html>
`;
}
