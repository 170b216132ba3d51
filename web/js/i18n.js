// The page's own words in English and French. Messages about the file come
// from the core (rendered in the chosen language); these are only the
// interface's labels. Switching language never reloads the page.
const dictionaries = {
  en: {
    skip: 'Skip to the report',
    tagline: 'Check a national migration statistics return against the rulebook, cell by cell.',
    language: 'Language',
    privacy: 'Your files are checked inside this page and never leave your computer: the page is not allowed to connect to any server.',
    inputTitle: 'Files to check',
    dropMain: 'Drop your return here (.xlsx or .csv), or choose files',
    dropHelp: 'You can check several files at once, for example one CSV file per table: they are checked together as one return.',
    rulebookLegend: 'Rulebook',
    rulebookBundled: 'The bundled rulebook',
    rulebookBundledName: 'The bundled rulebook: {title} ({version})',
    rulebookOwn: 'My own rulebook (JSON file):',
    rulebookFile: 'Rulebook file',
    rulebookLoaded: 'Using {title} ({version}) from {file}.',
    rulebookProblems: '{file} is not a usable rulebook ({count} problems). The bundled rulebook is used instead.',
    rulebookUnreadable: '{file} could not be read as text.',
    rulebookChoose: 'Choose a rulebook file, or use the bundled rulebook.',
    reportTitle: 'Report',
    reportFiles: '{files} — rulebook {rulebook} {version}',
    downloads: 'Download:',
    downloadJson: 'Report (JSON)',
    downloadHtml: 'Report (HTML)',
    downloadSarif: 'Report (SARIF)',
    downloadSdmx: 'Observations (SDMX-CSV)',
    downloadFailed: 'This download is not available for this report.',
    findingsTitle: 'Findings',
    filterSeverity: 'Severity',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Infos',
    tablesRecognised: 'Tables recognised',
    unrecognisedSheets: 'Sheets not recognised:',
    reportingCountry: 'reporting country {country}',
    referenceYear: 'reference year {year}',
    partial: 'Only the first findings of each file are listed; the counts include them all.',
    filterFile: 'File',
    filterTable: 'Table',
    filterRule: 'Rule',
    search: 'Search',
    all: 'All',
    noTable: '(no table)',
    prevError: '◀ Previous error (P)',
    nextError: 'Next error (N) ▶',
    findingsCaption: 'Findings: select one to see its cell in the sheet',
    colSeverity: 'Severity',
    colWhere: 'Where',
    colFinding: 'Finding and what to do',
    shown: '{shown} of {total} findings shown',
    more: 'Show {count} more',
    noMatch: 'No finding matches the filters.',
    noFindings: 'No findings: the return passes every rule of the rulebook.',
    whatToDo: 'What to do:',
    sevError: 'Error',
    sevWarning: 'Warning',
    sevInfo: 'Info',
    sheetTitle: 'Your file',
    sheets: 'Sheets',
    sheetCells: 'Sheet cells',
    sheetCaption: 'Sheet “{sheet}”: {rows} rows × {columns} columns',
    sheetHidden: ' (hidden)',
    sheetColumnsCut: ' — the first {count} columns are shown',
    sheetUnreadable: 'This file could not be read, so there is no sheet to show.',
    sheetEmpty: 'This sheet is empty.',
    legendError: 'error',
    legendWarning: 'warning',
    legendInfo: 'info',
    legendCurrent: 'selected finding',
    legendRelated: 'its related cells',
    detailsNone: 'Select a finding to see it in your file. Keys: N next error, P previous error.',
    detailsCell: 'Cell {cell} of sheet “{sheet}”',
    detailsNoCell: 'This finding is about the file or the table as a whole, not one cell.',
    detailsRelated: 'Related cells:',
    detailsExpected: 'Expected {expected}, found {actual}.',
    detailsKey: 'Observation:',
    detailsRule: 'Rule {rule}: {label}',
    pyramidTitle: 'Population pyramid of the recognised data',
    pyramidTable: 'Table',
    pyramidNote: 'Bars marked ✕ with a red outline have a finding; hatched bars hold a marker instead of a number.',
    pyramidNoData: 'No observations for this choice.',
    pyramidAria: 'Population pyramid of {table}: {left} on the left, {right} on the right, by age.',
    footer: 'migcheck',
    statusLoading: 'Loading migcheck…',
    statusReady: 'Ready. Drop a return to check it.',
    stageLoad: 'Opening {file}…',
    stageRead: 'Reading {file}…',
    stageRecognise: 'Recognising the tables of {file}…',
    stageCheck: 'Checking the rules on {file}…',
    stageAcross: 'Checking across files…',
    stageLanguage: 'Writing the report in English…',
    statusDone: '{count} file(s) checked in {seconds} s.',
    unreadable: '{file} could not be read: {message}',
    engineFailed: 'migcheck stopped unexpectedly ({message}). It has been restarted: try again.',
    outOfMemory: 'The browser ran out of memory for these files. Close other tabs, or check the files one at a time.',
    famRead: 'Reading the file',
    famRecognise: 'Recognising the tables',
    famLabel: 'Labels and codes',
    famValue: 'Values in cells',
    famMetadata: 'The Metadata sheet',
    famOther: 'Built-in check',
    todoRead: 'Correct the file as the message says, then check it again.',
    todoRecognise: 'Give each table of the rulebook its own sheet, named or titled after the table (for example POP_CTZ), with one header row naming its columns.',
    todoLabel: 'Use the label or the code given by the rulebook’s code list.',
    todoValue: 'Enter a plain number of persons, or one of the markers (.. not available, x confidential, - nil).',
    todoMetadata: 'Fill the Metadata sheet: at least the reporting country and the reference year.',
  },
  fr: {
    skip: 'Aller au rapport',
    tagline: 'Vérifiez un questionnaire national de statistiques des migrations, cellule par cellule, selon le référentiel.',
    language: 'Langue',
    privacy: 'Vos fichiers sont vérifiés dans cette page et ne quittent jamais votre ordinateur : la page n’a le droit de se connecter à aucun serveur.',
    inputTitle: 'Fichiers à vérifier',
    dropMain: 'Déposez votre questionnaire ici (.xlsx ou .csv), ou choisissez des fichiers',
    dropHelp: 'Vous pouvez vérifier plusieurs fichiers à la fois, par exemple un fichier CSV par tableau : ils sont vérifiés ensemble comme un seul questionnaire.',
    rulebookLegend: 'Référentiel',
    rulebookBundled: 'Le référentiel fourni',
    rulebookBundledName: 'Le référentiel fourni : {title} ({version})',
    rulebookOwn: 'Mon propre référentiel (fichier JSON) :',
    rulebookFile: 'Fichier du référentiel',
    rulebookLoaded: 'Référentiel utilisé : {title} ({version}), du fichier {file}.',
    rulebookProblems: '{file} n’est pas un référentiel utilisable ({count} problèmes). Le référentiel fourni est utilisé à sa place.',
    rulebookUnreadable: '{file} n’a pas pu être lu comme du texte.',
    rulebookChoose: 'Choisissez un fichier de référentiel, ou utilisez le référentiel fourni.',
    reportTitle: 'Rapport',
    reportFiles: '{files} — référentiel {rulebook} {version}',
    downloads: 'Télécharger :',
    downloadJson: 'Rapport (JSON)',
    downloadHtml: 'Rapport (HTML)',
    downloadSarif: 'Rapport (SARIF)',
    downloadSdmx: 'Observations (SDMX-CSV)',
    downloadFailed: 'Ce téléchargement n’est pas disponible pour ce rapport.',
    findingsTitle: 'Constats',
    filterSeverity: 'Gravité',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    infos: 'Informations',
    tablesRecognised: 'Tableaux reconnus',
    unrecognisedSheets: 'Feuilles non reconnues :',
    reportingCountry: 'pays déclarant {country}',
    referenceYear: 'année de référence {year}',
    partial: 'Seuls les premiers constats de chaque fichier sont listés ; les totaux les comptent tous.',
    filterFile: 'Fichier',
    filterTable: 'Tableau',
    filterRule: 'Règle',
    search: 'Rechercher',
    all: 'Tous',
    noTable: '(sans tableau)',
    prevError: '◀ Erreur précédente (P)',
    nextError: 'Erreur suivante (N) ▶',
    findingsCaption: 'Constats : choisissez-en un pour voir sa cellule dans la feuille',
    colSeverity: 'Gravité',
    colWhere: 'Où',
    colFinding: 'Constat et que faire',
    shown: '{shown} constats affichés sur {total}',
    more: 'Afficher {count} de plus',
    noMatch: 'Aucun constat ne correspond aux filtres.',
    noFindings: 'Aucun constat : le questionnaire respecte toutes les règles du référentiel.',
    whatToDo: 'Que faire :',
    sevError: 'Erreur',
    sevWarning: 'Avertissement',
    sevInfo: 'Information',
    sheetTitle: 'Votre fichier',
    sheets: 'Feuilles',
    sheetCells: 'Cellules de la feuille',
    sheetCaption: 'Feuille « {sheet} » : {rows} lignes × {columns} colonnes',
    sheetHidden: ' (masquée)',
    sheetColumnsCut: ' — les {count} premières colonnes sont affichées',
    sheetUnreadable: 'Ce fichier n’a pas pu être lu : il n’y a pas de feuille à afficher.',
    sheetEmpty: 'Cette feuille est vide.',
    legendError: 'erreur',
    legendWarning: 'avertissement',
    legendInfo: 'information',
    legendCurrent: 'constat choisi',
    legendRelated: 'ses cellules liées',
    detailsNone: 'Choisissez un constat pour le voir dans votre fichier. Touches : N erreur suivante, P erreur précédente.',
    detailsCell: 'Cellule {cell} de la feuille « {sheet} »',
    detailsNoCell: 'Ce constat porte sur le fichier ou le tableau dans son ensemble, pas sur une cellule.',
    detailsRelated: 'Cellules liées :',
    detailsExpected: 'Attendu {expected}, trouvé {actual}.',
    detailsKey: 'Observation :',
    detailsRule: 'Règle {rule} : {label}',
    pyramidTitle: 'Pyramide des âges des données reconnues',
    pyramidTable: 'Tableau',
    pyramidNote: 'Les barres marquées ✕ et bordées de rouge ont un constat ; les barres hachurées portent un signe au lieu d’un nombre.',
    pyramidNoData: 'Aucune observation pour ce choix.',
    pyramidAria: 'Pyramide des âges de {table} : {left} à gauche, {right} à droite, par âge.',
    footer: 'migcheck',
    statusLoading: 'Chargement de migcheck…',
    statusReady: 'Prêt. Déposez un questionnaire pour le vérifier.',
    stageLoad: 'Ouverture de {file}…',
    stageRead: 'Lecture de {file}…',
    stageRecognise: 'Reconnaissance des tableaux de {file}…',
    stageCheck: 'Vérification des règles sur {file}…',
    stageAcross: 'Vérifications entre fichiers…',
    stageLanguage: 'Rédaction du rapport en français…',
    statusDone: '{count} fichier(s) vérifié(s) en {seconds} s.',
    unreadable: '{file} n’a pas pu être lu : {message}',
    engineFailed: 'migcheck s’est arrêté de façon inattendue ({message}). Il a été relancé : réessayez.',
    outOfMemory: 'Le navigateur manque de mémoire pour ces fichiers. Fermez d’autres onglets, ou vérifiez les fichiers un par un.',
    famRead: 'Lecture du fichier',
    famRecognise: 'Reconnaissance des tableaux',
    famLabel: 'Libellés et codes',
    famValue: 'Valeurs des cellules',
    famMetadata: 'La feuille Métadonnées',
    famOther: 'Contrôle intégré',
    todoRead: 'Corrigez le fichier comme l’indique le message, puis vérifiez-le de nouveau.',
    todoRecognise: 'Donnez à chaque tableau du référentiel sa propre feuille, nommée ou titrée d’après le tableau (par exemple POP_CTZ), avec une ligne d’en-tête qui nomme ses colonnes.',
    todoLabel: 'Utilisez le libellé ou le code de la nomenclature du référentiel.',
    todoValue: 'Saisissez un nombre de personnes, ou l’un des signes (.. non disponible, x confidentiel, - néant).',
    todoMetadata: 'Remplissez la feuille Métadonnées : au moins le pays déclarant et l’année de référence.',
  },
};

export const LANGUAGES = Object.keys(dictionaries);
let current = 'en';
const listeners = [];

export function language() {
  return current;
}

// The interface text for key, with {name} placeholders filled from params.
export function t(key, params = {}) {
  const template = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function formatNumber(value) {
  return typeof value === 'number' ? value.toLocaleString(current) : String(value);
}

// Text in the current language from a rulebook label ({en: ..., fr: ...}).
export function pick(label) {
  if (!label) return '';
  return label[current] ?? label.en ?? Object.values(label)[0] ?? '';
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
  if (!dictionaries[lang] || lang === current) return false;
  current = lang;
  document.documentElement.lang = lang;
  translate();
  for (const fn of listeners) fn(lang);
  return true;
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}
