// The figures of a migcheck report document (docs/report.md) that the
// end-to-end benchmark compares across engines.
export function reportSummary(doc) {
  const f = doc.files?.[0] ?? {};
  const counts = {};
  for (const x of doc.findings ?? []) counts[x.rule] = (counts[x.rule] ?? 0) + 1;
  return {
    readable: f.readable,
    observations: (f.tables ?? []).reduce((s, t) => s + (t.observations ?? 0), 0),
    tables: (f.tables ?? []).length,
    cells_read: doc.summary?.cells_read,
    errors: doc.summary?.errors,
    warnings: doc.summary?.warnings,
    infos: doc.summary?.infos,
    findings: (doc.findings ?? []).length,
    checks: (doc.rules ?? []).reduce((s, r) => s + (r.checked ?? 0), 0),
    findings_by_rule: counts,
  };
}
