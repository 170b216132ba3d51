// Types of @migcheck/validator (web/embed/migcheck-validator.js; docs/embedding.md).
// The report types follow docs/report.md and its JSON Schema, docs/report.schema.json.

// ---- The report (migcheck validate --format json)

export type Severity = 'error' | 'warning' | 'info';

export interface ReportFile {
  /** The file's name. */
  file: string;
  /** How it was read; '' when it could not be read. */
  format: 'xlsx' | 'csv' | '';
  readable: boolean;
  /** Last year's return (given as `previous`): used by the checks over time, its own findings not reported. */
  previous: boolean;
  /** The reporting country's code, or '' when not recognised. */
  reporting_country: string;
  /** The reference year ('2024'), or '' when not recognised. */
  reference_year: string;
  cells_read: number;
  tables: Array<{ table: string; sheet: string; observations: number }>;
  unrecognised_sheets: string[];
}

export interface Finding {
  /** A rulebook rule id (ADDITIVITY), or a built-in check's or reader error's id (file.legacy_xls). */
  rule: string;
  severity: Severity;
  /** ESS validation level, 0 to 3. */
  level: number;
  file: string;
  /** A table id, or '' when not about one table. */
  table: string;
  /** The sheet, or '' when about the whole file. */
  sheet: string;
  /** An A1 reference in `sheet`, or ''. */
  cell: string;
  /** A1, Sheet!A1 or [file]Sheet!A1. */
  related_cells: string[];
  /** The observation's codes by dimension; empty when not about one observation. */
  key: Record<string, string>;
  expected: number | null;
  actual: number | null;
  /** In the report's language. */
  message: string;
  message_key: string;
  params: Record<string, string>;
}

/** The findings of one rule with one cause in one table, told once (docs/report.md). */
export interface Problem {
  rule: string;
  severity: Severity;
  level: number;
  file: string;
  table: string;
  /** The first finding's sheet and cell. */
  sheet: string;
  cell: string;
  message_key: string;
  /** The first finding's message. */
  message: string;
  /** How many findings (cells or combinations), exact even when the findings are capped. */
  count: number;
  /** 'Sheet!A1' of each finding with a cell, up to 1,000. */
  cells: string[];
  /** Indices into `findings` of those kept under the cap. */
  findings: number[];
}

export interface RuleSummary {
  rule: string;
  kind: 'structure' | 'hierarchy' | 'completeness' | 'partition' | 'exclusion' | 'share' | 'equal_totals' |
    'balance' | 'change' | 'metadata' | 'expression' | 'mirror' | 'revision';
  severity: Severity;
  level: number;
  checked: number;
  passed: number;
  failed: number;
  not_applicable: number;
  /** Why the rule could not be evaluated, or null. */
  error: string | null;
}

export interface Asymmetry {
  rule: string;
  year: string;
  reporter: string;
  partner: string;
  reporter_value: number | null;
  partner_value: number | null;
}

export interface Report {
  tool: { name: 'migcheck'; version: string };
  rulebook: { id: string; version: string };
  language: string;
  files: ReportFile[];
  /** One per rule, cause and table, never capped. */
  problems: Problem[];
  /** One per cell or combination, capped per file; `summary` counts them all. */
  findings: Finding[];
  rules: RuleSummary[];
  asymmetries: Asymmetry[];
  /** errors, warnings, infos: findings (cells); `problems`: problems by severity. */
  summary: {
    errors: number; warnings: number; infos: number;
    problems: { errors: number; warnings: number; infos: number };
    cells_read: number; partial: boolean;
  };
}

// ---- Rulebook information (docs/web.md, "Rulebook information")

/** Text by language: { en: '…', fr: '…' }. */
export type Label = Record<string, string>;

export interface RulebookInfo {
  id: string;
  version: string;
  title: Label;
  languages: string[];
  rules: Array<{ id: string; kind: RuleSummary['kind']; severity: Severity; level: number; enabled: boolean; label: Label; instruction: Label }>;
  tables: Array<{ id: string; module: string; label: Label; dimensions: string[]; optional_dimensions: string[]; required: boolean }>;
  dimensions: Array<{ id: string; concept: string; label: Label; kind: string; codelist: string; reporting_country: boolean }>;
  codelists: Array<{
    id: string;
    label: Label;
    codes: Array<{ id: string; label: Label; role: 'individual' | 'total' | 'unknown' | 'aggregate' | 'relative' | 'not_applicable'; range?: [number, number | null]; group?: string }>;
  }>;
}

export interface RulebookProblem {
  /** JSON pointer into the rulebook ('/tables/3/dimensions/0'). */
  path: string;
  message: string;
}

// ---- The module API

export type Language = 'en' | 'fr' | (string & {});
export type FormatName = 'json' | 'html' | 'sarif' | 'sdmx-csv' | 'text' | 'junit';
export const FORMATS: readonly FormatName[];

/** A file given by its bytes; `name` matters: a CSV file's name gives its table. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array | ArrayBuffer;
}
export type FileInput = File | Blob | NamedBytes;
export type FilesInput = FileInput | FileInput[] | FileList;

export interface Progress {
  stage: 'load' | 'read' | 'recognise' | 'check' | 'across';
  /** Index of the file being read (0-based). */
  file: number;
  files: number;
  /** 0 to 1, increasing. */
  fraction: number;
}

export interface ValidatorOptions {
  /** A URL (fetched: the page's CSP must allow connect-src to it), JSON text, a rulebook object or a Blob; undefined: the bundled rulebook. */
  rulebook?: string | URL | object | Blob;
  /** The language of the messages; default 'en'. */
  language?: Language;
  /** @deprecated The same as `language` (the HTML attribute's name). */
  lang?: Language;
  /** The worker; default ../worker.js next to this module. Must be on the page's origin. */
  workerUrl?: string | URL;
}

export interface ValidateOptions {
  onProgress?: (progress: Progress) => void;
  /** Last year's return, for the checks over time (as `migcheck validate --previous`). */
  previous?: FilesInput;
  /** What sheets, columns and labels mean (docs/mapping.md), as `migcheck validate --mapping`:
   * an object, JSON text, a URL or a Blob. A mapping the core refuses rejects with MappingError. */
  mapping?: object | string | URL | Blob;
  /** Cancels the validation: it stops at once (its worker is replaced) and rejects with an `AbortError`. */
  signal?: AbortSignal;
}

export interface ValidatorInfo {
  /** migcheck's version. */
  version: string;
  rulebook: RulebookInfo;
}

export interface Validator {
  /** Resolves when the worker and the rulebook are loaded; rejects with RulebookError or an Error. */
  readonly ready: Promise<ValidatorInfo>;
  /** The files are checked together as one return. Requests run one after another. */
  validate(input: FilesInput, options?: ValidateOptions): Promise<Report>;
  /** The last report, written by the core ('' before the first validation). */
  format(name: FormatName): Promise<string>;
  /** The language of the next validations. */
  setLanguage(lang: Language): void;
  /** Stops the worker; later calls reject. */
  close(): void;
}

export function createValidator(options?: ValidatorOptions): Validator;

/** The rulebook was refused; `problems` lists why, as `migcheck validate --rulebook` does. */
export class RulebookError extends Error {
  readonly name: 'RulebookError';
  readonly problems: RulebookProblem[];
  constructor(problems: RulebookProblem[]);
}

/** The mapping was refused; `problems` lists why, as `migcheck validate --mapping` does. */
export class MappingError extends Error {
  readonly name: 'MappingError';
  readonly problems: RulebookProblem[];
  constructor(problems: RulebookProblem[]);
}

// ---- The element

export interface ProgressEventDetail extends Progress {}
export interface ValidatedEventDetail { report: Report }
export interface ErrorEventDetail { message: string; problems?: RulebookProblem[] }

export type ElementState = 'loading' | 'ready' | 'busy' | 'done' | 'error';

export class MigcheckValidatorElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The language in use: the `lang` attribute, else the page's, else 'en'. */
  readonly language: Language;
  /** Resolves when the element's validator can take files. */
  readonly ready: Promise<ValidatorInfo>;
  /** The last report shown, or null. */
  readonly report: Report | null;
  /** What sheets, columns and labels mean (docs/mapping.md): wins over the `mapping` attribute
   * (a URL or inline JSON); setting it checks the files again. */
  mapping: object | string | undefined;
  /** Validates files as one return (as a drop does); also fires `progress`, `validated` or `error`.
   * `signal` cancels it: the promise rejects with an `AbortError` and the element says it was cancelled. */
  validate(files: FilesInput, options?: { signal?: AbortSignal }): Promise<Report | null>;
  addEventListener<K extends keyof MigcheckValidatorEventMap>(type: K,
    listener: (this: MigcheckValidatorElement, event: MigcheckValidatorEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K,
    listener: (this: MigcheckValidatorElement, event: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof MigcheckValidatorEventMap>(type: K,
    listener: (this: MigcheckValidatorElement, event: MigcheckValidatorEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K,
    listener: (this: MigcheckValidatorElement, event: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The element's own events: bubbling and composed CustomEvents. */
export interface MigcheckValidatorEventMap {
  progress: CustomEvent<ProgressEventDetail>;
  validated: CustomEvent<ValidatedEventDetail>;
  error: CustomEvent<ErrorEventDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'migcheck-validator': MigcheckValidatorElement;
  }
}
