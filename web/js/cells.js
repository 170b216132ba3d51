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
