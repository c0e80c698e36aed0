// The review page: plain modules, no build step. Every call goes to the JSON API with the
// token from this tab's session storage; nothing is kept anywhere else.
const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('sohoa-token') || '', user: null, queue: [], index: -1, item: null, imageUrl: null, done: [], opening: 0 };

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || `HTTP ${status}`);
    this.status = status;
    this.code = body.code;
    this.current = body.current;
  }
}

async function api(path, options = {}) {
  const headers = { authorization: `Bearer ${state.token}`, ...(options.headers || {}) };
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    options.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, { ...options, headers });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
  return response;
}
const getJson = async (path) => (await api(path)).json();

function say(message, kind = 'info') {
  const status = $('status');
  status.textContent = message;
  status.className = `status ${kind}`;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

// --- sign in ---------------------------------------------------------------------------
async function signIn(token) {
  state.token = token;
  try {
    state.user = (await getJson('/api/me')).user;
  } catch (error) {
    $('login-error').textContent = error.status === 401 ? 'That token is not valid (or was revoked).' : error.message;
    return;
  }
  sessionStorage.setItem('sohoa-token', token);
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = `${state.user.name} (${state.user.role})`;
  const role = state.user.role;
  $('upload-panel').hidden = !['admin', 'archivist'].includes(role);
  $('review-panel').hidden = !['admin', 'reviewer'].includes(role);
  document.querySelector('.exports').hidden = !['admin', 'reviewer', 'researcher'].includes(role);
  await loadDocuments();
  if (!$('review-panel').hidden) await loadQueue();
  await openLinkedRecord();
}

// A link from the dataset page (/review#record=ID) opens that record beside its source, for
// researchers too (read-only: the API refuses their review actions).
async function openLinkedRecord() {
  const id = Number(/^#record=(\d+)$/.exec(location.hash)?.[1] ?? 0);
  if (!id) return;
  $('review-panel').hidden = false;
  // Only reviewers and admins may act on a record; others read it.
  $('record-form').querySelector('.actions').hidden = !['admin', 'reviewer'].includes(state.user.role);
  const at = state.queue.findIndex((item) => item.id === id);
  try {
    if (at >= 0) await openItem(at);
    else await showRecord(id);
  } catch (error) {
    say(error.message, 'error');
  }
}
window.addEventListener('hashchange', () => {
  if (state.user) openLinkedRecord();
});

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('token').value.trim());
});

// --- upload and progress ---------------------------------------------------------------
function describeProgress(p) {
  if (!p) return 'waiting';
  if (p.state === 'done') return 'done';
  if (p.state === 'failed') return `failed at ${p.stage}: ${p.message}`;
  const pages = p.pagesPlanned ? ` — page ${p.pagesDone}/${p.pagesPlanned}` : '';
  return `${p.state}${p.stage ? ` (${p.stage})` : ''}${pages}`;
}

/** Reads the server-sent events with fetch, so the token travels in a header, not the URL. */
async function followProgress(documentId, line) {
  const response = await api(`/api/documents/${documentId}/events`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      last = JSON.parse(data.slice(6));
      line.dataset.state = last?.state ?? 'unknown';
      line.querySelector('.progress').textContent = describeProgress(last);
    }
  }
  return last;
}

$('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const files = [...$('files').files];
  if (files.length === 0) return say('Choose one or more files first.', 'error');
  await Promise.all(files.map(async (file) => {
    const line = el('li', { dataset: { state: 'uploading' } }, el('span', { class: 'name' }, file.name), ' — ', el('span', { class: 'progress' }, 'uploading'));
    $('uploads').append(line);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const { documents } = await (await api('/api/documents', { method: 'POST', body: form })).json();
      const result = documents[0];
      if (result.error) throw new Error(result.error.message);
      line.dataset.documentId = result.documentId;
      const final = await followProgress(result.documentId, line);
      if (final?.state === 'done') say(`${file.name} is processed.`);
    } catch (error) {
      line.dataset.state = 'failed';
      line.querySelector('.progress').textContent = error.message;
    }
  }));
  $('files').value = '';
  await loadDocuments();
  if (!$('review-panel').hidden) await loadQueue();
});

// --- documents, search, exports ----------------------------------------------------------
function documentLine(d, snippet) {
  const meta = d.metadata ? [d.metadata.type, d.metadata.number, d.metadata.date].filter(Boolean).join(' · ') : d.number || '';
  const line = el('li', { dataset: { documentId: d.id ?? d.documentId } }, el('strong', {}, d.filename), meta ? ` — ${meta}` : '');
  if (d.progress && d.progress.state !== 'done') line.append(` (${describeProgress(d.progress)})`);
  if (snippet) {
    const [a, b] = snippet.match;
    line.append(el('div', { class: 'snippet' }, snippet.snippet.slice(0, a), el('mark', {}, snippet.snippet.slice(a, b)), snippet.snippet.slice(b)));
  }
  return line;
}

async function loadDocuments() {
  const { items } = await getJson('/api/documents?limit=100');
  $('documents').replaceChildren(...items.map((d) => documentLine(d)));
}

$('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = $('search').value.trim();
  if (!q) return loadDocuments();
  const { items } = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
  $('documents').replaceChildren(...(items.length ? items.map((hit) => documentLine(hit, hit)) : [el('li', {}, `Nothing matches “${q}”.`)]));
});

async function download(path, name) {
  const blob = await (await api(path)).blob();
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

document.querySelector('.exports').addEventListener('click', async (event) => {
  const kind = event.target.dataset?.export;
  if (!kind) return;
  try {
    if (kind === 'training') return await download('/api/training-text', 'sohoa-corrections.txt');
    const [format, reviewed] = kind.split(':');
    await download(`/api/export?format=${format}&reviewed=${reviewed}`, `sohoa-indicators${reviewed === 'only' ? '-reviewed' : ''}.${format}`);
  } catch (error) {
    say(error.message, 'error');
  }
});

// --- review queue ------------------------------------------------------------------------
async function loadQueue(keepId) {
  const { items, total } = await getJson('/api/review/queue?limit=200');
  state.queue = items;
  $('queue-count').textContent = `(${items.length} to review, ${total} pending)`;
  $('queue').replaceChildren(...items.map((item, i) =>
    el('li', { dataset: { id: item.id }, onclick: () => openItem(i) },
      el('span', { class: 'value' }, item.valueText), ' ', el('span', { class: 'key' }, item.key), el('div', { class: 'reasons' }, item.reasons.join(', ')))));
  const at = keepId ? items.findIndex((i) => i.id === keepId) : -1;
  if (items.length === 0) {
    $('item').hidden = true;
    state.index = -1;
  } else await openItem(at >= 0 ? at : Math.min(Math.max(state.index, 0), items.length - 1));
}

// Opening a record awaits the API twice; a later click may start another opening meanwhile.
// Each opening holds a ticket and stops as soon as a newer one exists, so a slow answer for
// the record left behind never overwrites the form, the page or the outlines.
const superseded = (ticket) => ticket !== state.opening;

async function showPage(page, boxes, recordId, ticket) {
  $('boxes').replaceChildren();
  delete $('boxes').dataset.recordId;
  $('page').hidden = !page?.image;
  $('no-image').hidden = Boolean(page?.image);
  if (!page?.image) return;
  const blob = await (await api(page.image)).blob();
  if (superseded(ticket)) return;
  if (state.imageUrl) URL.revokeObjectURL(state.imageUrl);
  state.imageUrl = URL.createObjectURL(blob);
  await imageLoaded($('page-image'), state.imageUrl);
  if (superseded(ticket)) return;
  // Boxes in page pixels become percentages, so they follow the image at any size. Set through
  // the style object: the page's content security policy forbids inline style attributes.
  $('boxes').replaceChildren(...(boxes || []).map((b) => {
    const box = el('div', { class: 'box' });
    Object.assign(box.style, {
      left: `${(100 * b.x0) / page.width}%`,
      top: `${(100 * b.y0) / page.height}%`,
      width: `${(100 * (b.x1 - b.x0)) / page.width}%`,
      height: `${(100 * (b.y1 - b.y0)) / page.height}%`,
    });
    return box;
  }));
  // Scroll the highlighted words into view inside the page frame, from the laid-out outline.
  const first = $('boxes').firstElementChild;
  if (first) $('page').scrollTop = Math.max(0, first.offsetTop - 80);
  $('boxes').dataset.recordId = String(recordId);
}

/**
 * Sets the image's source and resolves once it has loaded: only then is its laid-out height
 * known, which placing and scrolling to the outlines needs (decode() may settle earlier, or
 * reject on a busy machine).
 */
function imageLoaded(image, url) {
  return new Promise((resolve) => {
    const done = () => { image.removeEventListener('load', done); image.removeEventListener('error', done); resolve(); };
    image.addEventListener('load', done);
    image.addEventListener('error', done);
    image.src = url;
  });
}

function renderContext(detail) {
  const { context, record } = detail;
  const box = $('context');
  box.replaceChildren();
  if (!context) return box.append('(no text)');
  const start = record.span[0] - context.from;
  const end = record.span[1] - context.from;
  // Each word is a button-like span: clicking it asks the model for other spellings.
  const words = /[\p{L}\p{M}]+/gu;
  let last = 0;
  for (const match of context.text.matchAll(words)) {
    const at = match.index;
    if (at > last) box.append(textPiece(context.text.slice(last, at), last, start, end));
    const word = el('span', { class: 'word', dataset: { start: context.from + at, end: context.from + at + match[0].length }, tabindex: '0' }, match[0]);
    if (at < end && at + match[0].length > start) word.classList.add('value');
    word.addEventListener('click', () => proposeSpellings(word));
    box.append(word);
    last = at + match[0].length;
  }
  if (last < context.text.length) box.append(textPiece(context.text.slice(last), last, start, end));
}

/** Text between words, with only the part inside the record's span marked. */
function textPiece(text, offset, start, end) {
  const from = Math.min(Math.max(start - offset, 0), text.length);
  const to = Math.min(Math.max(end - offset, 0), text.length);
  const piece = document.createDocumentFragment();
  piece.append(text.slice(0, from));
  if (to > from) piece.append(el('mark', { class: 'value' }, text.slice(from, to)));
  piece.append(text.slice(to));
  return piece;
}

async function openItem(i) {
  if (i < 0 || i >= state.queue.length) return;
  state.index = i;
  const ticket = ++state.opening;
  for (const li of $('queue').children) li.classList.toggle('current', Number(li.dataset.id) === state.queue[i].id);
  const detail = await getJson(`/api/indicators/${state.queue[i].id}`);
  if (superseded(ticket)) return;
  state.item = detail;
  const r = detail.record;
  $('item').hidden = false;
  $('item').dataset.id = r.id;
  const form = $('record-form');
  form.key.value = r.key;
  form.value.value = r.value;
  form.denominator.value = r.denominator ?? '';
  form.unit.value = r.unit ?? '';
  form.qualifier.value = r.qualifier ?? '';
  $('item-meta').textContent = `${detail.document.filename} · page ${r.page ?? '–'}, line ${r.line ?? '–'} · “${r.phrase}” · confidence ${r.confidence.toFixed(2)} · ${r.flags.join(', ') || 'no flags'} · revision ${r.revision} · ${r.reviewState}`;
  $('history').replaceChildren(...detail.history.map((h) => el('li', {}, `${h.createdAt.slice(0, 19).replace('T', ' ')} ${h.author}: ${h.action}`)));
  $('alternatives').hidden = true;
  renderContext(detail);
  await showPage(detail.page, r.boxes, r.id, ticket);
}

function numberOrNull(text) {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return null;
  // Vietnamese writing: 403.086 is a thousands grouping, 83,6 a decimal comma.
  const normal = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t.replace(',', '.');
  const n = Number(normal);
  if (!Number.isFinite(n)) throw new Error(`“${text}” is not a number`);
  return n;
}

function changesFromForm() {
  const form = $('record-form');
  const r = state.item.record;
  const changes = {};
  const value = numberOrNull(form.value.value);
  if (value === null) throw new Error('the value cannot be empty');
  if (value !== r.value) changes.value = value;
  const denominator = numberOrNull(form.denominator.value);
  if (denominator !== r.denominator) changes.denominator = denominator;
  const unit = form.unit.value.trim() || null;
  if (unit !== r.unit) changes.unit = unit;
  const key = form.key.value.trim();
  if (key && key !== r.key) changes.key = key;
  const qualifier = form.qualifier.value || null;
  if (qualifier !== r.qualifier) changes.qualifier = qualifier;
  return changes;
}

async function act(action) {
  if (!state.item) return;
  if (action === 'undo') return undo();
  const r = state.item.record;
  try {
    if (action === 'correct') {
      const changes = changesFromForm();
      if (Object.keys(changes).length === 0) return say('Nothing changed: edit a field first, or accept the record as it is.');
      await api(`/api/indicators/${r.id}`, { method: 'PATCH', json: { revision: r.revision, changes } });
      say(`Saved the correction of record ${r.id}.`);
    } else {
      await api(`/api/indicators/${r.id}/${action}`, { method: 'POST', json: { revision: r.revision } });
      say(`${action === 'accept' ? 'Accepted' : 'Rejected'} record ${r.id}.`);
    }
    state.done.push(r.id);
  } catch (error) {
    if (error.status === 409) {
      say('Someone else changed this record meanwhile; it is reloaded — check it and apply your change again.', 'error');
      return openItem(state.index);
    }
    return say(error.message, 'error');
  }
  await loadQueue();
}

/** Undoes this session's latest action (or the shown record's), and shows that record again. */
async function undo() {
  const id = state.done.pop() ?? state.item.record.id;
  try {
    const { record } = await getJson(`/api/indicators/${id}`);
    await api(`/api/indicators/${id}/undo`, { method: 'POST', json: { revision: record.revision } });
    say(`Undid the last action on record ${id}.`);
  } catch (error) {
    return say(error.status === 409 ? 'Someone else changed this record meanwhile; nothing was undone.' : error.message, 'error');
  }
  await loadQueue(id);
  if (!state.queue.some((i) => i.id === id)) await showRecord(id);
}

/** A record no longer in the queue (reviewed) shown anyway, so undo can be pressed again. */
async function showRecord(id) {
  const detail = await getJson(`/api/indicators/${id}`);
  state.queue.splice(Math.max(state.index, 0), 0, detail.record);
  await openItem(Math.max(state.index, 0));
}

$('record-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act('correct');
});
$('accept').addEventListener('click', () => act('accept'));
$('reject').addEventListener('click', () => act('reject'));
$('undo').addEventListener('click', () => act('undo'));

// --- correcting a word's diacritics ------------------------------------------------------
async function proposeSpellings(word) {
  const docId = state.item.document.id;
  const start = Number(word.dataset.start);
  const end = Number(word.dataset.end);
  const box = $('alternatives');
  try {
    const proposal = await getJson(`/api/documents/${docId}/text/alternatives?start=${start}&end=${end}`);
    box.replaceChildren(el('span', {}, `“${proposal.current}” → `), ...proposal.alternatives
      .filter((a) => a.text !== proposal.current)
      .map((a) => el('button', { type: 'button', class: 'alternative', dataset: { text: a.text }, onclick: () => correctWord(docId, proposal.versionId, start, end, a.text) },
        `${a.text} (${(100 * a.probability).toFixed(a.probability < 0.01 ? 3 : 1)} %)`)));
    box.hidden = false;
  } catch (error) {
    say(error.message, 'error');
  }
}

async function correctWord(docId, versionId, start, end, text) {
  try {
    await api(`/api/documents/${docId}/text`, { method: 'PATCH', json: { versionId, span: [start, end], text } });
    say(`Corrected the text: “${text}”.`);
  } catch (error) {
    say(error.status === 409 ? 'The text changed meanwhile; it is reloaded — pick the word again.' : error.message, 'error');
  }
  $('alternatives').hidden = true;
  await openItem(state.index);
}

// --- keyboard ----------------------------------------------------------------------------
document.addEventListener('keydown', (event) => {
  if ($('review-panel').hidden || !state.item || event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(event.target.tagName);
  if (typing) {
    if (event.key === 'Escape') event.target.blur();
    return;
  }
  const keys = { j: () => openItem(state.index + 1), k: () => openItem(state.index - 1), a: () => act('accept'), r: () => act('reject'), u: () => act('undo'), Enter: () => act('correct') };
  const handler = keys[event.key];
  if (handler) {
    event.preventDefault();
    handler();
  }
});

if (state.token) signIn(state.token);
