/* Cultuur-DNA, the participant's phone (phone/API.md). The page only shows what the server
   says: State and Mine from the boot data, the API replies and the `state` events. Text from
   users and the server goes in with textContent only, never innerHTML. */
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const Q = ['current', 'desired'];
  const boot = (() => { try { return JSON.parse($('boot').textContent) || {}; } catch (e) { return {}; } })();
  const T = boot.texts || {};
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const joinForm = $('join'), codeIn = $('code'), joinMsg = $('join-msg'), ws = $('ws'), conn = $('conn');
  let code = null, S = null, M = mine(null);
  let es = null, retry = 0, timer = 0;
  let W = null, A = null, V = null; // the workshop's sections, the answers, the ballot
  let picks = {}, lastA = null, lastB = null, busyA = false, busyB = false, sentA = false, sentB = false;
  let resKey = '', wasOpen = true;

  document.documentElement.classList.add('js');

  function mine(m) {
    m = m || {};
    const a = m.answers || {};
    return { answers: { current: a.current || [], desired: a.desired || [] }, team: m.team || null, ballot: m.ballot || {} };
  }

  // {name} placeholders; a table {one, other} picks "one" when n (or seconds) is 1.
  function t(key, p) {
    p = p || {};
    let s = T[key];
    if (s == null) return '';
    if (typeof s === 'object') s = (has(p, 'n') ? p.n : p.seconds) === 1 ? s.one : s.other;
    return String(s).replace(/\{(\w+)\}/g, (m, k) => (has(p, k) && p[k] != null ? String(p[k]) : m));
  }

  function el(tag, a, ...kids) {
    const e = document.createElement(tag);
    for (const k in a || {}) {
      const v = a[k];
      if (v == null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (typeof v === 'function') e.addEventListener(k, v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    e.append(...kids.filter((c) => c != null));
    return e;
  }

  function say(box, lines, kind) {
    box.textContent = '';
    box.className = 'msg' + (lines.length ? ' ' + (kind || 'info') : '');
    for (const l of lines) box.append(el('p', { text: l }));
  }

  function note(p, s) { if (p.textContent !== s) p.textContent = s; }

  function newId() {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  }

  async function api(path, body) {
    const opt = { credentials: 'same-origin', cache: 'no-store' };
    if (body) Object.assign(opt, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    let r, data = null;
    try { r = await fetch(path, opt); } catch (e) { return { error: 'offline' }; }
    try { data = await r.json(); } catch (e) { /* not JSON: a proxy's page */ }
    if (r.ok && data) return { data };
    if (data && typeof data.error === 'string') return { error: data.error, params: data.params || {}, status: r.status };
    return { error: 'server', status: r.status };
  }

  function problem(r) {
    const k = 'err_' + r.error;
    return T[k] != null ? t(k, r.params) : t('err_server');
  }

  const base = () => '/api/w/' + encodeURIComponent(code);

  function href(c, lang) {
    const q = new URLSearchParams();
    if (c) q.set('code', c);
    if (lang) q.set('lang', lang);
    const s = q.toString();
    return '/' + (s ? '?' + s : '');
  }

  function setCode(c) {
    code = c;
    history.replaceState(null, '', href(c, new URLSearchParams(location.search).get('lang')));
    $('other').href = href(c, T.other_language_code);
  }

  // Rebuild a part of the page without losing the field or button the person is in.
  function keepFocus(fn) {
    const a = document.activeElement, id = a && a.id;
    let s = null, e = null;
    try { s = a.selectionStart; e = a.selectionEnd; } catch (x) { /* not a text field */ }
    fn();
    const b = id && $(id);
    if (b && b !== document.activeElement) {
      b.focus({ preventScroll: true });
      try { if (s != null) b.setSelectionRange(s, e); } catch (x) { /* not a text field */ }
    }
  }

  // A section that appears above the field the person types in must not move that field away.
  function steady(fn) {
    const a = document.activeElement, top = a && a !== document.body ? a.getBoundingClientRect().top : null;
    fn();
    if (top != null && document.activeElement === a) window.scrollBy(0, a.getBoundingClientRect().top - top);
  }

  // -- joining
  let busyJ = false;
  joinForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busyJ) return;
    busyJ = true;
    say(joinMsg, []);
    const r = await api('/api/join', { code: codeIn.value.trim() });
    busyJ = false;
    if (r.data) {
      enter(r.data);
      $('h1').focus();
    } else {
      say(joinMsg, [problem(r)], 'err');
      joinMsg.focus();
    }
  });

  function enter(d) {
    S = d.state;
    M = mine(d.mine);
    W = null;
    picks = {};
    lastA = lastB = null;
    sentA = sentB = false;
    setCode(d.code || S.code);
    render();
    connect();
  }

  function leave() {
    if (es) es.close();
    es = null;
    clearTimeout(timer);
    S = null;
    W = null;
    ws.textContent = '';
    conn.hidden = true;
    setCode(null);
    codeIn.value = '';
    say(joinMsg, []);
    render();
    codeIn.focus();
  }

  // -- live updates
  function connect() {
    if (es) es.close();
    es = null;
    clearTimeout(timer);
    if (!code || !S || S.gone || !window.EventSource) return;
    const src = new EventSource(base() + '/events');
    es = src;
    src.addEventListener('state', (e) => {
      if (es !== src) return;
      conn.hidden = true;
      retry = 0;
      let s = null;
      try { s = JSON.parse(e.data); } catch (x) { return; }
      if (!s || typeof s !== 'object') return;
      S = s;
      steady(render);
    });
    src.onerror = () => {
      if (es !== src) return;
      conn.hidden = false;
      if (src.readyState === 2) { // the server refused: ask again later ourselves
        es = null;
        later();
      }
    };
  }

  function later() { timer = setTimeout(recover, Math.min(30000, 1000 * 2 ** Math.min(retry++, 5))); }

  async function recover() {
    if (!code || es || (S && S.gone)) return;
    const c = code;
    const r = await api(base());
    if (code !== c || es) return;
    if (r.data) {
      S = r.data.state;
      M = mine(r.data.mine);
      render();
      connect();
    } else if (r.status === 404) {
      S = { code, gone: true };
      conn.hidden = true;
      render();
    } else later();
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && code && !es && S && !S.gone) {
      clearTimeout(timer);
      recover();
    }
  });

  // -- the page
  function skeleton() {
    ws.textContent = '';
    W = {
      gone: el('p', { class: 'note', 'aria-live': 'polite' }),
      timer: el('p', { class: 'timer', role: 'timer', hidden: true }),
      vote: el('section', { class: 'card vote', 'aria-labelledby': 'vote-h', click: onDot }),
      res: el('section', { class: 'res', 'aria-live': 'polite', tabindex: '-1' }),
      ans: el('section', { class: 'card ans' }),
      coming: el('p', { class: 'note' }),
    };
    A = {
      head: el('h2', { text: t('vote_answers_heading') }),
      note: el('p', { class: 'note', 'aria-live': 'polite', tabindex: '-1' }),
      fields: el('div'),
      unsent: el('p', { class: 'unsent', text: t('join_unsaved') }),
      btn: el('button', { type: 'submit', class: 'primary' }),
      msg: el('div', { class: 'msg', 'aria-live': 'polite', tabindex: '-1' }),
      inputs: { current: [], desired: [] },
      team: null,
      key: '',
    };
    A.form = el('form', { novalidate: true, submit: onSubmit, input: onInput, change: onInput, keydown: onKey },
      A.fields, A.unsent, A.btn, A.msg);
    W.ans.append(A.head, A.note, A.form);
    V = null;
    resKey = '';
    wasOpen = true;
    ws.append(W.gone, W.timer, W.vote, W.res, W.ans, W.coming,
      el('p', { class: 'again' }, el('button', { type: 'button', class: 'link', click: leave, text: t('join_other_code') })));
  }

  function render() {
    const inWs = !!(code && S);
    const title = inWs && !S.gone && S.title ? S.title : '';
    joinForm.hidden = inWs;
    ws.hidden = !inWs;
    note($('h1'), title || t('join_title'));
    note($('org'), (title && S.organisation) || '');
    document.title = title ? title + ' · ' + t('page_title') : t('page_title');
    if (!inWs) return;
    if (!W) skeleton();
    const gone = !!S.gone;
    note(W.gone, gone ? t('gone') : '');
    if (gone && es) { es.close(); es = null; conn.hidden = true; }
    W.vote.hidden = gone || S.voting !== 'open';
    if (!W.vote.hidden) renderVote();
    W.res.hidden = gone || S.voting !== 'closed';
    if (!W.res.hidden) renderResult();
    if (gone) W.ans.hidden = true;
    else renderAnswers();
    renderTimer(gone ? null : S.timer_ends);
    note(W.coming, !gone && S.voting === 'none' && count() ? t('vote_coming') : '');
  }

  // -- the facilitator's countdown: to the end the server gave, on this phone's clock
  let ticking = null;
  function renderTimer(ends) {
    clearInterval(ticking);
    ticking = null;
    W.timer.hidden = !ends;
    if (!ends) return;
    const tick = () => {
      const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      const time = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
      note(W.timer, left ? t('timer', { time }) : t('timer_done'));
      if (!left) { clearInterval(ticking); ticking = null; }
    };
    tick();
    ticking = setInterval(tick, 1000);
  }

  // -- answers
  const count = () => Q.reduce((n, q) => n + M.answers[q].filter((a) => a).length, 0);
  const teams = () => (S.teams && S.teams.length ? S.teams : null);

  function raw() {
    const f = { answers: {}, team: A.team ? A.team.value || null : null };
    for (const q of Q) f.answers[q] = A.inputs[q].map((i) => i.value);
    return f;
  }
  function tidy(f) {
    const o = { answers: {}, team: teams() ? f.team || null : null };
    for (const q of Q) o.answers[q] = (f.answers[q] || []).map((a) => String(a).trim()).filter((a) => a);
    return o;
  }
  const payload = () => tidy(raw());
  const savedKey = () => JSON.stringify(tidy(M));
  const dirtyA = () => !!A.key && JSON.stringify(payload()) !== savedKey();

  function fill(f, onlyEmpty) {
    for (const q of Q) {
      A.inputs[q].forEach((inp, i) => {
        const v = (f.answers[q] || [])[i] || '';
        if (!onlyEmpty || (!inp.value && v)) inp.value = v;
        hint(inp);
      });
    }
    if (A.team && (!onlyEmpty || !A.team.value)) A.team.value = f.team && teams().indexOf(f.team) >= 0 ? f.team : '';
  }

  const dkey = () => 'dna_draft_' + code;
  function saveDraft() {
    try {
      if (dirtyA()) sessionStorage.setItem(dkey(), JSON.stringify({ base: savedKey(), f: raw() }));
      else sessionStorage.removeItem(dkey());
    } catch (e) { /* no storage: no draft */ }
  }
  function applyDraft() {
    let d = null;
    try { d = JSON.parse(sessionStorage.getItem(dkey())); } catch (e) { /* none */ }
    if (d && d.f && d.f.answers) fill(d.f, d.base !== savedKey()); // saved elsewhere since: fill gaps only
  }

  function hint(inp) {
    const max = S.max_chars || 120, used = Array.from(inp.value.trim()).length;
    const h = inp.nextElementSibling;
    note(h, used > max ? t('join_too_long', { max_chars: max }) : '');
    note(h.nextElementSibling, used > max - 20 ? t('join_count', { used, max_chars: max }) : '');
    inp.classList.toggle('over', used > max);
  }

  function buildAnswers(key) {
    const had = A.key ? raw() : null;
    A.key = key;
    keepFocus(() => {
      A.fields.textContent = '';
      A.team = null;
      if (teams()) {
        A.team = el('select', { id: 'team' }, el('option', { value: '', text: t('join_team_none') }),
          ...teams().map((x) => el('option', { value: x, text: x })));
        A.fields.append(el('div', { class: 'field' }, el('label', { for: 'team', text: t('join_team') }), A.team));
      }
      for (const q of Q) {
        const fs = el('fieldset', {}, el('legend', {}, el('h2', { text: (S.questions || {})[q] || '' })));
        A.inputs[q] = [];
        for (let i = 0; i < (S.per_person || 0); i++) {
          const id = 'a-' + q + '-' + i;
          const inp = el('input', { id, type: 'text', autocomplete: 'off', enterkeyhint: 'next', 'aria-describedby': id + '-h' });
          A.inputs[q].push(inp);
          fs.append(el('div', { class: 'field' }, el('label', { for: id, text: t('join_answer', { n: i + 1 }) }), inp,
            el('p', { id: id + '-h', class: 'hint over', 'aria-live': 'polite' }), el('span', { class: 'count', 'aria-hidden': 'true' })));
        }
        A.fields.append(fs);
      }
      const all = A.inputs.current.concat(A.inputs.desired);
      if (all.length) all[all.length - 1].setAttribute('enterkeyhint', 'send');
      if (had) fill(had);
      else {
        fill(M);
        applyDraft();
      }
    });
  }

  function renderAnswers() {
    const key = JSON.stringify([S.questions, S.per_person, S.teams, S.max_chars]);
    if (key !== A.key) buildAnswers(key);
    const open = S.answering === 'open', dirty = dirtyA();
    W.ans.hidden = !(open || S.voting === 'none' || dirty);
    A.head.hidden = S.voting === 'none';
    for (const i of A.inputs.current.concat(A.inputs.desired, A.team || [])) i.disabled = !open;
    A.btn.hidden = !open;
    A.btn.disabled = busyA;
    A.btn.textContent = t(busyA ? 'join_sending' : count() ? 'join_update' : 'join_send');
    A.unsent.hidden = !open || !dirty;
    A.form.hidden = !open && !Q.some((q) => payload().answers[q].length);
    if (!open && wasOpen) say(A.msg, []);
    wasOpen = open;
    note(A.note, !open ? t(dirty ? 'join_not_saved' : 'join_closed') : !sentA && count() ? t('join_saved_before', { n: count() }) : '');
  }

  function onInput(e) {
    if (e.target.tagName === 'INPUT') hint(e.target);
    A.unsent.hidden = S.answering !== 'open' || !dirtyA();
    saveDraft();
  }

  function onKey(e) { // Enter goes to the next answer; on the last one it sends
    if (e.key !== 'Enter' || e.isComposing || e.target.tagName !== 'INPUT') return;
    e.preventDefault();
    const all = A.inputs.current.concat(A.inputs.desired), i = all.indexOf(e.target);
    if (i >= 0 && i < all.length - 1) all[i + 1].focus();
    else sendAnswers();
  }

  function onSubmit(e) {
    e.preventDefault();
    sendAnswers();
  }

  async function sendAnswers() {
    if (busyA || !S || S.answering !== 'open') return;
    const body = payload(), k = JSON.stringify(body), c = code;
    if (!lastA || lastA.k !== k) lastA = { k, id: newId() }; // a retry of the same send keeps its id
    busyA = true;
    say(A.msg, []);
    renderAnswers();
    const r = await api(base() + '/answers', { answers: body.answers, team: body.team, submission: lastA.id });
    busyA = false;
    if (code !== c || !A) return;
    if (r.data) {
      M = mine(r.data.mine);
      sentA = true;
      if (JSON.stringify(payload()) === k) fill(M); // typed on meanwhile: keep that
      saveDraft();
      const lines = [t('join_saved', { n: r.data.saved })];
      for (const w of r.data.warnings || []) if (T['pwarn_' + w.code] != null) lines.push(t('pwarn_' + w.code, { n: w.n }));
      say(A.msg, lines, 'ok');
    } else if (r.error === 'closed') {
      S = Object.assign({}, S, { answering: 'closed' });
    } else say(A.msg, [problem(r)], 'err');
    render();
    (r.error === 'closed' ? A.note : A.msg).focus();
  }

  // -- the ballot
  const bkey = (b) => JSON.stringify(Object.keys(b).filter((k) => b[k] > 0).sort().map((k) => [k, b[k]]));
  const dirtyB = () => bkey(picks) !== bkey(M.ballot);
  const dotsLabel = (n) => (n === 0 ? '0' : n <= 3 ? '●'.repeat(n) : n + ' ●');

  function buildVote(key) {
    const old = picks, cap = S.cap || 0;
    picks = {};
    V = {
      key,
      note: el('p', { class: 'note', 'aria-live': 'polite' }),
      left: el('p', { class: 'left', 'aria-live': 'polite' }),
      btn: el('button', { type: 'button', class: 'primary', click: sendBallot }),
      msg: el('div', { class: 'msg', 'aria-live': 'polite', tabindex: '-1' }),
    };
    const cards = (S.values || []).map((v) => {
      const id = String(v.id);
      const n = Math.min(Math.max(0, (has(old, id) ? old[id] : M.ballot[id]) | 0), cap);
      picks[id] = n;
      const seg = el('div', { class: 'seg', role: 'group', 'aria-label': t('vote_dots_for', { name: v.name }) });
      for (let i = 0; i <= cap; i++) {
        seg.append(el('button', { type: 'button', id: 'd-' + id + '-' + i, 'data-v': id, 'data-n': String(i),
          'aria-pressed': String(i === n), 'aria-label': t('vote_dot_count', { n: i }), text: dotsLabel(i) }));
      }
      return el('div', { class: 'value' }, el('h3', { text: v.name }), v.meaning ? el('p', { class: 'meaning', text: v.meaning }) : null, seg);
    });
    keepFocus(() => {
      W.vote.textContent = '';
      W.vote.append(el('h2', { id: 'vote-h', text: t('vote_title') }), el('p', { text: t('vote_intro', { dots: S.dots, cap }) }),
        V.note, ...cards, V.left, V.btn, V.msg);
    });
  }

  function renderVote() {
    const key = JSON.stringify([S.values, S.dots, S.cap]);
    if (!V || V.key !== key) buildVote(key);
    const placed = Object.keys(picks).reduce((n, k) => n + picks[k], 0), left = (S.dots || 0) - placed;
    note(V.left, left >= 0 ? t('vote_left', { n: left, dots: S.dots }) : t('vote_over', { placed, dots: S.dots, n: -left }));
    V.left.classList.toggle('over', left < 0);
    V.btn.disabled = busyB || left < 0;
    V.btn.textContent = t(busyB ? 'join_sending' : bkey(M.ballot) !== '[]' ? 'vote_update' : 'vote_send');
    note(V.note, !sentB && bkey(M.ballot) !== '[]' ? t('vote_saved_before') : '');
  }

  function onDot(e) {
    const b = e.target.closest('button[data-n]');
    if (!b || busyB) return;
    picks[b.dataset.v] = +b.dataset.n;
    for (const x of b.parentNode.children) x.setAttribute('aria-pressed', String(x === b));
    say(V.msg, []);
    renderVote();
  }

  async function sendBallot() {
    if (busyB || !S || S.voting !== 'open') return;
    const dots = {}, c = code;
    for (const v of S.values || []) dots[String(v.id)] = picks[String(v.id)] || 0;
    if (!Object.values(dots).some((n) => n > 0)) {
      say(V.msg, [t('err_empty_ballot')], 'err');
      V.msg.focus();
      return;
    }
    const k = JSON.stringify(dots);
    if (!lastB || lastB.k !== k) lastB = { k, id: newId() };
    busyB = true;
    say(V.msg, []);
    renderVote();
    const r = await api(base() + '/ballot', { dots, submission: lastB.id });
    busyB = false;
    if (code !== c || !V) return;
    if (r.data) {
      M = mine(r.data.mine);
      sentB = true;
      say(V.msg, [t('vote_saved')], 'ok');
    } else if (r.error === 'voting_closed') {
      S = Object.assign({}, S, { voting: 'closed' });
    } else say(V.msg, [problem(r)], 'err');
    render();
    (r.error === 'voting_closed' ? W.res : V.msg).focus();
  }

  // -- after the vote
  function renderResult() {
    const r = S.result || null, dirty = dirtyB();
    const key = JSON.stringify([r, S.values, M.ballot, dirty]);
    if (key === resKey) return;
    resKey = key;
    const kids = [];
    if (r && r.values && r.values.length) {
      kids.push(el('div', { class: 'dna' }, el('h2', { text: t('result_title') }),
        el('ul', {}, ...r.values.map((v) => el('li', { text: v }))), r.tagline ? el('p', { class: 'tagline', text: r.tagline }) : null));
    }
    const notes = dirty ? [t('vote_not_saved')] : [];
    if (r && r.hidden) notes.push(t('result_hidden'));
    else if (r && r.values && !r.values.length) notes.push(t('result_choosing'));
    else if (!dirty) notes.push(t('vote_closed'));
    for (const n of notes) kids.push(el('p', { class: 'note', text: n }));
    const mineV = (S.values || []).filter((v) => (M.ballot[String(v.id)] | 0) > 0);
    if (mineV.length) {
      kids.push(el('div', { class: 'card yours' }, el('p', { text: t('vote_yours') }),
        el('ul', {}, ...mineV.map((v) => el('li', {}, el('span', { text: v.name }),
          el('span', { class: 'dots', text: t('vote_dot_count', { n: M.ballot[String(v.id)] | 0 }) }))))));
    }
    W.res.textContent = '';
    W.res.append(...kids);
  }

  // -- start
  if (boot.code && boot.state) enter({ code: boot.code, state: boot.state, mine: boot.mine });
  else {
    const err = boot.error;
    if (err) say(joinMsg, [problem(typeof err === 'string' ? { error: err } : err)], 'err');
    render();
    if (!err && boot.code) { // a code but no state: join as the form would
      codeIn.value = boot.code;
      joinForm.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  }
})();
