// The browser's words: the page's and the embedded element's, from the one
// catalogue of words (core/messages/<language>.json; ./catalogue.js is
// generated from it by scripts/build.sh web). Every function takes the
// language, so that two elements on one page may speak two languages.
// fillPlaceholders follows the core's fill_placeholders rule for rule
// (core/include/migcheck/messages.hpp); both pass tests/fixtures/words/fill-cases.json.
import { CATALOGUE } from './catalogue.js';

export const LANGUAGES = Object.keys(CATALOGUE);

// 'fr-CA' -> 'fr'; anything the catalogue lacks -> 'en'.
export function supportedLanguage(lang) {
  const text = String(lang || '').toLowerCase();
  if (CATALOGUE[text]) return text;
  const base = text.split('-')[0];
  return CATALOGUE[base] ? base : 'en';
}

// 2078862 -> '2,078,862' in English, '2 078 862' in French: numbers of five
// digits or more, as the language's catalogue says (number.group, number.decimal).
export function readableNumber(value, lang) {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || match[2].length < 5) return text;
  const words = CATALOGUE[lang] ?? CATALOGUE.en;
  const grouped = match[2].replace(/\B(?=(\d{3})+$)/g, words['number.group']);
  return match[1] + grouped + (match[3] !== undefined ? words['number.decimal'] + match[3] : '');
}

// A number for display: at most three decimals, then readable in lang.
export function formatNumber(lang, value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  return readableNumber(String(Math.round(value * 1000) / 1000), lang);
}

// Fills each "{name}" of template from params (numbers made readable in lang,
// unless numbers is 'as_written'); a placeholder without a param stays; a
// name runs to the nearest brace.
export function fillPlaceholders(template, params, lang, numbers = 'readable') {
  let out = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    const close = template.indexOf('}', open + 1);
    if (close < 0) break;
    const reopen = template.indexOf('{', open + 1);
    if (reopen >= 0 && reopen < close) {  // "{a{b}": "{a" is text
      out += template.slice(i, reopen);
      i = reopen;
      continue;
    }
    out += template.slice(i, open);
    const name = template.slice(open + 1, close);
    if (!Object.hasOwn(params, name)) out += template.slice(open, close + 1);
    else out += numbers === 'readable' ? readableNumber(params[name], lang) : String(params[name]);
    i = close + 1;
  }
  return out + template.slice(i);
}

// The word of key in lang (else English, else the key), placeholders filled.
export function word(lang, key, params = {}) {
  const template = CATALOGUE[lang]?.[key] ?? CATALOGUE.en[key] ?? key;
  return fillPlaceholders(template, params, lang);
}

// Text in lang from a rulebook label ({en: …, fr: …}).
export function pick(lang, label) {
  if (!label) return '';
  return label[lang] ?? label.en ?? Object.values(label)[0] ?? '';
}
