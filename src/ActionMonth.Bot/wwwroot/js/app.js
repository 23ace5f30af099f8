// The chat page: connects Bot Framework Web Chat (lib/webchat.js) to the Direct Line the server names, and adds
// the quick exit, the urgent-help button and the citation list under answers. No inline script anywhere (CSP).
'use strict';

(function () {
  const STORAGE_KEY = 'actionmonth.chat';
  const URGENT_HELP_TEXT = 'Tôi cần giúp đỡ ngay';
  const body = document.body;
  const quickExitUrl = body.dataset.quickExitUrl || 'https://www.google.com/';
  const styleNonce = body.dataset.styleNonce || undefined;
  const status = document.getElementById('chat-status');
  const urgentButton = document.getElementById('urgent-help');
  let directLine = null;
  let session = null;

  // ---- Quick exit: forget what this page stored, blank it at once, and replace it in the tab's history. ----
  function quickExit() {
    body.classList.add('exiting');
    document.title = '';
    try { sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { localStorage.clear(); } catch (e) { /* idem */ }
    try { if (directLine) directLine.end(); } catch (e) { /* already closed */ }
    window.location.replace(quickExitUrl);
  }

  document.getElementById('quick-exit').addEventListener('click', quickExit);
  let lastEscape = 0;
  // Capture phase, so Web Chat's own Escape handling cannot swallow it.
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    const now = Date.now();
    if (now - lastEscape < 1000) {
      event.preventDefault();
      quickExit();
    }
    lastEscape = now;
  }, true);

  function setStatus(text, isError) {
    status.textContent = text || '';
    status.classList.toggle('chat__status--error', !!isError);
  }

  // ---- The session: only the token and conversation id, in sessionStorage (gone when the tab closes). ----
  function readSaved() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.domain && saved.token && saved.conversationId ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function save(value) {
    try { sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value)); } catch (e) { /* private mode: no resume */ }
    return value;
  }

  async function postJson(url, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(url, { method: 'POST', headers: headers, body: '{}', credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  }

  // Resumes the tab's conversation after a reload, else asks the server for a new one. Our own Direct Line starts
  // the conversation (and the bot's welcome) with the token, so Web Chat then simply reconnects to it.
  async function connect() {
    const saved = readSaved();
    if (saved) {
      try {
        const refreshed = await postJson(saved.domain + '/tokens/refresh', saved.token);
        return save(Object.assign({}, saved, { token: refreshed.token, started: true }));
      } catch (e) {
        try { sessionStorage.removeItem(STORAGE_KEY); } catch (e2) { /* ignore */ }
      }
    }
    const created = await postJson('/api/webchat/token');
    return save({
      domain: new URL(created.domain, window.location.origin).href.replace(/\/$/, ''),
      token: created.token,
      conversationId: created.conversationId,
      pollingInterval: created.pollingInterval || 1000,
      started: !!created.started
    });
  }

  // ---- Citations: the bot marks each cited provision with an actionmonth/citation entity. The page lists them under
  // the answer with Web Chat's own reference list (markdown link definitions, shown open), each a button that opens
  // a short note about the source (the message's schema.org Claims, whose appearance Web Chat shows in a dialog). ----
  function citationLabel(entity) {
    let label = 'Văn bản ' + entity.doc + ', Điều ' + entity.article;
    if (entity.clause !== null && entity.clause !== undefined) label += ', khoản ' + entity.clause;
    return label;
  }

  function withCitations(activity) {
    if (!activity || activity.type !== 'message' || !activity.from || activity.from.role !== 'bot') return activity;
    const citations = (activity.entities || []).filter(function (e) {
      return e && e.type === 'actionmonth/citation' && e.doc && e.article;
    });
    if (!citations.length) return activity;
    const definitions = citations.map(function (c, index) {
      return '[' + (index + 1) + ']: cite:' + (index + 1) + ' "' + citationLabel(c).replace(/"/g, "'") + '"';
    });
    const claims = citations.map(function (c, index) {
      return {
        '@type': 'Claim',
        type: 'https://schema.org/Claim',
        position: index + 1,
        name: citationLabel(c),
        appearance: {
          '@type': 'DigitalDocument',
          name: citationLabel(c),
          text: 'Câu trả lời này dựa trên **' + citationLabel(c) + '**.\n\n' +
            'Muốn đọc lời văn chính thức, hãy bấm nút “Xem nguyên văn” dưới câu trả lời, nếu có.'
        }
      };
    });
    return Object.assign({}, activity, {
      text: (activity.text || '') + '\n\n' + definitions.join('\n'),
      entities: (activity.entities || []).concat([{
        '@context': 'https://schema.org',
        '@id': '',
        '@type': 'Message',
        type: 'https://schema.org/Message',
        citation: claims
      }])
    });
  }

  function storeMiddleware() {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity) {
          action = Object.assign({}, action, {
            payload: Object.assign({}, action.payload, { activity: withCitations(action.payload.activity) })
          });
        } else if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          setStatus('');
          urgentButton.disabled = false;
        } else if (action.type === 'DIRECT_LINE/CONNECT_REJECTED' || action.type === 'DIRECT_LINE/DISCONNECT_FULFILLED') {
          urgentButton.disabled = true;
        }
        return next(action);
      };
    };
  }

  const styleOptions = {
    accent: '#0b57d0',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
    backgroundColor: '#ffffff',
    bubbleBackground: '#eef2f8',
    bubbleBorderWidth: 0,
    bubbleBorderRadius: 14,
    bubbleTextColor: '#1b1b1f',
    bubbleFromUserBackground: '#0b57d0',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderWidth: 0,
    bubbleFromUserBorderRadius: 14,
    bubbleMinWidth: 0,
    bubbleMaxWidth: 640,
    bubbleMinHeight: 44,
    hideUploadButton: true,
    sendBoxHeight: 56,
    sendBoxButtonColor: '#0b57d0',
    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 22,
    suggestedActionBorderColor: '#0b57d0',
    suggestedActionBorderWidth: 2,
    suggestedActionTextColor: '#08408f',
    suggestedActionBackgroundColor: '#ffffff',
    subtle: '#44474e',
    notificationText: '#44474e',
    timestampColor: '#44474e',
    paddingRegular: 10
  };

  const strings = {
    TEXT_INPUT_PLACEHOLDER: 'Gõ câu hỏi ở đây…',
    TEXT_INPUT_ALT: 'Ô gõ câu hỏi',
    REFERENCE_LIST_HEADER_ONE: 'Nguồn',
    REFERENCE_LIST_HEADER_TWO: 'Nguồn',
    REFERENCE_LIST_HEADER_FEW: 'Nguồn',
    REFERENCE_LIST_HEADER_MANY: 'Nguồn',
    REFERENCE_LIST_HEADER_OTHER: 'Nguồn',
    CITATION_MODEL_DIALOG_ALT: 'Nguồn của câu trả lời'
  };

  async function start(connecting) {
    if (!window.WebChat) {
      setStatus('Không tải được ô trò chuyện. Nếu cần giúp ngay, hãy gọi 111.', true);
      return;
    }
    try {
      session = await connecting;
    } catch (e) {
      setStatus('Chưa kết nối được. Hãy thử tải lại trang. Nếu cần giúp ngay, hãy gọi 111.', true);
      return;
    }
    const options = {
      domain: session.domain,
      token: session.token,
      webSocket: false,
      pollingInterval: session.pollingInterval
    };
    if (session.started) options.conversationId = session.conversationId;
    directLine = window.WebChat.createDirectLine(options);

    // DirectLineJS refreshes the token itself every 15 minutes; keep the latest for a reload.
    window.addEventListener('pagehide', function () {
      if (directLine && directLine.token && session && !body.classList.contains('exiting')) {
        save(Object.assign({}, session, { token: directLine.token, started: true }));
      }
    });

    const store = window.WebChat.createStore({}, storeMiddleware);
    urgentButton.addEventListener('click', function () {
      store.dispatch({
        type: 'WEB_CHAT/SEND_MESSAGE_BACK',
        payload: { text: URGENT_HELP_TEXT, displayText: URGENT_HELP_TEXT, value: { action: 'urgent-help' } }
      });
    });

    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      locale: 'vi-VN',
      nonce: styleNonce,
      styleOptions: styleOptions,
      overrideLocalizedStrings: strings
    }, document.getElementById('webchat'));
  }

  // Connect now; render once Web Chat's bundle (the deferred script after this one) has run, which is before
  // DOMContentLoaded. A deferred script runs while readyState is already "interactive", so wait for the event.
  const connecting = connect();
  connecting.catch(function () { /* reported by start() */ });
  if (document.readyState === 'complete') {
    start(connecting);
  } else {
    document.addEventListener('DOMContentLoaded', function () { start(connecting); }, { once: true });
  }
})();
