// What a report's summary says, for the page (summary.js) and the embedded
// element alike: no DOM and no language of its own; each draws it in its way.

// The four tiles: problems by severity (with the cells they cover) and the tables recognised.
export function summaryTiles(report) {
  const { errors, warnings, infos } = report.summary;
  const problems = report.summary.problems || { errors, warnings, infos };
  return [
    { key: 'errors', value: problems.errors, cells: errors, kind: errors ? 'error' : 'ok' },
    { key: 'warnings', value: problems.warnings, cells: warnings, kind: warnings ? 'warning' : 'ok' },
    { key: 'infos', value: problems.infos, cells: infos, kind: 'neutral' },
    // This year's tables: last year's return is there to compare with.
    { key: 'tables', value: report.files.reduce((n, f) => n + (f.previous ? 0 : f.tables.length), 0), kind: 'neutral' },
  ];
}

// "XLSX, reporting country Kenya (KEN), reference year 2024" (joined by the language's comma): say(key, params)
// gives a word in the caller's language, countryName(code) a country's name.
export function fileFacts(file, say, countryName, comma = ', ') {
  const name = file.reporting_country && countryName(file.reporting_country);
  return [file.format ? file.format.toUpperCase() : '',
    file.reporting_country && say('reportingCountry', {
      country: !name || name === file.reporting_country ? file.reporting_country : `${name} (${file.reporting_country})`,
    }),
    file.reference_year && say('referenceYear', { year: file.reference_year })].filter(Boolean).join(comma);
}

// The notes under the tiles, as word keys.
export function summaryNotes(report) {
  return [report.summary.partial && 'partial', !report.findings.length && 'noFindings'].filter(Boolean);
}

// Each unreadable file, with its first error's message (said at the top of the report).
export function unreadableFiles(report) {
  return report.files.filter((f) => !f.readable).map((f) => {
    const problem = report.findings.find((x) => x.file === f.file && x.severity === 'error');
    return { file: f.file, message: problem ? problem.message : '' };
  });
}
