/** The review page's style sheet, inlined into every page: light and dark schemes, print, no web fonts. */
export const PAGE_STYLE = String.raw`
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --accent: #0550ae;
  --added-bg: #dafbe1; --added-fg: #0f3d1b; --added-edge: #1a7f37;
  --missing-bg: #ffe4e1; --missing-fg: #5c0f0a; --missing-edge: #cf222e;
  --changed-bg: #fff1a8; --changed-fg: #3d2e00; --changed-edge: #9a6700;
  --paired-bg: #ddf4ff; --paired-edge: #0969da;
  --current-bg: #ddf4ff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --panel: #161b22; --accent: #79c0ff;
    --added-bg: #12361f; --added-fg: #aff5b4; --added-edge: #3fb950;
    --missing-bg: #3d1418; --missing-fg: #ffc1bc; --missing-edge: #f85149;
    --changed-bg: #3b2e05; --changed-fg: #f8e3a1; --changed-edge: #d29922;
    --paired-bg: #0c2d6b; --paired-edge: #58a6ff;
    --current-bg: #0c2d6b;
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 10; }
header.page { padding: 12px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.page h1 { font-size: 20px; margin: 0 0 6px; }
#summary-figures { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0; }
#summary-figures div { display: flex; gap: 6px; align-items: baseline; }
#summary-figures dt { color: var(--muted); }
#summary-figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
#summary-params { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 18px; padding: 0; margin: 6px 0 0; color: var(--muted); font-size: 13px; }
.param-name { font-weight: 600; }
.layout { display: grid; grid-template-columns: minmax(260px, 24rem) 1fr; min-height: calc(100vh - 90px); }
nav.clusters { border-right: 1px solid var(--line); padding: 12px; position: sticky; top: 0; max-height: 100vh; overflow: auto; }
.controls { display: grid; gap: 8px; margin-bottom: 10px; }
.controls label { font-size: 13px; font-weight: 600; display: grid; gap: 2px; }
.controls input, .controls select { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
.hint { font-size: 12px; color: var(--muted); margin: 0; }
kbd { font: 12px ui-monospace, monospace; border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
#list-count { font-size: 13px; color: var(--muted); margin: 4px 0; }
#cluster-list { list-style: none; margin: 0; padding: 0; }
#cluster-list a { display: grid; gap: 2px; padding: 6px 8px; border-radius: 4px; text-decoration: none; color: var(--fg); border: 1px solid transparent; }
#cluster-list a:hover { border-color: var(--line); }
#cluster-list a[aria-current] { background: var(--current-bg); border-color: var(--paired-edge); }
.row-title { font-weight: 600; font-size: 14px; }
.row-id, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
.row-id { color: var(--muted); }
.badges { display: flex; flex-wrap: wrap; gap: 4px; }
.badge { font-size: 11.5px; padding: 0 6px; border-radius: 9px; border: 1px solid var(--line); white-space: nowrap; }
.rel-canonical { border-color: var(--accent); }
.rel-copy-with-additions { border-color: var(--added-edge); }
.rel-shortened { border-color: var(--missing-edge); }
.rel-updated, .rel-rewritten { border-color: var(--changed-edge); }
.rel-unverified { border-style: dashed; }
.badge.new { font-weight: 700; border-color: var(--fg); margin-left: 4px; }
#list-more { margin: 8px 0; font: inherit; }
main { padding: 14px 20px 40px; min-width: 0; }
main h2 { font-size: 19px; margin: 0 0 6px; }
.reason { margin: 0 0 12px; }
table.members, table.related-articles { border-collapse: collapse; width: 100%; font-size: 13.5px; margin-bottom: 14px; }
table.members caption, table.related-articles caption { text-align: left; color: var(--muted); font-size: 13px; padding-bottom: 4px; }
table.members th, table.members td, table.related-articles th, table.related-articles td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
table.members td, table.related-articles td { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.members th[scope="row"], table.related-articles th[scope="row"] { width: 40%; }
table.members td.reason, table.related-articles td.reason { white-space: normal; }
table.members thead th, table.related-articles thead th { font-size: 12.5px; color: var(--muted); font-weight: 600; }
table.members tr.selected, table.related-articles tr.selected { background: var(--panel); }
table.members td.reason, table.related-articles td.reason { color: var(--muted); font-size: 12.5px; }
button.compare, button.open-related { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; text-align: left; background: none; border: 1px solid var(--line); border-radius: 4px; padding: 2px 6px; color: var(--accent); cursor: pointer; overflow-wrap: anywhere; }
button.compare[aria-pressed="true"], button.open-related[aria-pressed="true"] { border-color: var(--accent); font-weight: 700; color: var(--fg); }
.badge.related { border-style: dotted; }
.figures { margin: 0 0 10px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; margin: 0 0 10px; padding: 0; list-style: none; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.column { min-width: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.column h4 { margin: 0 0 6px; font-size: 14px; }
.column-role { text-transform: uppercase; letter-spacing: .04em; font-size: 12px; color: var(--muted); }
.column-note { font-size: 12.5px; color: var(--muted); margin: 0 0 6px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif; font-size: 15.5px; line-height: 1.6; }
ins.added, .legend .added { background: var(--added-bg); color: var(--added-fg); text-decoration: none; border-bottom: 2px solid var(--added-edge); }
del.missing, .legend .missing { background: var(--missing-bg); color: var(--missing-fg); text-decoration: none; border-bottom: 2px dashed var(--missing-edge); }
ins.boilerplate, del.boilerplate { opacity: .75; }
mark.changed, .legend .changed { background: var(--changed-bg); color: var(--changed-fg); outline: 1px dotted var(--changed-edge); }
.linked { text-decoration: underline dotted var(--paired-edge); text-underline-offset: 3px; cursor: pointer; }
.linked.paired { background: var(--paired-bg); outline: 2px solid var(--paired-edge); }
.linked:focus-visible, .linked.paired:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.no-text, .empty { color: var(--muted); font-style: italic; }
@media (max-width: 900px) {
  .layout { grid-template-columns: 1fr; }
  nav.clusters { position: static; max-height: 40vh; border-right: 0; border-bottom: 1px solid var(--line); }
  .columns { grid-template-columns: 1fr; }
}
@media print {
  :root { color-scheme: light; --bg: #fff; --fg: #000; --muted: #333; --line: #999; --panel: #fff;
    --added-bg: #e6f7e9; --added-fg: #000; --missing-bg: #fdeaea; --missing-fg: #000; --changed-bg: #fff6c8; --changed-fg: #000; }
  nav.clusters, .skip, .hint { display: none; }
  .layout { display: block; }
  main { padding: 0; }
  .column { break-inside: auto; }
  .text { font-size: 11pt; }
  ins.added, del.missing, mark.changed { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  button.compare, button.open-related { border: 0; color: #000; padding: 0; }
}
`;
