// Building DOM nodes without innerHTML: every string from a file or a
// rulebook goes in as text (textContent or an attribute value), never as markup.
import { bidiRuns, hasRtlLetter } from './bidi.js';
export const $ = (id) => document.getElementById(id);

// el('td', {class: 'x', dataset: {ref: 'A1'}, title: '…', onclick: fn}, 'text', child, ...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// A left-to-right text cut into what stays outside its isolate (a separator before it, " — ",
// a colon or spaces after it) and itself; itself '' when it has no letter or digit.
function ltrEdges(text) {
  const [, lead, body, tail] = /^([\s—–·:;,]*)([\s\S]*?)([\s:;,،؛]*)$/u.exec(text);
  return /[\p{L}\p{N}]/u.test(body) ? [lead, body, tail] : [text, '', ''];
}

// Text shown in a page or element written in direction dir ('ltr', 'rtl'): left to right, the
// text as it is; right to left, its left-to-right runs (numbers, cell references, codes, phrases
// of another language: bidi.js bidiRuns) each in a <bdi dir="ltr">, and a text without a
// right-to-left letter (a rulebook label without a translation, a file name) in one. An array of
// text and nodes, for el() or replaceChildren(...).
export function bidi(text, dir) {
  text = String(text ?? '');
  if (dir !== 'rtl' || !text) return [text];
  if (!hasRtlLetter(text)) {
    const [lead, body, tail] = ltrEdges(text);
    return body ? [lead, el('bdi', { dir: 'ltr' }, body), tail].filter(Boolean) : [text];
  }
  return bidiRuns(text).map((r) => (r.ltr ? el('bdi', { dir: 'ltr' }, r.text) : r.text));
}

// The same for a text that cannot hold elements (an option, a title, an SVG text's content):
// the runs between Unicode isolates (LRI … PDI).
export function bidiString(text, dir) {
  text = String(text ?? '');
  if (dir !== 'rtl' || !text) return text;
  if (!hasRtlLetter(text)) {
    const [lead, body, tail] = ltrEdges(text);
    return body ? `${lead}\u2066${body}\u2069${tail}` : text;
  }
  return bidiRuns(text).map((r) => (r.ltr ? `\u2066${r.text}\u2069` : r.text)).join('');
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs))
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  append(node, children);
  return node;
}

// Saves text (or bytes) as a file through a temporary blob: URL (nothing leaves the machine).
export function saveText(text, fileName, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: fileName, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
