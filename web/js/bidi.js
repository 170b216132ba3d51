// Right-to-left text: which letters are of a right-to-left script, a text's
// first strong direction, and the left-to-right runs (numbers with their sign
// or unit, cell references, codes, Latin phrases) inside an Arabic sentence,
// which web/js/dom.js isolates. No language list: the page asks only when the
// catalogue says its language is right to left (words.js direction).

// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…, their presentation
// forms); not their punctuation (، ؛ ؟ ۔), nor Arabic-Indic digits, which follow their neighbours.
const RTL_LETTER = /[\u0591-\u05F4\u0600-\u060B\u060D-\u061A\u061C-\u061E\u0620-\u065F\u066E-\u06D3\u06D5-\u06EF\u06FA-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const LTR_LETTER = /[\p{L}]/u;  // once right-to-left letters are ruled out
const LTR_WORD = /[\p{L}\p{Nd}]/u;

function hasLtrLetter(text) {
  for (const ch of text) if (LTR_LETTER.test(ch) && !RTL_LETTER.test(ch)) return true;
  return false;
}

// Whether text has a letter of a right-to-left script.
export function hasRtlLetter(text) {
  return RTL_LETTER.test(String(text));
}

// The direction of text's first strong letter ('rtl' or 'ltr'), or null when it has none (a
// number, punctuation): what dir="auto" would find.
export function textDirection(text) {
  for (const ch of String(text)) {
    if (RTL_LETTER.test(ch)) return 'rtl';
    if (LTR_LETTER.test(ch)) return 'ltr';
  }
  return null;
}

const PAIRS = { '(': ')', '[': ']', '{': '}', '«': '»', '“': '”', '‘': '’' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
const QUOTES = new Set(['"', "'"]);
// Sentence punctuation at a run's edge belongs to the sentence around it.
const EDGE = /[\s.,:;!?…،؛؟۔—–]/u;

function count(text, ch) {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

// Trims a run to what reads left to right: not the sentence's punctuation at its edges, nor a
// bracket or quote whose partner is outside it. Returns [start, end] in run.
function trimRun(run) {
  let start = 0;
  let end = run.length;
  for (let changed = true; changed && start < end;) {
    changed = false;
    const inner = run.slice(start, end);
    const first = inner[0];
    const last = inner[inner.length - 1];
    if (EDGE.test(first)) { start++; changed = true; continue; }
    if (EDGE.test(last)) { end--; changed = true; continue; }
    if (PAIRS[first] && count(inner, first) > count(inner, PAIRS[first])) { start++; changed = true; continue; }
    if (CLOSERS.has(last) && count(inner, last) > count(inner, CLOSERS.get(last))) { end--; changed = true; continue; }
    if (QUOTES.has(first) && count(inner, first) % 2) { start++; changed = true; continue; }
    if (QUOTES.has(last) && count(inner, last) % 2) { end--; changed = true; continue; }
  }
  return [start, end];
}

// Text of a right-to-left language cut where left-to-right runs must keep their order: numbers
// with their sign or unit ("-1,234", "12.5 %"), cell references, codes, file names and phrases of
// a left-to-right language (a rulebook label without a translation, "Total (all ages)"). Returns
// [{text, ltr}]: the runs with ltr true are to be shown isolated, left to right (<bdi dir="ltr">),
// so that the bidirectional algorithm does not move a minus sign, a bracket or a full stop to the
// other side. Numbers next to numbers stay separate runs, in the sentence's order.
export function bidiRuns(text) {
  text = String(text);
  const parts = text.split(/(\s+)/);  // words at even indexes, spaces at odd ones
  const kind = (word) => (RTL_LETTER.test(word) ? 'rtl' : !LTR_WORD.test(word) ? 'neutral' : hasLtrLetter(word) ? 'latin' : 'number');
  const kinds = parts.map((p, i) => (i % 2 ? 'space' : kind(p)));
  const runs = [];  // [firstWord, lastWord] indexes into parts
  for (let i = 0; i < parts.length; i += 2) {
    if (kinds[i] !== 'latin' && kinds[i] !== 'number') continue;
    let last = i;
    // Joins the next left-to-right words (over neutral words such as "—" or "="); a number takes a
    // following "%"; numbers next to numbers stay apart.
    for (let j = i + 2; j < parts.length; j += 2) {
      if (kinds[j] === 'neutral') {
        if (/^[%‰][.,:;!?…،؛؟]*$/.test(parts[j]) && kinds[last] === 'number' && j === last + 2) { last = j; continue; }
        if (parts[j] === '') break;
        continue;
      }
      // Words of a phrase ("Total (all ages)", "citizenship, age and sex") join; a number joins a
      // word with nothing between them but a space ("15-64 years", "Under 15"), not over
      // punctuation ("72), IMM_CTZ" are two runs of a list).
      const clean = /[\p{L}\p{N}]$/u.test(parts[last]) && /^[\p{L}\p{N}]/u.test(parts[j]) && j === last + 2;
      if ((kinds[j] === 'latin' && kinds[last] === 'latin') || ((kinds[j] === 'latin' || kinds[last] === 'latin') && kinds[j] !== 'rtl' && clean)) {
        last = j;
        continue;
      }
      break;
    }
    runs.push([i, last]);
    i = last;
  }
  const out = [];
  let at = 0;  // characters of text consumed
  const offsets = [];
  for (let i = 0, o = 0; i < parts.length; o += parts[i].length, i++) offsets.push(o);
  for (const [a, b] of runs) {
    const from = offsets[a];
    const to = offsets[b] + parts[b].length;
    let [s, e] = trimRun(text.slice(from, to));
    if (e <= s) continue;
    // A phrase that ends the text keeps its full stop: it is its sentence ("Give each table.").
    const tail = text.slice(from + e);
    if (a !== b && kinds[a] === 'latin' && /^[.!?…]+$/.test(tail)) e += tail.length;
    if (from + s > at) out.push({ text: text.slice(at, from + s), ltr: false });
    out.push({ text: text.slice(from + s, from + e), ltr: true });
    at = from + e;
  }
  if (at < text.length) out.push({ text: text.slice(at), ltr: false });
  return out;
}
