// The page's words in its one language (the document's): the page.* words of
// the catalogue (./words.js). Messages about the file come from the core,
// rendered in the chosen language. Switching language never reloads the page.
import { LANGUAGES, direction as directionOf, formatNumber as formatIn, pick as pickIn, supportedLanguage, word } from './words.js';
import { bidi as bidiIn, bidiString as bidiStringIn } from './dom.js';

export { LANGUAGES };
let current = 'en';
const listeners = [];

export function language() {
  return current;
}

// The page's direction, 'ltr' or 'rtl', as the catalogue says of its language (language.direction).
export function direction() {
  return directionOf(current);
}

// Text in the page's direction, for el(): right to left, its numbers, references, codes and
// left-to-right phrases isolated (dom.js bidi). bidiString: the same for an option or a title.
export function bidi(text) {
  return bidiIn(text, direction());
}

export function bidiString(text) {
  return bidiStringIn(text, direction());
}

// The page's word for key, with {name} placeholders filled from params.
export function t(key, params = {}) {
  return word(current, `page.${key}`, params);
}

// The language's list marks: punctuation('comma') is ", " in English, "، " in Arabic.
export function punctuation(name) {
  return word(current, `punctuation.${name}`);
}

export function formatNumber(value) {
  return formatIn(current, value);
}

// Text in the current language from a rulebook label ({en: ..., fr: ...}).
export function pick(label) {
  return pickIn(current, label);
}

// The name of a language in that language ("Français"), for its button.
export function languageName(lang) {
  return word(lang, 'language.name');
}

// Fills every [data-i18n] element's text and [data-i18n-attrs="attr:key,..."] attributes.
export function translate(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-attrs]')) {
    for (const pair of node.dataset.i18nAttrs.split(',')) {
      const [attr, key] = pair.split(':');
      node.setAttribute(attr, t(key));
    }
  }
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return false;
  current = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = direction();
  translate();
  for (const fn of listeners) fn(lang);
  return true;
}

// The supported language closest to a browser's preference ('fr-CA' -> 'fr').
export function preferredLanguage(wanted) {
  return supportedLanguage(wanted);
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}
