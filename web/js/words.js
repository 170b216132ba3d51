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

// 2078862 -> '2,078,862' in English, '2 078 862' in French, as the language's
// catalogue says (number.group, number.decimal), when the integer part has at
// least minDigits digits; anything not a plain number stays as it is.
// fraction: a short number with a fraction takes the language's decimal mark too (a count shown as a
// number; in a sentence "2026.1" may be a version).
function grouped(text, lang, minDigits, fraction = false) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2].length < minDigits && !(fraction && match[3] !== undefined))) return text;
  const words = CATALOGUE[lang] ?? CATALOGUE.en;
  const integer = match[2].length < minDigits ? match[2] : match[2].replace(/\B(?=(\d{3})+$)/g, words['number.group']);
  return match[1] + integer + (match[3] !== undefined ? words['number.decimal'] + match[3] : '');
}

// A placeholder's value in a sentence: numbers of five digits or more are
// grouped, so that a year (2024) or a short code stays as written.
export function readableNumber(value, lang) {
  return grouped(String(value), lang, 5);
}

// A count shown as a number (tiles, charts): at most three decimals, grouped from four digits.
export function formatNumber(lang, value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  return grouped(String(Math.round(value * 1000) / 1000), lang, 4, true);
}

// Fills each "{name}" of template from params (numbers made readable in lang,
// unless numbers is 'as_written'); a placeholder without a param stays; a
// name runs to the nearest brace.
export function fillPlaceholders(template, params, lang, numbers = 'readable') {
  // As the core: in a right-to-left language each value is isolated (U+2068 .. U+2069).
  const [before, after] = direction(lang) === 'rtl' ? ['\u2068', '\u2069'] : ['', ''];
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
    else out += before + (numbers === 'readable' ? readableNumber(params[name], lang) : String(params[name])) + after;
    i = close + 1;
  }
  return out + template.slice(i);
}

// The word of key in lang (else English, else the key), placeholders filled.
export function word(lang, key, params = {}) {
  const template = CATALOGUE[lang]?.[key] ?? CATALOGUE.en[key] ?? key;
  return fillPlaceholders(template, params, lang);
}

// The direction lang is written in, 'rtl' or 'ltr', as its catalogue says (language.direction).
export function direction(lang) {
  return (CATALOGUE[lang] ?? CATALOGUE.en)['language.direction'] === 'rtl' ? 'rtl' : 'ltr';
}

// Text in lang from a rulebook label ({en: …, fr: …}).
export function pick(lang, label) {
  if (!label) return '';
  return label[lang] ?? label.en ?? Object.values(label)[0] ?? '';
}
