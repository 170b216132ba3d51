// The page: hands the dropped file to the worker, shows what was read.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const $ = (id) => document.getElementById(id);
const MAX_ROWS_SHOWN = 500;
let nextId = 1;
const pending = new Map();

worker.onmessage = (event) => {
  const { id } = event.data;
  const done = pending.get(id);
  pending.delete(id);
  if (done) done(event.data);
};

function read(file) {
  return file.arrayBuffer().then((bytes) => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker.postMessage({ id, name: file.name, bytes }, [bytes]);
  }));
}

function columnName(index) {
  let name = '';
  for (let c = index + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

function parseRef(ref) {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function renderSheet(sheet) {
  const view = $('sheet-view');
  view.replaceChildren();
  const caption = document.createElement('p');
  caption.textContent = `${sheet.name}: ${sheet.rows} rows × ${sheet.columns} columns, ${sheet.cell_count} cells` +
    (sheet.state !== 'visible' ? ` (${sheet.state})` : '') +
    (sheet.merged.length ? `; merged: ${sheet.merged.join(', ')}` : '');
  view.append(caption);
  const rows = Math.min(sheet.rows, MAX_ROWS_SHOWN);
  const cols = Math.min(sheet.columns, 64);
  const grid = Array.from({ length: rows }, () => new Array(cols).fill(null));
  for (const cell of sheet.cells) {
    const { row, col } = parseRef(cell.ref);
    if (row < rows && col < cols) grid[row][col] = cell;
  }
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  head.append(document.createElement('th'));
  for (let c = 0; c < cols; c++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = columnName(c);
    head.append(th);
  }
  const body = table.createTBody();
  grid.forEach((cells, r) => {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = String(r + 1);
    tr.append(th);
    for (const cell of cells) {
      const td = tr.insertCell();
      if (!cell) continue;
      td.textContent = String(cell.value);
      td.className = `t-${cell.type}`;
      td.title = `${cell.ref}: ${cell.type}${cell.formula ? ' (formula result)' : ''}`;
    }
  });
  view.append(table);
  if (sheet.rows > rows) {
    const more = document.createElement('p');
    more.textContent = `First ${rows} of ${sheet.rows} rows shown.`;
    view.append(more);
  }
}

function show(dump) {
  $('result').hidden = false;
  $('file-title').textContent = dump.file;
  const list = $('diagnostics');
  list.replaceChildren();
  const tabs = $('sheet-tabs');
  tabs.replaceChildren();
  $('sheet-view').replaceChildren();
  const problems = dump.error ? [dump.error] : dump.diagnostics;
  for (const d of problems) {
    const li = document.createElement('li');
    li.className = `sev-${d.severity}`;
    li.textContent = `${d.severity}: ${d.message}` + (d.cell ? ` [${d.sheet || ''}!${d.cell}]` : '');
    list.append(li);
  }
  if (dump.error) return;
  dump.sheets.forEach((sheet, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = sheet.name + (sheet.state !== 'visible' ? ' (hidden)' : '');
    b.addEventListener('click', () => {
      for (const other of tabs.children) other.setAttribute('aria-pressed', 'false');
      b.setAttribute('aria-pressed', 'true');
      renderSheet(sheet);
    });
    b.setAttribute('aria-pressed', i === 0 ? 'true' : 'false');
    tabs.append(b);
  });
  if (dump.sheets.length) renderSheet(dump.sheets[0]);
}

async function handle(file) {
  if (!file) return;
  $('status').textContent = `Reading ${file.name}…`;
  const started = performance.now();
  const answer = await read(file);
  if (!answer.ok) {
    $('status').textContent = `migcheck failed: ${answer.message}`;
    return;
  }
  const dump = JSON.parse(answer.json);
  $('status').textContent = dump.error
    ? `${file.name} could not be read.`
    : `${file.name} read in ${Math.round(performance.now() - started)} ms.`;
  show(dump);
}

$('file').addEventListener('change', (e) => handle(e.target.files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  handle(e.dataTransfer.files[0]);
});
