// The token playground. Plain script, no dependencies: it runs under the page's Content-Security-Policy, which allows
// this file and requests to the gateway that served it, nothing else. Everything shown is set with textContent.
'use strict';

(function () {
  const MAX_RESULTS = 20;
  const MAX_MESSAGES = 50;

  // The token is kept in this closure only, never in web storage or a cookie: reloading the page forgets it.
  let token = null;
  let expiresAt = null;          // ms since the epoch, from the exp claim
  let countdown = null;          // the interval that updates the countdown
  let calls = 0;
  let socket = null;             // the live connection, while one is open or opening
  let socketWasOpen = false;     // whether that connection got as far as open

  const byId = (id) => document.getElementById(id);
  const tokenButtons = () => document.querySelectorAll('[data-auth="token"]');

  // --- Decoding (not verifying) -------------------------------------------------------------------------------------

  // RFC 7515 §2: base64url without padding, of UTF-8 JSON (RFC 7519 §7.2).
  function decodePart(part) {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  }

  function tryDecode(part) {
    try {
      return { value: decodePart(part) };
    } catch (e) {
      return { error: 'Not base64url-encoded UTF-8 JSON' };
    }
  }

  function showJson(element, decoded) {
    element.textContent = decoded.error || JSON.stringify(decoded.value, null, 2);
  }

  function useToken(newToken) {
    token = newToken;
    const parts = token.split('.');
    byId('token-header').textContent = parts[0] || '';
    byId('token-payload').textContent = parts[1] || '';
    byId('token-signature').textContent = parts[2] || '';
    const claims = tryDecode(parts[1] || '');
    showJson(byId('decoded-header'), tryDecode(parts[0] || ''));
    showJson(byId('decoded-claims'), claims);
    const exp = claims.value && claims.value.exp;
    expiresAt = typeof exp === 'number' ? exp * 1000 : null;

    byId('revoked-note').hidden = true;
    byId('expiry-status').textContent = '';
    byId('token-section').hidden = false;
    tokenButtons().forEach((button) => { button.disabled = false; });
    byId('revoke').disabled = false;
    updateSocketControls();
    clearInterval(countdown);
    tick();
    countdown = setInterval(tick, 1000);
    return claims.value || {};
  }

  // --- Countdown to exp ---------------------------------------------------------------------------------------------

  function duration(seconds) {
    const minutes = Math.floor(seconds / 60);
    return minutes > 0 ? minutes + ' min ' + (seconds % 60) + ' s' : seconds + ' s';
  }

  function tick() {
    const element = byId('countdown');
    if (expiresAt === null) {
      element.textContent = 'This token has no exp claim.';
      return;
    }
    const at = new Date(expiresAt).toLocaleTimeString();
    const left = expiresAt - Date.now();
    const expired = left <= 0;
    element.textContent = expired
      ? 'Expired ' + duration(Math.floor(-left / 1000)) + ' ago (exp ' + at + ')'
      : 'Expires in ' + duration(Math.ceil(left / 1000)) + ' (exp ' + at + ')';
    element.classList.toggle('expired', expired);
    if (expired && byId('expiry-status').textContent === '') {
      byId('expiry-status').textContent = 'The token has expired.';
    }
  }

  // --- Requests and their results -----------------------------------------------------------------------------------

  // Relative URLs only: every request goes to the gateway that served this page.
  async function send(method, path, headers, body, label) {
    let response;
    let text;
    try {
      response = await fetch(path, {
        method: method, headers: headers, body: body,
        cache: 'no-store', credentials: 'omit', redirect: 'error'
      });
      text = await response.text();
    } catch (e) {
      showResult(method, path, label, null, 'The gateway could not be reached.');
      return null;
    }
    showResult(method, path, label, response, text);
    return { response: response, text: text };
  }

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  function formatBody(response, text) {
    if (text === '') {
      return '(empty body)';
    }
    const type = response.headers.get('Content-Type') || '';
    const json = type.includes('json') ? parseJson(text) : null;
    return json === null ? text : JSON.stringify(json, null, 2);
  }

  function element(tag, className, text) {
    const created = document.createElement(tag);
    if (className) {
      created.className = className;
    }
    if (text !== undefined) {
      created.textContent = text;
    }
    return created;
  }

  function addField(list, name, className, value) {
    list.append(element('dt', null, name), element('dd', className, value));
  }

  function showResult(method, path, label, response, text) {
    calls += 1;
    const item = element('li', 'result');
    const title = element('h3');
    title.append(element('span', 'seq', '#' + calls), ' ' + method + ' ' + path + ' ',
      element('span', 'label', label));
    const fields = element('dl');
    if (response === null) {
      item.dataset.status = 'error';
      addField(fields, 'Status', 'status status-error', text);
      item.append(title, fields);
    } else {
      item.dataset.status = String(response.status);
      const kind = response.ok ? 'status-ok' : 'status-error';
      addField(fields, 'Status', 'status ' + kind, (response.status + ' ' + response.statusText).trim());
      addField(fields, 'WWW-Authenticate', 'www-authenticate',
        response.headers.get('WWW-Authenticate') || '(none)');
      const requestId = response.headers.get('X-Request-Id');
      if (requestId) {
        addField(fields, 'X-Request-Id', 'request-id', requestId);
      }
      const body = element('pre', 'body', formatBody(response, text));
      body.tabIndex = 0;
      item.append(title, fields, element('p', 'body-label', 'Body'), body);
    }
    const results = byId('results');
    results.prepend(item);
    while (results.children.length > MAX_RESULTS) {
      results.lastElementChild.remove();
    }
    byId('no-results').hidden = true;
  }

  // --- The live connection ------------------------------------------------------------------------------------------

  // This page's own origin with the scheme swapped (http to ws, https to wss). A browser's WebSocket cannot send an
  // Authorization header, so the token goes in the query as access_token (RFC 6750 §2.3).
  function socketUrl(path) {
    const url = new URL(path, location.href);
    url.protocol = url.protocol.replace('http', 'ws');
    url.search = '?access_token=' + encodeURIComponent(token);
    return url.href;
  }

  function updateSocketControls() {
    const state = socket === null ? WebSocket.CLOSED : socket.readyState;
    byId('ws-open').disabled = token === null || state !== WebSocket.CLOSED;
    byId('ws-close').disabled = state !== WebSocket.CONNECTING && state !== WebSocket.OPEN;
    byId('ws-input').disabled = state !== WebSocket.OPEN;
    byId('ws-send').disabled = state !== WebSocket.OPEN;
  }

  function socketStatus(message) {
    byId('ws-status').textContent = message;
  }

  function openSocket() {
    byId('ws-messages').replaceChildren();
    socketWasOpen = false;
    socket = new WebSocket(socketUrl(byId('ws-open').dataset.wsPath));
    socket.addEventListener('open', socketOpened);
    socket.addEventListener('message', messageReceived);
    socket.addEventListener('close', socketClosed);
    socketStatus('connecting…');
    updateSocketControls();
  }

  function socketOpened() {
    socketWasOpen = true;
    socketStatus('open');
    updateSocketControls();
    byId('ws-input').focus();
  }

  function messageReceived(event) {
    const messages = byId('ws-messages');
    messages.append(element('li', null, String(event.data)));
    while (messages.children.length > MAX_MESSAGES) {
      messages.firstElementChild.remove();
    }
  }

  // A refused upgrade (a 401 from the gateway) never opens and reaches the page only as 1006, with no reason.
  function socketClosed(event) {
    socketStatus('closed: ' + event.code + (event.reason ? ' ' + event.reason : '')
      + (socketWasOpen ? '' : ' (never opened: refused, or the gateway could not be reached)'));
    socket = null;
    updateSocketControls();
  }

  function sendMessage(event) {
    event.preventDefault();
    const input = byId('ws-input');
    if (socket === null || socket.readyState !== WebSocket.OPEN || input.value === '') {
      return;
    }
    socket.send(input.value);
    input.value = '';
    input.focus();
  }

  function closeSocket() {
    if (socket !== null) {
      socket.close(1000);        // 1000, normal closure (RFC 6455 §7.4.1): without a code the backend sees 1005
    }
  }

  // --- The steps ----------------------------------------------------------------------------------------------------

  function status(message) {
    byId('key-status').textContent = message;
  }

  async function getToken(event) {
    event.preventDefault();
    const key = byId('api-key').value;
    if (key === '') {
      status('Enter an API key first.');
      byId('api-key').focus();
      return;
    }
    status('Asking the gateway for a token…');
    const result = await send('POST', '/api/v3/auth', { 'Content-Type': 'application/json' },
      JSON.stringify({ 'api-key': key }), 'with the API key');
    if (result === null) {
      status('No token: the gateway could not be reached.');
      return;
    }
    const parsed = parseJson(result.text);
    const data = parsed && parsed.data;
    if (result.response.ok && data && typeof data.token === 'string') {
      const claims = useToken(data.token);
      status('Got a token for ' + (claims.sub || 'an unnamed subject') + '.');
    } else {
      status('No token: ' + ((data && data.message) || 'status ' + result.response.status) + '.');
    }
  }

  function call(event) {
    const button = event.currentTarget;
    const withToken = button.dataset.auth === 'token';
    const headers = withToken ? { Authorization: 'Bearer ' + token } : {};
    send('GET', button.dataset.path, headers, null, withToken ? 'with the token' : 'without a token');
  }

  async function revoke() {
    const result = await send('POST', '/api/v3/auth/revoke', { Authorization: 'Bearer ' + token }, null,
      'with the token');
    if (result !== null && result.response.ok) {
      byId('revoked-note').hidden = false;
      byId('revoke').disabled = true;
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    byId('key-form').addEventListener('submit', getToken);
    document.querySelectorAll('[data-path]').forEach((button) => button.addEventListener('click', call));
    byId('revoke').addEventListener('click', revoke);
    byId('ws-open').addEventListener('click', openSocket);
    byId('ws-form').addEventListener('submit', sendMessage);
    byId('ws-close').addEventListener('click', closeSocket);
  });
}());
