/**
 * The page the portal opens in a pop-up (`/popupForm`): it asks its opener for the request with
 * `{"func":"getTbs"}`, takes the first JSON request that opener posts back, runs it against this
 * server's own API — naming the opener's origin, which the browser vouches for in the message
 * event — posts the raw reply text to that origin only, and closes. The server decides whether
 * the origin is allowed; a refused page gets the forbidden-origin code.
 */
export function popupFormPage(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gcis local sign server</title></head>
<body><p id="status">Waiting for the page that opened this window…</p>
<script nonce="${nonce}">
(() => {
  const status = document.getElementById('status');
  const routes = { MakeSignature: '/sign', pkcs11info: '/pkcs11info', GetUserCert: '/getUserCert', CheckEnvir: '/checkEnvir' };
  if (!window.opener) { status.textContent = 'This page works only when a web page opens it.'; return; }
  let handled = false;
  window.addEventListener('message', async (event) => {
    if (handled || event.source !== window.opener) return;
    let request;
    try { request = typeof event.data === 'string' ? JSON.parse(event.data) : event.data; } catch { return; }
    if (!request || typeof request.func !== 'string' || !(request.func in routes)) return;
    handled = true;
    status.textContent = 'Signing request from ' + event.origin;
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
