// The rulebook JSON Schema compiles, the COMESA rulebook is valid against it, broken
// rulebooks are rejected at the right place, and the cross-references and text checks
// the schema cannot express hold (dimensions -> code lists, hierarchies -> codes, both
// languages everywhere, messages with the same placeholders, no label shared by two codes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaPath = path.join(root, 'rulebooks/schema/rulebook.schema.json');
const rulebookPath = path.join(root, 'rulebooks/comesa-migration.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const rulebookText = readFileSync(rulebookPath, 'utf8');
const rulebook = JSON.parse(rulebookText);

// strictRequired is off: the code list's `anyOf: [{required: [codes]}, {required: [based_on]}]`
// names properties declared one level up, which is what it means.
function compile() {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  return ajv.compile(schema);
}
const validate = compile();

function errorsOf(doc) {
  return validate(doc) ? [] : validate.errors;
}
function describe(errors) {
  return errors.map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`).join('\n');
}

// ---------------------------------------------------------------- (a), (b)

test('the schema compiles (ajv, draft 2020-12, strict)', () => {
  assert.equal(typeof compile(), 'function');
});

test('rulebooks/comesa-migration.json is valid against the schema', () => {
  const errors = errorsOf(rulebook);
  assert.deepEqual(errors, [], describe(errors));
});

test('the rulebook file is UTF-8 JSON with 2-space indentation and a trailing newline', () => {
  assert.equal(rulebookText, JSON.stringify(rulebook, null, 2) + '\n');
  assert.ok(!rulebookText.startsWith('\ufeff'), 'no byte order mark');
});

// ---------------------------------------------------------------- (c)

const broken = [
  {
    name: 'missing languages',
    mutate: (rb) => { delete rb.languages; },
    expect: { instancePath: '', keyword: 'required', param: ['missingProperty', 'languages'] },
  },
  {
    name: 'a table with a lower-case id',
    mutate: (rb) => { rb.tables[0].id = 'pop_ctz'; },
    expect: { instancePath: '/tables/0/id', keyword: 'pattern' },
  },
  {
    name: 'a code with an unknown role',
    mutate: (rb) => { rb.codelists.CL_SEX.codes[0].role = 'everyone'; },
    expect: { instancePath: '/codelists/CL_SEX/codes/0/role', keyword: 'enum' },
  },
  {
    name: 'a label with a key that is not a language tag',
    mutate: (rb) => { rb.concepts.SEX.label.English = 'Sex'; },
    expect: { instancePath: '/concepts/SEX/label', keyword: 'propertyNames', param: ['propertyName', 'English'] },
  },
  {
    name: 'a rule with level 7',
    mutate: (rb) => {
      rb.rules = [{ id: 'SEX_ADDS_UP', kind: 'hierarchy', level: 7, severity: 'error',
                      label: { en: 'Sexes add up', fr: 'Les sexes s\'additionnent' }, message: 'label.unknown' }];
    },
    expect: { instancePath: '/rules/0/level', keyword: 'maximum' },
  },
  {
    name: 'a rule of an unknown kind',
    mutate: (rb) => {
      rb.rules = [{ id: 'R1', kind: 'guess', level: 1, severity: 'error',
                      label: { en: 'x', fr: 'x' }, message: 'label.unknown' }];
    },
    expect: { instancePath: '/rules/0/kind', keyword: 'enum' },
  },
  {
    name: 'a code id with a space',
    mutate: (rb) => { rb.codelists.CL_REASON.codes[0].id = 'FAMILY REASONS'; },
    expect: { instancePath: '/codelists/CL_REASON/codes/0/id', keyword: 'pattern' },
  },
  {
    name: 'an age range with three bounds',
    mutate: (rb) => { rb.codelists.CL_AGE.codes[0].range = [0, 4, 9]; },
    expect: { instancePath: '/codelists/CL_AGE/codes/0/range', keyword: 'maxItems' },
  },
  {
    name: 'a measure that is not a count',
    mutate: (rb) => { rb.measure.value = 'percentage'; },
    expect: { instancePath: '/measure/value', keyword: 'enum' },
  },
  {
    name: 'a dimension with an unknown property',
    mutate: (rb) => { rb.dimensions.SEX.codelists = 'CL_SEX'; },
    expect: { instancePath: '/dimensions/SEX', keyword: 'additionalProperties', param: ['additionalProperty', 'codelists'] },
  },
  {
    name: 'a marker without texts',
    mutate: (rb) => { delete rb.markers[0].texts; },
    expect: { instancePath: '/markers/0', keyword: 'required', param: ['missingProperty', 'texts'] },
  },
  {
    name: 'a code list with neither codes nor based_on',
    mutate: (rb) => { delete rb.codelists.CL_SEX.codes; },
    expect: { instancePath: '/codelists/CL_SEX', keyword: 'anyOf' },
  },
  {
    name: 'a metadata field of an unknown kind',
    mutate: (rb) => { rb.metadata_sheet.fields[2].kind = 'string'; },
    expect: { instancePath: '/metadata_sheet/fields/2/kind', keyword: 'enum' },
  },
  {
    name: 'a wrong format version',
    mutate: (rb) => { rb.format = 'migcheck-rulebook/2'; },
    expect: { instancePath: '/format', keyword: 'const' },
  },
];

for (const { name, mutate, expect } of broken) {
  test(`schema rejects: ${name} (at ${expect.instancePath || '/'})`, () => {
    const copy = structuredClone(rulebook);
    mutate(copy);
    const errors = errorsOf(copy);
    assert.ok(errors.length > 0, 'the broken rulebook must be invalid');
    const hit = errors.find((e) => e.instancePath === expect.instancePath && e.keyword === expect.keyword &&
      (!expect.param || e.params[expect.param[0]] === expect.param[1]));
    assert.ok(hit, `expected a "${expect.keyword}" error at "${expect.instancePath}", got:\n${describe(errors)}`);
  });
}

// ---------------------------------------------------------------- (d) helpers

const languages = rulebook.languages;

// What the matcher does to people's text (docs/rulebook.md, core/src/util/normalize.cpp), a little
// more eagerly: case, accents (and æ œ ø ß), repeated and special spaces, apostrophe and dash kinds,
// surrounding punctuation. A collision found with this key is at least as strict as the matcher's.
function norm(text) {
  return text
    .replace(/[æÆ]/g, 'ae').replace(/[œŒ]/g, 'oe').replace(/[øØ]/g, 'o').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032\u02bc\u00b4`]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\s\u00a0\u2007\u2009\u202f\u200b\u3000\ufeff]+/g, ' ')
    .trim()
    .replace(/^[\s"'.,;:!?()[\]{}«»]+|[\s"'.,;:!?()[\]{}«»]+$/g, '');
}

function codesOf(listId) {
  const list = rulebook.codelists[listId];
  if (!list) return null;
  if (list.codes) return list.codes;
  const base = codesOf(list.based_on);
  if (!base) return null;
  const excluded = new Set(list.exclude ?? []);
  return base.filter((c) => !excluded.has(c.id));
}

// Every text of a label and its synonyms, with where it comes from.
function textsOf(item, prefix = '') {
  const out = [];
  for (const [lang, text] of Object.entries(item.label ?? {})) out.push({ text, where: `${prefix}label.${lang}` });
  for (const [lang, list] of Object.entries(item.synonyms ?? {}))
    list.forEach((text, i) => out.push({ text, where: `${prefix}synonyms.${lang}[${i}]` }));
  return out;
}

// Collisions between different owners: [{key, a, b}] for every normalised text two owners share.
function collisions(owners) {
  const seen = new Map();
  const found = [];
  for (const { owner, text, where } of owners) {
    const key = norm(text);
    const prior = seen.get(key);
    if (prior && prior.owner !== owner) found.push(`"${key}": ${prior.owner} ${prior.where} ("${prior.text}") and ${owner} ${where} ("${text}")`);
    else if (!prior) seen.set(key, { owner, text, where });
  }
  return found;
}

test('the normalisation and the collision finder used below work', () => {
  assert.equal(norm('  Côte d’Ivoire '), "cote d'ivoire");
  assert.equal(norm('CONGO – KINSHASA'), 'congo - kinshasa');
  assert.equal(norm('Non\u00a0 déclaré:'), 'non declare');
  assert.equal(norm('Total.'), 'total');
  assert.deepEqual(collisions([
    { owner: 'CIV', text: "Côte d'Ivoire", where: 'label.fr' },
    { owner: 'CIV', text: "Cote d'Ivoire", where: 'synonyms.en[0]' },
  ]), []);
  assert.deepEqual(collisions([
    { owner: 'COG', text: 'Congo', where: 'label.en' },
    { owner: 'COD', text: 'congo.', where: 'synonyms.en[0]' },
  ]), ['"congo": COG label.en ("Congo") and COD synonyms.en[0] ("congo.")']);
});

// ---------------------------------------------------------------- (d) cross-references

test('every code list has codes (or takes them from an existing list) and unique code ids', () => {
  const problems = [];
  for (const [id, list] of Object.entries(rulebook.codelists)) {
    if (list.based_on) {
      if (!rulebook.codelists[list.based_on]) problems.push(`${id}: based_on unknown list ${list.based_on}`);
      else if (rulebook.codelists[list.based_on].based_on) problems.push(`${id}: based_on a list that is itself based_on`);
      const base = new Set((codesOf(list.based_on) ?? []).map((c) => c.id));
      for (const x of list.exclude ?? []) if (!base.has(x)) problems.push(`${id}: exclude names unknown code ${x}`);
    }
    const codes = codesOf(id) ?? [];
    if (codes.length === 0) problems.push(`${id}: no codes`);
    const ids = new Set();
    for (const c of list.codes ?? []) {
      if (ids.has(c.id)) problems.push(`${id}: code ${c.id} appears twice`);
      ids.add(c.id);
    }
  }
  assert.deepEqual(problems, []);
});

test('every dimension names an existing concept, and a code list exactly when it is coded', () => {
  const problems = [];
  for (const [id, d] of Object.entries(rulebook.dimensions)) {
    if (!rulebook.concepts[d.concept]) problems.push(`/dimensions/${id}/concept: unknown concept ${d.concept}`);
    const kind = d.kind ?? 'coded';
    if (kind === 'coded' && !rulebook.codelists[d.codelist]) problems.push(`/dimensions/${id}/codelist: unknown code list ${d.codelist}`);
    if (kind === 'time' && d.codelist) problems.push(`/dimensions/${id}: a time dimension has no code list`);
  }
  const reporting = Object.entries(rulebook.dimensions).filter(([, d]) => d.role === 'reporting_country');
  assert.equal(reporting.length, 1, 'exactly one dimension has role reporting_country');
  assert.ok(Object.values(rulebook.dimensions).some((d) => d.kind === 'time'), 'a time dimension exists');
  assert.deepEqual(problems, []);
});

test('measure, attributes, metadata and sources fields name existing code lists', () => {
  const problems = [];
  if (!rulebook.concepts[rulebook.measure.id]) problems.push(`/measure/id: no concept ${rulebook.measure.id}`);
  for (const [id, a] of Object.entries(rulebook.attributes ?? {})) {
    if ((a.kind ?? 'coded') === 'coded' && !rulebook.codelists[a.codelist]) problems.push(`/attributes/${id}: unknown code list ${a.codelist}`);
  }
  for (const sheet of ['metadata_sheet', 'sources_sheet']) {
    const ids = new Set();
    rulebook[sheet].fields.forEach((f, i) => {
      if (ids.has(f.id)) problems.push(`/${sheet}/fields/${i}: field ${f.id} appears twice`);
      ids.add(f.id);
      const kind = f.kind ?? (f.codelist ? 'coded' : undefined);
      if (kind === 'coded' && !rulebook.codelists[f.codelist]) problems.push(`/${sheet}/fields/${i}: unknown code list ${f.codelist}`);
      if (kind === undefined) problems.push(`/${sheet}/fields/${i}: neither kind nor codelist`);
    });
  }
  assert.deepEqual(problems, []);
});

test('every table names existing dimensions; table ids are unique; required tables are the core', () => {
  const problems = [];
  const ids = new Set();
  rulebook.tables.forEach((t, i) => {
    if (ids.has(t.id)) problems.push(`/tables/${i}/id: ${t.id} twice`);
    ids.add(t.id);
    for (const key of ['dimensions', 'optional_dimensions'])
      (t[key] ?? []).forEach((d, k) => { if (!rulebook.dimensions[d]) problems.push(`/tables/${i}/${key}/${k}: unknown dimension ${d}`); });
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(rulebook.tables.filter((t) => t.required).map((t) => t.id).sort(), ['EMI_CTZ', 'IMM_CTZ', 'POP_CTB', 'POP_CTZ']);
});

test('every hierarchy names codes of its list (or of the list it is based on)', () => {
  const problems = [];
  for (const [id, list] of Object.entries(rulebook.codelists)) {
    const codes = new Map((codesOf(id) ?? []).map((c) => [c.id, c]));
    const hids = new Set();
    (list.hierarchies ?? []).forEach((h, i) => {
      const at = `/codelists/${id}/hierarchies/${i}`;
      if (hids.has(h.id)) problems.push(`${at}/id: ${h.id} twice`);
      hids.add(h.id);
      if (!codes.has(h.total)) problems.push(`${at}/total: unknown code ${h.total}`);
      if (Array.isArray(h.parts)) {
        h.parts.forEach((p, k) => { if (!codes.has(p)) problems.push(`${at}/parts/${k}: unknown code ${p}`); });
        if (h.parts.includes(h.total)) problems.push(`${at}: the total is one of its parts`);
        if (new Set(h.parts).size !== h.parts.length) problems.push(`${at}: a part appears twice`);
        if (h.group) {
          const inGroup = [...codes.values()].filter((c) => c.group === h.group).map((c) => c.id);
          const missing = inGroup.filter((c) => !h.parts.includes(c));
          if (missing.length) problems.push(`${at}: group ${h.group} codes missing from parts: ${missing}`);
          const foreign = h.parts.filter((p) => codes.get(p)?.group && codes.get(p).group !== h.group);
          if (foreign.length) problems.push(`${at}: parts of another group: ${foreign}`);
        }
      } else if ((h.parts.except ?? []).includes('reporting_country') &&
                 ![...codes.values()].some((c) => c.role === 'relative' && c.relative_to === 'reporting_country')) {
        problems.push(`${at}: except reporting_country, but the list has no relative code for it`);
      }
    });
    for (const c of codes.values())
      if (c.role === 'relative' && !c.relative_to) problems.push(`/codelists/${id}: relative code ${c.id} without relative_to`);
  }
  assert.deepEqual(problems, []);
});

test('numeric ranges of each group form one partition without overlaps or gaps', () => {
  const problems = [];
  for (const [id, list] of Object.entries(rulebook.codelists)) {
    const ranged = (list.codes ?? []).filter((c) => c.range);
    const groups = new Map();
    for (const c of ranged) {
      const g = c.group ?? '';
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(c);
    }
    for (const [g, codes] of groups) {
      codes.sort((a, b) => a.range[0] - b.range[0]);
      for (let i = 0; i < codes.length; i++) {
        const [lo, hi] = codes[i].range;
        if (hi !== null && hi < lo) problems.push(`${id} ${codes[i].id}: range [${lo}, ${hi}] is reversed`);
        if (i + 1 < codes.length) {
          if (hi === null) problems.push(`${id} group "${g}": ${codes[i].id} is open but not last`);
          else if (codes[i + 1].range[0] !== hi + 1) problems.push(`${id} group "${g}": gap or overlap between ${codes[i].id} and ${codes[i + 1].id}`);
        } else if (hi !== null) problems.push(`${id} group "${g}": the last band ${codes[i].id} is not open-ended`);
      }
      if (id === 'CL_AGE' && codes[0].range[0] !== 0) problems.push(`${id} group "${g}" does not start at 0`);
    }
  }
  assert.deepEqual(problems, []);
});

test('markers and flags use codes of CL_OBS_STATUS / CL_CONF_STATUS; their texts are distinct', () => {
  const problems = [];
  const obs = new Set(codesOf(rulebook.attributes.OBS_STATUS.codelist).map((c) => c.id));
  const conf = new Set(codesOf(rulebook.attributes.CONF_STATUS.codelist).map((c) => c.id));
  const texts = new Map();
  for (const [key, list, field] of [['markers', rulebook.markers, 'texts'], ['flags', rulebook.flags, 'suffixes']]) {
    const ids = new Set();
    list.forEach((m, i) => {
      if (ids.has(m.id)) problems.push(`/${key}/${i}: id ${m.id} twice`);
      ids.add(m.id);
      if (m.obs_status && !obs.has(m.obs_status)) problems.push(`/${key}/${i}/obs_status: unknown ${m.obs_status}`);
      if (m.conf_status && !conf.has(m.conf_status)) problems.push(`/${key}/${i}/conf_status: unknown ${m.conf_status}`);
      for (const t of m[field]) {
        const k = `${key}:${t.toLowerCase()}`;
        if (texts.has(k)) problems.push(`/${key}/${i}: "${t}" also in ${texts.get(k)}`);
        texts.set(k, m.id);
        if (key === 'markers' && /^[0-9]/.test(t)) problems.push(`/${key}/${i}: "${t}" looks like a number`);
      }
    });
  }
  assert.deepEqual(problems, []);
});

// ---------------------------------------------------------------- (d) languages and messages

test('every label, definition and description has exactly the rulebook languages; synonyms only those', () => {
  const problems = [];
  const labelKeys = new Set(['label', 'title', 'description', 'definition', 'reference_date', 'instruction']);
  const walk = (node, at) => {
    if (Array.isArray(node)) { node.forEach((x, i) => walk(x, `${at}/${i}`)); return; }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const here = `${at}/${k}`;
      if (labelKeys.has(k) && v && typeof v === 'object' && !Array.isArray(v) && at !== '/messages') {
        for (const lang of languages) if (typeof v[lang] !== 'string' || !v[lang].trim()) problems.push(`${here}: no "${lang}" text`);
        for (const lang of Object.keys(v)) if (!languages.includes(lang)) problems.push(`${here}/${lang}: not a language of the rulebook`);
        for (const lang of languages) if (typeof v[lang] === 'string' && v[lang] !== v[lang].trim()) problems.push(`${here}/${lang}: surrounding spaces`);
      } else if (k === 'synonyms' && v && typeof v === 'object') {
        for (const [lang, list] of Object.entries(v)) {
          if (!languages.includes(lang)) problems.push(`${here}/${lang}: not a language of the rulebook`);
          list.forEach((s, i) => { if (s !== s.trim() || !s) problems.push(`${here}/${lang}/${i}: empty or surrounding spaces`); });
        }
      } else if (k !== 'messages') {
        walk(v, here);
      }
    }
  };
  walk(rulebook, '');
  assert.deepEqual(problems, []);
  for (const lang of languages) assert.ok(rulebook.range_words[lang], `range_words for "${lang}"`);
});

const requiredMessages = {
  'sheet.unrecognised': ['sheet', 'candidate', 'reason'],
  'sheet.ignored': ['sheet'],
  'table.missing': ['table'],
  'table.duplicate': ['table', 'sheet', 'other_sheet'],
  'header.unknown': ['header', 'cell', 'table'],
  'dimension.missing': ['dimension', 'table', 'sheet'],
  'measure.missing': ['table', 'sheet'],
  'label.unknown': ['label', 'cell', 'dimension', 'suggestions'],
  'label.ambiguous': ['label', 'cell', 'codes'],
  'layout.ambiguous': ['sheet', 'reason'],
  'value.not_number': ['value', 'cell'],
  'value.number_as_text': ['value', 'cell'],
  'value.negative': ['value', 'cell'],
  'value.not_whole': ['value', 'cell'],
  'metadata.missing': ['field'],
  'metadata.sheet_missing': [],
  'reporting_country.unknown': ['sheet'],
  'reference_year.unknown': ['sheet'],
};
const placeholders = (s) => [...new Set([...s.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]))].sort();

test('every message exists in every language with the same placeholders', () => {
  const problems = [];
  assert.deepEqual(Object.keys(rulebook.messages).sort(), [...languages].sort());
  const keys = new Set(languages.flatMap((l) => Object.keys(rulebook.messages[l])));
  for (const key of keys) {
    const first = rulebook.messages[languages[0]][key];
    for (const lang of languages) {
      const text = rulebook.messages[lang][key];
      if (text === undefined) { problems.push(`/messages/${lang}: "${key}" missing`); continue; }
      if (first !== undefined && placeholders(text).join() !== placeholders(first).join())
        problems.push(`/messages/${lang}/${key}: placeholders {${placeholders(text)}} differ from {${placeholders(first)}}`);
      if (/\{(?![a-z_]+\})|(?<!\{[a-z_]*)\}/.test(text)) problems.push(`/messages/${lang}/${key}: unbalanced braces`);
    }
  }
  for (const [key, names] of Object.entries(requiredMessages))
    for (const lang of languages) {
      const text = rulebook.messages[lang][key];
      if (text === undefined) problems.push(`/messages/${lang}: required "${key}" missing`);
      else if (placeholders(text).join() !== [...names].sort().join())
        problems.push(`/messages/${lang}/${key}: placeholders {${placeholders(text)}}, expected {${[...names].sort()}}`);
    }
  rulebook.rules.forEach((r, i) => {
    for (const lang of languages) if (!rulebook.messages[lang][r.message]) problems.push(`/rules/${i}/message: "${r.message}" not in ${lang}`);
  });
  assert.deepEqual(problems, []);
});

test('French messages follow French typography', () => {
  const problems = [];
  for (const [key, text] of Object.entries(rulebook.messages.fr ?? {})) {
    if (/"/.test(text)) problems.push(`${key}: straight double quotes instead of « »`);
    if (/«(?![ \u00a0\u202f])|(?<![ \u00a0\u202f])»/.test(text)) problems.push(`${key}: « » without inner spaces`);
    if (/[^ \u00a0\u202f.][;:?!](?=\s|$)/.test(text.replace(/\{[a-z_]+\}/g, 'x'))) problems.push(`${key}: no space before ; : ? !`);
  }
  assert.deepEqual(problems, []);
});

// ---------------------------------------------------------------- (d) collisions

test('no two codes of a list share a normalised id, label, synonym, numeric or alpha-2', () => {
  const problems = [];
  for (const [id, list] of Object.entries(rulebook.codelists)) {
    if (!list.codes) continue;  // based_on lists reuse their base's texts
    const owners = [];
    for (const c of list.codes) {
      owners.push({ owner: c.id, text: c.id, where: 'id' });
      for (const t of textsOf(c)) owners.push({ owner: c.id, ...t });
      if (c.numeric) owners.push({ owner: c.id, text: c.numeric, where: 'numeric' });
      if (c.alpha2) owners.push({ owner: c.id, text: c.alpha2, where: 'alpha2' });
    }
    for (const p of collisions(owners)) problems.push(`${id}: ${p}`);
  }
  assert.deepEqual(problems, []);
});

// A small reading of range labels with range_words ("0-4 years", "0 à 4 ans", "85+", "Under 15"):
// no label of a ranged list may read as the range of another code.
function parseRange(text) {
  let t = norm(text);
  for (const w of Object.values(rulebook.range_words))
    for (const u of [...w.units].sort((a, b) => b.length - a.length))
      t = t.replace(new RegExp(`(?<=\\d|\\s)${u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`, 'g'), '').trim();
  t = t.replace(/\s+/g, ' ').trim();
  for (const w of Object.values(rulebook.range_words)) {
    for (const b of w.between) {
      const m = t.match(new RegExp(`^(\\d+) ?${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ?(\\d+)$`));
      if (m) return [Number(m[1]), Number(m[2])];
    }
    for (const h of w.open_high) {
      const m = t.match(new RegExp(`^(\\d+) ?${norm(h).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      if (m) return [Number(m[1]), null];
    }
    for (const u of w.up_to ?? []) {
      const m = t.match(new RegExp(`^(\\d+) ?${norm(u).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      if (m) return [0, Number(m[1])];
    }
    for (const l of w.open_low) {
      const m = t.match(new RegExp(`^${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ?(\\d+)$`));
      if (m) return [0, Number(m[1]) - 1];
    }
  }
  return null;
}

test('range labels read as their own range, never as another code\'s', () => {
  assert.deepEqual(parseRange('0-4'), [0, 4]);
  assert.deepEqual(parseRange('0 à 4 ans'), [0, 4]);
  assert.deepEqual(parseRange('85+'), [85, null]);
  assert.deepEqual(parseRange('85 ans et plus'), [85, null]);
  assert.deepEqual(parseRange('Under 15'), [0, 14]);
  const problems = [];
  let read = 0;
  for (const [id, list] of Object.entries(rulebook.codelists)) {
    const ranged = (list.codes ?? []).filter((c) => c.range);
    if (!ranged.length) continue;
    const byRange = new Map(ranged.map((c) => [JSON.stringify(c.range), c.id]));
    for (const c of list.codes)
      for (const { text, where } of textsOf(c)) {
        const r = parseRange(text);
        if (!r) continue;
        read++;
        const owner = byRange.get(JSON.stringify(r));
        if (owner !== undefined && owner !== c.id) problems.push(`${id} ${c.id} ${where} "${text}" reads as ${JSON.stringify(r)}, the range of ${owner}`);
        if (owner === undefined && c.range) problems.push(`${id} ${c.id} ${where} "${text}" reads as ${JSON.stringify(r)}, not its range ${JSON.stringify(c.range)}`);
      }
  }
  assert.ok(read > 20, `range labels were read (${read})`);
  assert.deepEqual(problems, []);
});

test('column headers (dimensions, measure, attributes) do not collide', () => {
  const owners = [];
  for (const [id, d] of Object.entries(rulebook.dimensions)) {
    owners.push({ owner: `dimension ${id}`, text: id, where: 'id' });
    for (const t of textsOf(d)) owners.push({ owner: `dimension ${id}`, ...t });
  }
  owners.push({ owner: 'measure', text: rulebook.measure.id, where: 'id' });
  for (const t of textsOf(rulebook.measure)) owners.push({ owner: 'measure', ...t });
  for (const [id, a] of Object.entries(rulebook.attributes ?? {})) {
    owners.push({ owner: `attribute ${id}`, text: id, where: 'id' });
    for (const t of textsOf(a)) owners.push({ owner: `attribute ${id}`, ...t });
  }
  assert.deepEqual(collisions(owners), []);
});

test('table names, Metadata and Sources sheet names do not collide', () => {
  const owners = [];
  rulebook.tables.forEach((t) => {
    owners.push({ owner: `table ${t.id}`, text: t.id, where: 'id' });
    for (const x of textsOf(t)) owners.push({ owner: `table ${t.id}`, ...x });
  });
  for (const sheet of ['metadata_sheet', 'sources_sheet'])
    for (const x of textsOf(rulebook[sheet])) owners.push({ owner: sheet, ...x });
  assert.deepEqual(collisions(owners), []);
});

test('fields of the Metadata sheet, and of the Sources sheet, do not collide', () => {
  for (const sheet of ['metadata_sheet', 'sources_sheet']) {
    const owners = [];
    for (const f of rulebook[sheet].fields) {
      owners.push({ owner: f.id, text: f.id, where: 'id' });
      for (const x of textsOf(f)) owners.push({ owner: f.id, ...x });
    }
    assert.deepEqual(collisions(owners), [], sheet);
  }
});

// ---------------------------------------------------------------- (d) content

test('the concepts, code lists, dimensions and tables of domain.md are all there', () => {
  const concepts = ['USUAL_RESIDENCE', 'USUAL_RESIDENT_POPULATION', 'IMMIGRANT', 'EMIGRANT', 'CITIZENSHIP', 'NATIONALS',
    'NATIONALS_ABROAD', 'COUNTRY_OF_BIRTH', 'REASON_FOR_ARRIVAL', 'REASON_FOR_DEPARTURE', 'REFUGEE', 'ASYLUM_SEEKER',
    'RESIDENCE_PERMIT', 'FIRST_PERMIT', 'SEX', 'AGE', 'TIME_PERIOD', 'REF_AREA', 'PREV_RESIDENCE', 'NEXT_RESIDENCE',
    'COUNTRY_OF_RESIDENCE', 'FORMER_CITIZENSHIP', 'COUNTRY_OF_ORIGIN', 'REASON', 'PERMIT_TYPE', 'DURATION', 'PROT_STATUS',
    'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'SOURCE_TYPE', 'RESIDENCE_RULE'];
  for (const c of concepts) {
    assert.ok(rulebook.concepts[c], `concept ${c}`);
    assert.ok(rulebook.concepts[c].definition, `definition of ${c}`);
  }
  for (const c of ['CL_SEX', 'CL_AGE', 'CL_AREA', 'CL_COUNTRY', 'CL_REASON', 'CL_PERMIT_TYPE', 'CL_DURATION',
    'CL_PROT_STATUS', 'CL_SOURCE_TYPE', 'CL_OBS_STATUS', 'CL_CONF_STATUS', 'CL_RESIDENCE_RULE'])
    assert.ok(rulebook.codelists[c], `code list ${c}`);
  const expected = {
    POP_CTZ: ['CITIZENSHIP', 'AGE', 'SEX'], POP_CTB: ['COUNTRY_OF_BIRTH', 'AGE', 'SEX'],
    IMM_CTZ: ['CITIZENSHIP', 'AGE', 'SEX'], IMM_CTB: ['COUNTRY_OF_BIRTH', 'AGE', 'SEX'],
    IMM_PREV: ['PREV_RESIDENCE', 'SEX'], IMM_REASON: ['REASON', 'SEX'], EMI_CTZ: ['CITIZENSHIP', 'AGE', 'SEX'],
    EMI_NEXT: ['NEXT_RESIDENCE', 'SEX'], EMI_REASON: ['REASON', 'SEX'], ABR: ['COUNTRY_OF_RESIDENCE', 'SEX'],
    PERMITS: ['PERMIT_TYPE', 'REASON', 'DURATION', 'CITIZENSHIP'], ACQ: ['FORMER_CITIZENSHIP', 'AGE', 'SEX'],
    REF: ['COUNTRY_OF_ORIGIN', 'PROT_STATUS', 'SEX'],
  };
  assert.deepEqual(Object.fromEntries(rulebook.tables.map((t) => [t.id, t.dimensions])), expected);
});

// What people really type, and the code it must reach (after the matcher's normalisation).
function lookup(listId, text) {
  const hits = new Set();
  for (const c of codesOf(listId)) {
    const texts = [c.id, c.numeric, c.alpha2, ...textsOf(c).map((x) => x.text)].filter(Boolean);
    if (texts.some((t) => norm(t) === norm(text))) hits.add(c.id);
  }
  return [...hits];
}

test('labels people type reach the right code', () => {
  const cases = {
    CL_SEX: { Male: 'M', Men: 'M', Hommes: 'M', Masculin: 'M', H: 'M', Female: 'F', Women: 'F', Femmes: 'F',
      'Féminin': 'F', feminin: 'F', Total: '_T', Ensemble: '_T', Unknown: '_U', Inconnu: '_U', 'Non déclaré': '_U',
      'non declare': '_U' },
    CL_AGE: { 'Under 15': 'Y_LT15', 'Moins de 15 ans': 'Y_LT15', '85 ans et plus': 'Y_GE85', '85+': 'Y_GE85',
      '0 à 4 ans': 'Y0T4', '65+': 'Y_GE65' },
    CL_AREA: {
      "Côte d'Ivoire": 'CIV', "Cote d'Ivoire": 'CIV', 'Côte d’Ivoire': 'CIV', 'Ivory Coast': 'CIV',
      'DR Congo': 'COD', DRC: 'COD', 'Congo-Kinshasa': 'COD', 'Congo–Kinshasa': 'COD', 'Democratic Republic of Congo': 'COD',
      'RD Congo': 'COD', RDC: 'COD', 'République démocratique du Congo': 'COD', 'Congo Brazzaville': 'COG', Congo: 'COG',
      Tanzania: 'TZA', Tanzanie: 'TZA', Swaziland: 'SWZ', Eswatini: 'SWZ', 'Cape Verde': 'CPV', 'Cap-Vert': 'CPV',
      Russia: 'RUS', Syria: 'SYR', Iran: 'IRN', 'South Korea': 'KOR', 'Corée du Sud': 'KOR', 'North Korea': 'PRK',
      Vietnam: 'VNM', Laos: 'LAO', Moldova: 'MDA', Bolivia: 'BOL', Venezuela: 'VEN', UK: 'GBR', 'Great Britain': 'GBR',
      'Royaume-Uni': 'GBR', USA: 'USA', 'United States': 'USA', 'États-Unis': 'USA', 'Etats-Unis': 'USA',
      'Czech Republic': 'CZE', Turkey: 'TUR', Turquie: 'TUR', 'Türkiye': 'TUR', Macedonia: 'MKD', Palestine: 'PSE',
      Libye: 'LBY', Somalie: 'SOM', Soudan: 'SDN', 'Égypte': 'EGY', Egypte: 'EGY', 'Éthiopie': 'ETH', 'Érythrée': 'ERI',
      Ouganda: 'UGA', Zambie: 'ZMB', Maurice: 'MUS', Mauritius: 'MUS', Comores: 'COM', Comoros: 'COM', Kenya: 'KEN',
      Rwanda: 'RWA', Burundi: 'BDI', Djibouti: 'DJI', Madagascar: 'MDG', Malawi: 'MWI', Seychelles: 'SYC',
      Tunisie: 'TUN', Zimbabwe: 'ZWE', 'South Sudan': 'SSD', Sudan: 'SDN', Niger: 'NER', Nigeria: 'NGA',
      KE: 'KEN', 404: 'KEN', '004': 'AFG', Stateless: 'STLS', Apatrides: 'STLS', Nationals: 'NAT', 'Étrangers': 'FOR',
      Foreigners: 'FOR',
    },
    CL_REASON: { Family: 'FAM', Famille: 'FAM', 'Études': 'EDUC', Employment: 'OCC', Asylum: 'PROT', Autre: 'OTH' },
    CL_PROT_STATUS: { Refugees: 'REF', "Demandeurs d'asile": 'ASY' },
  };
  const problems = [];
  for (const [list, pairs] of Object.entries(cases))
    for (const [text, code] of Object.entries(pairs)) {
      const hits = lookup(list, text);
      if (hits.length !== 1 || hits[0] !== code) problems.push(`${list} "${text}": ${hits.length ? hits.join(', ') : 'no code'}, expected ${code}`);
    }
  assert.deepEqual(problems, []);
});

test('CL_AREA: every ISO 3166-1 country (with M49 number and alpha-2) before the aggregates; COMESA members there', () => {
  const codes = rulebook.codelists.CL_AREA.codes;
  const countries = codes.filter((c) => c.alpha2);
  assert.ok(countries.length >= 249, `${countries.length} countries`);
  assert.deepEqual(codes.slice(countries.length).map((c) => c.id), ['NAT', 'FOR', 'STLS', '_O', '_U', '_T']);
  const ids = countries.map((c) => c.id);
  assert.deepEqual(ids, [...ids].sort(), 'countries sorted by alpha-3');
  for (const c of countries) {
    assert.match(c.id, /^[A-Z]{3}$/);
    assert.match(c.numeric, /^[0-9]{3}$/);
  }
  assert.match(rulebook.codelists.CL_AREA.generated_by, /^rulebooks\/generate\/countries\.py from Debian iso-codes \S+ and unicode-cldr-core \S+$/);
  const comesa = ['BDI', 'COM', 'COD', 'DJI', 'EGY', 'ERI', 'SWZ', 'ETH', 'KEN', 'LBY', 'MDG', 'MWI', 'MUS', 'RWA',
    'SYC', 'SOM', 'SDN', 'TUN', 'UGA', 'ZMB', 'ZWE'];
  for (const m of comesa) assert.ok(ids.includes(m), m);
  const byId = Object.fromEntries(codes.map((c) => [c.id, c]));
  assert.equal(byId.NAT.role, 'relative');
  assert.equal(byId.NAT.relative_to, 'reporting_country');
  assert.equal(byId.FOR.role, 'aggregate');
  assert.equal(byId._U.role, 'unknown');
  assert.equal(byId._O.role, 'residual');  // "Other countries": counted in FOR with the listed ones
  assert.equal(byId._T.role, 'total');
  assert.ok(!codesOf('CL_COUNTRY').some((c) => c.id === 'STLS'), 'CL_COUNTRY has no STLS');
});

const generator = path.join(root, 'rulebooks/generate/countries.py');
const haveIsoCodes = existsSync('/usr/share/iso-codes/json/iso_3166-1.json') && existsSync('/usr/bin/python3') &&
  existsSync('/usr/share/unicode/cldr/common/main/fr.xml');
test('CL_AREA is what rulebooks/generate/countries.py writes (byte for byte)', { skip: !haveIsoCodes && 'iso-codes, unicode-cldr-core or python3 missing' }, () => {
  try {
    execFileSync('/usr/bin/python3', [generator, '--check'], { cwd: '/', encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`countries.py --check failed (${e.status}): ${e.stderr || e.message}`);
  }
});
