// The page: talks only the WebSocket door's protocol (docs/protocol.md, JSON), one line per frame.
import { entryNode } from './render.js';

const $ = (id) => document.getElementById(id);
const state = {
  me: '', ws: null, attempt: 0, everConnected: false, current: '#general', serverCurrent: null,
  tabs: new Map(), // key → {key, room, entries, ids, first, last, unread, topic, members, older, loading}
};

function tab(key) {
  let t = state.tabs.get(key);
  if (!t) {
    t = { key, room: key.startsWith('#'), entries: [], ids: new Set(), first: 0, last: 0, unread: 0,
      topic: '', members: [], older: true, loading: false };
    state.tabs.set(key, t);
    drawTabs();
  }
  return t;
}

function send(line) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(line);
}

// --- the connection, its loss, and the catch-up ---
function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${location.host}/ws`);
  state.ws = ws;
  ws.onmessage = (frame) => {
    let event;
    try { event = JSON.parse(frame.data); } catch { return; }
    handle(event);
  };
  ws.onclose = () => {
    if (state.ws !== ws) return;
    const wait = Math.min(15, 2 ** state.attempt++) * 1000 * (0.75 + Math.random() / 2);
    status(`connection lost: reconnecting in ${Math.round(wait / 1000)} s`, true);
    system(state.current, 'notice', 'connection lost; reconnecting…');
    setTimeout(connect, wait);
  };
}

function status(text, down = false) {
  $('status').textContent = text;
  $('status').classList.toggle('down', down);
}

function welcome(event) {
  state.me = event.nick;
  $('nick').textContent = state.me;
  state.serverCurrent = event.room;
  status('connected');
  // The first line decides the seat in the lobby (first contact): after a reconnect it is the lobby's
  // catch-up, so the lobby comes back exactly like any other room; on a first visit a plain /ping.
  if (state.everConnected) {
    const rooms = [...state.tabs.values()].filter((t) => t.room);
    rooms.sort((a, b) => (b.key === event.room) - (a.key === event.room));
    for (const t of rooms) send(`/catchup ${t.key} ${t.last}`);
    if (!rooms.length) send('/ping');
    state.serverCurrent = null; // the catch-ups moved it: the next line says where it goes
    state.quietWho = true;
    send(`/who ${state.current}`); // who left while this page was away
    system(state.current, 'notice', 'reconnected: catching up');
  } else {
    send('/ping');
    tab(event.room);
    show(event.room);
  }
  state.everConnected = true;
  state.attempt = 0;
}

// --- events ---
function handle(e) {
  switch (e.type) {
    case 'welcome': return welcome(e);
    case 'message': return message(e.room, e);
    case 'private': return message(e.from === state.me ? e.to : e.from, e);
    case 'gap': return system(e.room || e.peer, 'gap', `messages ${e.from} to ${e.to} are no longer kept`);
    case 'join':
      if (e.nick === state.me) { tab(e.room); if (state.joining === e.room.toLowerCase()) show(e.room); }
      return member(e.room, e.nick, true, `${e.nick} joined`);
    case 'part': case 'quit': case 'kick': {
      const text = e.type === 'kick' ? `${e.by} kicked ${e.nick}` : `${e.nick} ${e.type === 'part' ? 'left' : 'quit'}`;
      if (e.nick === state.me && e.type !== 'quit') return removeTab(e.room, text);
      return member(e.room, e.nick, false, text + (e.reason ? ` (${e.reason})` : ''));
    }
    case 'nick':
      if (e.nick === state.me) { state.me = e.new; $('nick').textContent = e.new; }
      if (!e.room) return system(state.current, 'event', `you are now ${e.new}`);
      {
        const was = tab(e.room).members.find((n) => n.replace(/^[@+]+/, '') === e.nick) || e.nick;
        const mark = was.slice(0, was.length - e.nick.length); // an operator or voiced member keeps the mark
        member(e.room, e.nick, false, null);
        return member(e.room, mark + e.new, true, `${e.nick} is now ${e.new}`);
      }
    case 'topic':
      tab(e.room).topic = e.topic;
      if (e.room === state.current) $('topic').textContent = e.topic;
      if (!e.nick) return e.topic ? system(e.room, 'event', `the topic is: ${e.topic}`) : undefined; // the topic on join: no setter
      return system(e.room, 'event', e.topic ? `${e.nick} set the topic: ${e.topic}` : `${e.nick} cleared the topic`);
    case 'mode':
      // +o/-o/+v/-v change a member's mark: ask the room's list again rather than guess it
      if (/^[+-][ov] /.test(e.change) && e.room === state.current) { state.quietWho = true; send(`/who ${e.room}`); }
      return system(e.room, 'event', `${e.by} sets ${e.change}`);
    case 'reply': return reply(e);
    case 'error':
      if (e.command === 'resume') { fetch('/session', { method: 'DELETE' }); }
      if (e.command === 'token') return; // the page asked on its own; the login holds for this connection
      return system(state.current, 'error', `${e.code}: ${e.text}`);
    case 'notice': return system(state.current, 'notice', e.text);
  }
}

function reply(e) {
  const items = e.items || [];
  switch (e.command) {
    case 'join': case 'ping': return;
    case 'who': {
      const room = e.text.split(' ')[0];
      const ops = new Set(e.operators || []);
      const voiced = new Set(e.voiced || []);
      const marked = items.map((n) => (ops.has(n) ? '@' : '') + (voiced.has(n) ? '+' : '') + n);
      if (state.tabs.has(room)) { tab(room).members = marked; if (room === state.current) drawMembers(); }
      if (!state.quietWho) system(state.current, 'reply', e.text);
      state.quietWho = false;
      return;
    }
    case 'topic': {
      const [room] = e.text.split(/[: ]/);
      if (state.tabs.has(room) && e.text.startsWith(room + ': ')) tab(room).topic = e.text.slice(room.length + 2);
      if (room === state.current) $('topic').textContent = tab(room).topic;
      if (!state.quietTopic) system(state.current, 'reply', e.text);
      state.quietTopic = false;
      return;
    }
    case 'history': {
      const t = state.loadingTab;
      if (t) { t.loading = false; t.older = /older:/.test(e.text); state.loadingTab = null; }
      if (t && t.key === state.current && $('log').scrollHeight <= $('log').clientHeight) loadOlder();
      return;
    }
    case 'login': case 'register': case 'resume':
      if (e.command !== 'resume') send('/token');
      return system(state.current, 'reply', e.text);
    case 'token':
      // The token goes straight into an HttpOnly cookie: no script can read it back, nothing keeps it here.
      fetch('/session', { method: 'POST', body: items[0] || e.text.split(' ')[0] });
      return;
    case 'logout':
      fetch('/session', { method: 'DELETE' });
      return system(state.current, 'reply', e.text);
    default: return system(state.current, 'reply', e.text);
  }
}

function message(key, m) {
  const t = tab(key);
  if (t.ids.has(m.id)) return; // a replay of what this page holds already
  t.ids.add(m.id);
  const entry = { kind: 'message', id: m.id, event: m };
  if (m.id > t.last) {
    t.last = m.id;
    t.entries.push(entry);
    if (!t.first) t.first = m.id;
    if (key === state.current) append(entry);
    else if (!m.history || m.missed) { t.unread++; drawTabs(); }
  } else {
    const at = t.entries.findIndex((x) => x.id && x.id > m.id);
    t.entries.splice(at < 0 ? t.entries.length : at, 0, entry);
    t.first = Math.min(t.first || m.id, m.id);
    if (key === state.current) redrawSoon();
  }
}

function system(key, kind, text) {
  const t = tab(key || state.current);
  const entry = { kind, text };
  t.entries.push(entry);
  if (t.key === state.current) append(entry);
}

function member(room, nick, present, text) {
  const t = tab(room);
  t.members = t.members.filter((n) => n.replace(/^[@+]+/, '') !== nick);
  if (present) t.members.push(nick);
  if (room === state.current) drawMembers();
  if (text) system(room, 'event', text);
}

function removeTab(key, text) {
  state.tabs.delete(key);
  if (state.current === key) show('#general');
  system(state.current, 'event', `${key}: ${text}`);
  drawTabs();
}

// --- drawing ---
function show(key) {
  const t = tab(key);
  state.current = key;
  t.unread = 0;
  $('title').textContent = key;
  $('topic').textContent = t.topic;
  $('leave').hidden = !t.room;
  redraw(false);
  drawTabs();
  drawMembers();
  if (t.room) { state.quietWho = true; send(`/who ${key}`); state.quietTopic = true; send(`/topic ${key}`); }
}

// A page of older messages arrives one event at a time: it is drawn once, after the last of them.
function redrawSoon() {
  if (state.redrawPending) return;
  state.redrawPending = true;
  setTimeout(() => { state.redrawPending = false; redraw(true); }, 0);
}

function redraw(keepPlace) {
  const log = $('log');
  const fromBottom = log.scrollHeight - log.scrollTop;
  log.replaceChildren(...tab(state.current).entries.map((e) => entryNode(e, state.me)));
  log.scrollTop = keepPlace ? log.scrollHeight - fromBottom : log.scrollHeight;
}

function append(entry) {
  const log = $('log');
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  log.append(entryNode(entry, state.me));
  if (atBottom) log.scrollTop = log.scrollHeight;
}

function drawTabs() {
  for (const [list, rooms] of [[$('rooms'), true], [$('privates'), false]]) {
    list.replaceChildren(...[...state.tabs.values()].filter((t) => t.room === rooms).map((t) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t.key;
      b.setAttribute('aria-current', String(t.key === state.current));
      if (t.unread) {
        const u = document.createElement('span');
        u.className = 'unread';
        u.textContent = t.unread;
        u.setAttribute('aria-label', `${t.unread} unread`);
        b.append(u);
      }
      b.addEventListener('click', () => show(t.key));
      li.append(b);
      return li;
    }));
  }
}

function drawMembers() {
  const t = tab(state.current);
  $('members').replaceChildren(...t.members.map((n) => {
    const li = document.createElement('li');
    li.textContent = n;
    const op = n.startsWith('@');
    const voiced = n.startsWith('+', op ? 1 : 0);
    if (op) li.classList.add('op');
    if (voiced) li.classList.add('voiced');
    if (op || voiced) li.title = op && voiced ? 'operator, voiced' : op ? 'operator' : 'voiced';
    return li;
  }));
}

// --- what the user does ---
function say(text) {
  if (text.startsWith('/')) return send(text);
  const t = tab(state.current);
  if (!t.room) return send(`/msg ${t.key} ${text}`);
  if (state.serverCurrent !== t.key) { send(`/join ${t.key}`); state.serverCurrent = t.key; }
  send(text);
}

$('say-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const input = $('say');
  if (input.value.trim()) say(input.value);
  input.value = '';
});
$('join-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  let name = $('join-input').value.trim();
  if (!name) return;
  if (!name.startsWith('#')) name = '#' + name;
  state.joining = name.toLowerCase();
  state.serverCurrent = name;
  send(`/join ${name}`);
  if (state.tabs.has(name)) show(name);
  $('join-input').value = '';
});
$('room-list').addEventListener('click', () => send('/rooms'));
$('leave').addEventListener('click', () => { if (tab(state.current).room) send(`/part ${state.current}`); });
$('account-toggle').addEventListener('click', () => {
  const open = $('account').hidden;
  $('account').hidden = !open;
  $('account-toggle').setAttribute('aria-expanded', String(open));
});
$('nick-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  send(`/nick ${$('nick-input').value.trim()}`);
});
$('login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const nick = $('login-nick').value.trim();
  const password = $('login-password').value;
  if (ev.submitter && ev.submitter.value === 'register') {
    if (nick && nick !== state.me) send(`/nick ${nick}`);
    send(`/register ${password}`);
  } else {
    send(`/login ${nick || state.me} ${password}`);
  }
  $('login-password').value = '';
});
$('logout').addEventListener('click', () => send('/logout'));
// Older history when the log is scrolled to its top, or cannot scroll yet.
function loadOlder() {
  const t = tab(state.current);
  const log = $('log');
  if ((log.scrollTop > 60 && log.scrollHeight > log.clientHeight) || !t.older || t.loading || !t.first) return;
  t.loading = true;
  state.loadingTab = t;
  send(`/history ${t.key} before ${t.first} 100`);
}
$('log').addEventListener('scroll', loadOlder);

connect();
