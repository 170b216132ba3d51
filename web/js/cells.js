// A1 references, as in spreadsheets: column 0 is "A", rows are 1-based in text.
export function columnName(index) {
  let name = '';
  for (let c = index + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

// "E12" -> {row: 11, col: 4} (0-based), or null for anything else.
export function parseRef(ref) {
  const m = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})$/.exec(String(ref || '').toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function refOf(row, col) {
  return columnName(col) + String(row + 1);
}

// A related cell as the core writes it: "D13", "EMI_NEXT!D13", "'My sheet'!D13" or
// "[UGA_2023.xlsx]EMI_NEXT!D13" (another file's) -> {file, sheet, cell}, each
// null when the text does not say it; null for anything else.
export function parseCellPath(text) {
  const m = /^(?:\[([^\]]+)\])?(?:'((?:[^']|'')+)'!|([^!'[\]]+)!)?(\$?[A-Za-z]{1,3}\$?[0-9]{1,7})$/.exec(String(text || ''));
  if (!m) return null;
  return { file: m[1] ?? null, sheet: m[2] !== undefined ? m[2].replace(/''/g, "'") : (m[3] ?? null), cell: m[4].replace(/\$/g, '').toUpperCase() };
}
