// The element's own interface words in English and French. Its own small
// dictionary rather than web/js/i18n.js: that one keeps one language for the
// whole document and rewrites document.documentElement.lang, which a
// component must not do to its host page (two elements may differ in language).
// The findings' messages are the core's, in the language asked for.
const WORDS = {
  en: {
    dropMain: 'Drop your return here (.xlsx or .csv), or choose files',
    dropHelp: 'Several files are checked together as one return. They never leave your computer.',
    loading: 'Loading the validator…',
    ready: 'Ready.',
    cancelled: 'Check cancelled.',
    load: 'Reading {file}…',
    read: 'Reading {file}…',
    recognise: 'Recognising the tables of {file}…',
    check: 'Checking {file}…',
    across: 'Checking across files…',
    done: 'Checked {files}.',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Infos',
    tables: 'Tables recognised',
    reportingCountry: 'reporting country {country}',
    referenceYear: 'year {year}',
    observations: '{count} obs.',
    unreadable: '{file} could not be read: {message}',
    noFindings: 'No findings: the return passes every rule of the rulebook.',
    partial: 'Only the first findings of each file are listed; the counts include them all.',
    findings: 'Findings',
    more: 'Show {count} more',
    moreOfSame: '+{count} more of the same',
    whatToDo: 'What to do:',
    error: 'Error',
    warning: 'Warning',
    info: 'Info',
    wholeFile: 'whole file',
    failed: 'The validator failed: {message}',
    outOfMemory: 'This browser ran out of memory while checking the file. Close other tabs and try again, or use the migcheck command line.',
    rulebookProblems: 'The rulebook is not usable ({count} problems):',
    mappingProblems: 'The mapping is not usable ({count} problems):',
    todoRead: 'Correct the file as the message says, then check it again.',
    todoRecognise: 'Give each table of the rulebook its own sheet, named or titled after the table (for example POP_CTZ), with one header row naming its columns.',
    todoLabel: 'Use the label or the code given by the rulebook’s code list.',
    todoValue: 'Enter a plain number of persons, or one of the markers (.. not available, x confidential, - nil).',
    todoMetadata: 'Fill the Metadata sheet: at least the reporting country and the reference year.',
  },
  fr: {
    dropMain: 'Déposez votre questionnaire ici (.xlsx ou .csv), ou choisissez des fichiers',
    dropHelp: 'Plusieurs fichiers sont vérifiés ensemble comme un seul questionnaire. Ils ne quittent jamais votre ordinateur.',
    loading: 'Chargement du validateur…',
    ready: 'Prêt.',
    cancelled: 'Vérification annulée.',
    load: 'Lecture de {file}…',
    read: 'Lecture de {file}…',
    recognise: 'Reconnaissance des tableaux de {file}…',
    check: 'Vérification de {file}…',
    across: 'Vérification entre fichiers…',
    done: 'Vérifié : {files}.',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    infos: 'Informations',
    tables: 'Tableaux reconnus',
    reportingCountry: 'pays déclarant {country}',
    referenceYear: 'année {year}',
    observations: '{count} obs.',
    unreadable: '{file} n’a pas pu être lu : {message}',
    noFindings: 'Aucun constat : le questionnaire respecte toutes les règles du référentiel.',
    partial: 'Seuls les premiers constats de chaque fichier sont listés ; les totaux les comptent tous.',
    findings: 'Constats',
    more: 'Afficher {count} de plus',
    moreOfSame: '+{count} autres du même type',
    whatToDo: 'Que faire :',
    error: 'Erreur',
    warning: 'Avertissement',
    info: 'Information',
    wholeFile: 'fichier entier',
    failed: 'Le validateur a échoué : {message}',
    outOfMemory: 'Le navigateur a manqué de mémoire pendant la vérification. Fermez d’autres onglets et réessayez, ou utilisez migcheck en ligne de commande.',
    rulebookProblems: 'Le référentiel n’est pas utilisable ({count} problèmes) :',
    mappingProblems: 'La correspondance n’est pas utilisable ({count} problèmes) :',
    todoRead: 'Corrigez le fichier comme l’indique le message, puis vérifiez-le de nouveau.',
    todoRecognise: 'Donnez à chaque tableau du référentiel sa propre feuille, nommée ou titrée d’après le tableau (par exemple POP_CTZ), avec une ligne d’en-tête qui nomme ses colonnes.',
    todoLabel: 'Utilisez le libellé ou le code de la nomenclature du référentiel.',
    todoValue: 'Saisissez un nombre de personnes, ou l’un des signes (.. non disponible, x confidentiel, - néant).',
    todoMetadata: 'Remplissez la feuille Métadonnées : au moins le pays déclarant et l’année de référence.',
  },
};

export const LANGUAGES = Object.keys(WORDS);

// 'fr-CA' -> 'fr'; anything unknown -> 'en'.
export function supportedLanguage(lang) {
  const base = String(lang || '').toLowerCase().slice(0, 2);
  return WORDS[base] ? base : 'en';
}

// The word for key in lang, with {name} placeholders filled from params.
export function word(lang, key, params = {}) {
  const template = WORDS[lang]?.[key] ?? WORDS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// Text in lang from a rulebook label ({en: …, fr: …}).
export function pick(lang, label) {
  if (!label) return '';
  return label[lang] ?? label.en ?? Object.values(label)[0] ?? '';
}
