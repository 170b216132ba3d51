// The element's styles, as one constructed stylesheet shared by every
// instance (adoptedStyleSheets): a strict CSP (style-src 'self', no
// 'unsafe-inline') allows it, where a <style> element or a style attribute
// would be refused. The host page restyles the element through the
// --migcheck-* custom properties (they inherit into the shadow root) and
// ::part(); the defaults below keep text contrast at 4.5:1 or more on white.
// Sides are logical (inline-start, inline-end): the container's dir, from
// the language's catalogue, mirrors the element for a right-to-left language.
const CSS = `
:host {
  display: block;
  font-family: var(--migcheck-font, system-ui, sans-serif);
  color: var(--migcheck-text, #1d2329);
  background: var(--migcheck-background, #fff);
  border-radius: var(--migcheck-radius, 6px);
  line-height: 1.45;
}
:host([hidden]), [hidden] { display: none !important; }
* { box-sizing: border-box; }

.drop {
  display: flex; flex-direction: column; gap: .25em; align-items: center; text-align: center;
  padding: var(--migcheck-padding, 1.25em);
  border: 2px dashed var(--migcheck-accent, #1f5fa8);
  border-radius: var(--migcheck-radius, 6px);
  cursor: pointer;
}
.drop:hover, .drop.over { background: var(--migcheck-highlight, #eef3fa); }
.drop:focus-within { outline: 3px solid var(--migcheck-accent, #1f5fa8); outline-offset: 2px; }
.drop input { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
.drop-main { font-weight: 600; color: var(--migcheck-accent, #1f5fa8); }
.drop-help, .muted { color: var(--migcheck-muted, #555e68); font-size: .9em; }

.status-row { display: flex; gap: .75em; align-items: center; margin: .6em 0 0; min-height: 1.5em; }
.status { margin: 0; font-size: .9em; }
progress { flex: 0 0 12em; height: .6em; accent-color: var(--migcheck-accent, #1f5fa8); }

.alerts p, .problems {
  margin: .6em 0 0; padding: .5em .75em; border-inline-start: 4px solid var(--migcheck-error, #b3261e);
  background: var(--migcheck-error-background, #fcebea); border-radius: var(--migcheck-radius, 6px);
}
.problems { padding-inline-start: 2em; font-size: .9em; }

.summary { margin-top: .9em; }
.tiles { display: flex; flex-wrap: wrap; gap: .5em; }
.tile {
  flex: 1 1 7em; display: flex; flex-direction: column; padding: .5em .75em;
  border: 1px solid var(--migcheck-border, #c9cfd6); border-radius: var(--migcheck-radius, 6px);
}
.tile .value { font-size: 1.6em; font-weight: 700; }
.tile.error .value { color: var(--migcheck-error, #b3261e); }
.tile.warning .value { color: var(--migcheck-warning, #8a5300); }
.tile.ok .value { color: var(--migcheck-ok, #1e6b34); }
.files { margin: .6em 0 0; padding-inline-start: 1.2em; }
.note { margin: .6em 0 0; }

.findings h3 { font-size: 1em; margin: 1em 0 .4em; }
.findings ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .4em; }
.finding {
  padding: .5em .75em; border: 1px solid var(--migcheck-border, #c9cfd6);
  border-inline-start: 4px solid var(--migcheck-info-color, #3d5a80); border-radius: var(--migcheck-radius, 6px);
}
.finding.error { border-inline-start-color: var(--migcheck-error, #b3261e); }
.finding.warning { border-inline-start-color: var(--migcheck-warning, #8a5300); }
.sev { font-weight: 700; margin-inline-end: .5em; }
.finding.error .sev { color: var(--migcheck-error, #b3261e); }
.finding.warning .sev { color: var(--migcheck-warning, #8a5300); }
.where { font-family: var(--migcheck-code-font, ui-monospace, monospace); font-size: .9em; }
.finding p { margin: .25em 0 0; }
.instruction { color: var(--migcheck-muted, #555e68); font-size: .92em; }
button.more {
  margin-top: .6em; font: inherit; padding: .35em .9em; cursor: pointer;
  color: var(--migcheck-accent, #1f5fa8); background: transparent;
  border: 1px solid var(--migcheck-accent, #1f5fa8); border-radius: var(--migcheck-radius, 6px);
}
:host([compact]) .findings { display: none; }
`;

export const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);
