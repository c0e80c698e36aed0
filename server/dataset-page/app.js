// The dataset page: plain modules, no build step, Chart.js (served from this server) for the
// chart. Every call goes to the JSON API with the token from this tab's session storage, the
// same one the review page uses, so a click on a figure opens its record there signed in.
const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('sohoa-token') || '', user: null, keys: [], key: null, kind: 'value', data: null, chart: null, opening: 0 };
const PALETTE = ['#16325c', '#c0392b', '#1b7f3b', '#b9770e', '#6a1b9a', '#117a8b', '#7b241c', '#2e4053', '#ca6f1e', '#196f3d'];

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || `HTTP ${status}`);
    this.status = status;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${state.token}` } });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
  return response;
}
const getJson = async (path) => (await api(path)).json();

function say(message, kind = 'info') {
  $('status').textContent = message;
  $('status').className = `status ${kind}`;
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

const number = (n) => n.toLocaleString('vi-VN', { maximumFractionDigits: 4 });
const figure = (r) => `${r.qualifier ? `${r.qualifier} ` : ''}${number(r.value)}${r.denominator !== null ? `/${number(r.denominator)}` : ''}${r.unit ? ` ${r.unit}` : ''}`;
const failed = (r) => r.flags.some((f) => f.startsWith('check-failed:'));
const marks = (r) => `${failed(r) ? ' ▲' : ''}${r.reviewState === 'pending' ? ' ○' : ''}`;
const why = (r) => [r.reviewState, ...r.flags.filter((f) => f.startsWith('check-failed:'))].join(', ');

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
  if (!['admin', 'reviewer', 'researcher'].includes(state.user.role)) {
    say('Datasets are for researchers, reviewers and admins; your role sees its own uploads on the review page.', 'error');
    return;
  }
  await loadKeys();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('token').value.trim());
});

// --- keys --------------------------------------------------------------------------------
async function loadKeys() {
  const q = $('key-search').value.trim();
  const { items, total } = await getJson(`/api/datasets/keys?q=${encodeURIComponent(q)}`);
  state.keys = items;
  $('key-count').textContent = q ? `(${items.length} of ${total})` : `(${total})`;
  $('keys').replaceChildren(...items.map((k) =>
    el('li', { dataset: { key: k.key }, class: k.key === state.key ? 'current' : '', onclick: () => openKey(k.key) },
      el('span', { class: 'key' }, k.key), k.open ? el('span', { class: 'open', title: 'proposed by extraction, not a taxonomy key' }, 'open') : '',
      el('div', { class: 'description' }, k.terms[0] ?? k.description ?? ''),
      el('div', { class: 'counts' }, `${k.records} records · ${k.documents} documents · ${k.provinces} provinces · ${k.years} years${k.firstYear !== null ? ` (${k.firstYear}–${k.lastYear})` : ''}`))));
}

let searchTimer = 0;
$('key-search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadKeys().catch((error) => say(error.message, 'error')), 200);
});
$('key-search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadKeys().catch((error) => say(error.message, 'error'));
});

// --- one key -----------------------------------------------------------------------------
async function openKey(key, { keepKind = false } = {}) {
  state.key = key;
  const ticket = ++state.opening;
  for (const li of $('keys').children) li.classList.toggle('current', li.dataset.key === key);
  let data;
  try {
    data = await getJson(`/api/datasets/keys/${encodeURIComponent(key)}?kind=${state.kind}`);
  } catch (error) {
    say(error.message, 'error');
    return;
  }
  // A later click may have opened another key while this one loaded.
  if (ticket !== state.opening) return;
  // A key that has only targets (or only values) opens on what it has; the switch is obeyed as set.
  const other = state.kind === 'value' ? 'target' : 'value';
  if (!keepKind && data.cells.length === 0 && (data.kinds[other] ?? 0) > 0) {
    state.kind = other;
    document.querySelector(`input[name="kind"][value="${other}"]`).checked = true;
    return openKey(key, { keepKind: true });
  }
  state.data = data;
  $('key-panel').hidden = false;
  $('key-panel').dataset.key = key;
  $('key-panel').dataset.kind = state.kind;
  $('key-title').textContent = key;
  $('key-description').textContent = [data.key.description, data.key.terms.join(' · ')].filter(Boolean).join(' — ');
  for (const span of document.querySelectorAll('[data-count]')) span.textContent = `(${data.kinds[span.dataset.count] ?? 0})`;
  $('no-data').hidden = data.cells.length > 0;
  drawChart(data);
  drawTable(data);
  drawConflicts(data);
  say(`${key}: ${data.cells.reduce((n, c) => n + c.records.length, 0)} records of kind “${state.kind}”.`);
}

for (const radio of document.querySelectorAll('input[name="kind"]')) {
  radio.addEventListener('change', () => {
    state.kind = radio.value;
    if (state.key) openKey(state.key, { keepKind: true });
  });
}

const cellOf = (data, seriesId, year) => data.cells.find((c) => c.seriesId === seriesId && c.year === year);

function drawChart(data) {
  state.chart?.destroy();
  const years = data.years.filter((y) => y !== null);
  const datasets = data.series.map((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const cells = years.map((y) => cellOf(data, s.id, y));
    return {
      label: s.label,
      data: cells.map((c) => (c ? c.shown.value : null)),
      recordIds: cells.map((c) => (c ? c.shown.id : null)),
      borderColor: color,
      backgroundColor: color,
      pointStyle: cells.map((c) => (c?.conflict ? 'rectRot' : c && failed(c.shown) ? 'triangle' : 'circle')),
      pointBackgroundColor: cells.map((c) => (c && c.shown.reviewState === 'pending' ? '#fff' : color)),
      pointRadius: 6,
      pointHoverRadius: 8,
      spanGaps: true,
    };
  });
  state.chart = new window.Chart($('chart'), {
    type: 'line',
    data: { labels: years.map(String), datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: true },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const cell = cellOf(data, data.series[item.datasetIndex].id, years[item.dataIndex]);
              return cell ? `${item.dataset.label}: ${figure(cell.shown)} (${why(cell.shown)})${cell.conflict ? ' — documents disagree' : ''}` : item.dataset.label;
            },
          },
        },
      },
      onClick: (event, elements) => {
        const hit = elements[0];
        if (!hit) return;
        const id = datasets[hit.datasetIndex].recordIds[hit.index];
        if (id !== null) location.assign(`/review#record=${id}`);
      },
    },
  });
}

function recordLink(record) {
  const cls = [failed(record) ? 'failed' : '', record.reviewState === 'pending' ? 'unreviewed' : ''].filter(Boolean).join(' ');
  return el('a', { href: record.review, class: cls, title: `${record.citation} — ${why(record)}`, dataset: { recordId: record.id } },
    figure(record) + marks(record), el('span', { class: 'source' }, record.source.number ?? record.source.filename));
}

function drawTable(data) {
  const head = el('tr', {}, el('th', { class: 'series' }, 'province · breakdown'), ...data.years.map((y) => el('th', {}, y ?? 'year not stated')));
  const rows = data.series.map((s) =>
    el('tr', { dataset: { series: s.label } }, el('th', { class: 'series' }, s.label), ...data.years.map((y) => {
      const cell = cellOf(data, s.id, y);
      return el('td', { class: cell?.conflict ? 'conflict' : '' }, ...(cell ? cell.records.map(recordLink) : []));
    })));
  $('table').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

function drawConflicts(data) {
  $('conflict-count').textContent = `(${data.conflicts.length})`;
  $('conflicts').replaceChildren(...data.conflicts.map((c) =>
    el('li', {}, `${c.label}, ${c.year}: `, ...c.figures.flatMap((f, i) => [i > 0 ? ' vs ' : '', ...f.records.map((r) =>
      el('a', { href: r.review, dataset: { recordId: r.id } }, `${figure(r)} — ${r.citation}`)).flatMap((a, j) => (j > 0 ? ['; ', a] : [a]))]))));
}

// --- exports -----------------------------------------------------------------------------
async function download(path, name) {
  try {
    const blob = await (await api(path)).blob();
    saveAs(URL.createObjectURL(blob), name);
  } catch (error) {
    say(error.message, 'error');
  }
}

function saveAs(url, name) {
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileStem = () => `sohoa-${state.key.replace(/[^A-Za-z0-9_.-]+/g, '-')}-${state.kind}`;

for (const button of document.querySelectorAll('[data-export]')) {
  button.addEventListener('click', () => {
    const format = button.dataset.export;
    download(`/api/datasets/keys/${encodeURIComponent(state.key)}/export?kind=${state.kind}&format=${format}`, `${fileStem()}.${format}`);
  });
}
$('export-png').addEventListener('click', () => {
  if (state.chart) saveAs(state.chart.toBase64Image('image/png', 1), `${fileStem()}.png`);
});

if (state.token) signIn(state.token);
