// Rendering: every piece of text a user sent becomes a text node, never HTML; only http(s) links are
// made clickable, and they open with no opener and no referrer.
const LINK = /\bhttps?:\/\/[^\s<>"']+/g;

export function richText(text) {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    out.append(document.createTextNode(text.slice(last, match.index)));
    out.append(link(match[0]));
    last = match.index + match[0].length;
  }
  out.append(document.createTextNode(text.slice(last)));
  return out;
}

function link(url) {
  let parsed;
  try { parsed = new URL(url); } catch { return document.createTextNode(url); }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return document.createTextNode(url);
  const a = document.createElement('a');
  a.href = parsed.href;
  a.rel = 'noopener noreferrer nofollow';
  a.target = '_blank';
  a.textContent = url;
  return a;
}

function span(cls, text) {
  const s = document.createElement('span');
  s.className = cls;
  s.textContent = text;
  return s;
}

function time(ts) {
  const d = new Date(ts);
  const t = document.createElement('time');
  t.className = 'time';
  t.dateTime = ts;
  t.textContent = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  t.title = d.toLocaleString();
  return t;
}

/** One entry of a conversation's log as a list item. */
export function entryNode(entry, me) {
  const li = document.createElement('li');
  if (entry.kind === 'message') {
    const m = entry.event;
    li.dataset.id = m.id;
    if (m.from === me) li.classList.add('own');
    if (m.missed) li.classList.add('missed');
    li.append(time(m.ts));
    if (m.action) {
      li.classList.add('action');
      li.append(span('from', '* ' + m.from));
    } else {
      li.append(span('from', m.from));
    }
    li.append(document.createTextNode(' '));
    li.append(richText(m.text));
    if (m.missed) li.append(span('tag', 'missed'));
    else if (m.history) li.append(span('tag', 'earlier'));
    return li;
  }
  li.className = entry.kind;
  li.textContent = entry.text;
  return li;
}
