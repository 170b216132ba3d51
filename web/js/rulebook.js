// Lookups into the rulebook information the engine gives (rules, tables,
// dimensions, code lists with their labels in every language), in the
// language `language()` says: the page's by default, an element's own otherwise.
import { language as pageLanguage } from './i18n.js';
import { pick as pickIn, word } from './words.js';

export class RulebookInfo {
  constructor(info, language = pageLanguage) {
    this.info = info;
    this.language = language;
    this.rules = new Map(info.rules.map((r) => [r.id, r]));
    this.tables = new Map(info.tables.map((tb) => [tb.id, tb]));
    this.dimensions = new Map(info.dimensions.map((d) => [d.id, d]));
    this.codelists = new Map(info.codelists.map((c) => [c.id, { ...c, byId: new Map(c.codes.map((x) => [x.id, x])) }]));
  }

  pick(label) { return pickIn(this.language(), label); }

  get title() { return this.pick(this.info.title); }
  get version() { return this.info.version; }

  ruleLabel(id) { return this.pick(this.rules.get(id)?.label); }
  tableLabel(id) { return this.pick(this.tables.get(id)?.label); }
  dimensionLabel(id) { return this.pick(this.dimensions.get(id)?.label) || id; }

  codelistOf(dimensionId) {
    return this.codelists.get(this.dimensions.get(dimensionId)?.codelist) || null;
  }

  code(dimensionId, codeId) {
    return this.codelistOf(dimensionId)?.byId.get(codeId) || null;
  }

  codeLabel(dimensionId, codeId) {
    return this.pick(this.code(dimensionId, codeId)?.label) || codeId;
  }

  // A reporting country's name ("KEN" -> "Kenya"), from the reporting-country dimension's code list.
  countryLabel(code) {
    const dimension = this.info.dimensions.find((d) => d.reporting_country);
    return dimension ? this.codeLabel(dimension.id, code) : code;
  }

  // The dimension of a table whose concept is `concept` (AGE, SEX), or null.
  dimensionWithConcept(dimensions, concept) {
    return dimensions.find((d) => this.dimensions.get(d)?.concept === concept) || null;
  }

  // What a finding's rule is and what to do about it: the rulebook's label and
  // instruction, or for the core's built-in checks (reading, recognition) the
  // family they belong to.
  explain(ruleId) {
    const rule = this.rules.get(ruleId);
    if (rule) return { label: this.pick(rule.label), instruction: this.pick(rule.instruction) };
    const family = builtinFamily(ruleId);
    return { label: word(this.language(), `page.fam${family}`), instruction: family === 'Other' ? '' : word(this.language(), `page.todo${family}`) };
  }
}

const FAMILIES = [
  [/^(file|zip|xml|xlsx|csv)\./, 'Read'],
  [/^(sheet|table|header|dimension|measure|layout)\./, 'Recognise'],
  [/^label\./, 'Label'],
  [/^value\./, 'Value'],
  [/^(metadata|reporting_country|reference_year)\./, 'Metadata'],
  [/^previous\./, 'Previous'],
];

// The family of one of the core's built-in checks: Read, Recognise, Label, Value, Metadata, Previous or Other.
export function builtinFamily(ruleId) {
  for (const [pattern, family] of FAMILIES) if (pattern.test(ruleId)) return family;
  return 'Other';
}
