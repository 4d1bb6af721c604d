/** The page's stylesheet. Colours keep a contrast of at least 4.5:1 for text (WCAG AA). */
export const PAGE_STYLE = String.raw`
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de;
  --pass-fg: #116329; --pass-bg: #dafbe1; --fail-fg: #82071e; --fail-bg: #ffebe9; --warn-fg: #6c4400; --warn-bg: #fff1b8;
  --skip-fg: #424a53; --skip-bg: #eaeef2; --focus: #0550ae; --link: #0550ae; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
header.top { padding: 12px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
nav.sections { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 8px 20px; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--bg); z-index: 2; }
main { padding: 0 20px 40px; max-width: 1400px; }
section { margin-top: 24px; }
h2 { font-size: 17px; margin: 0 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 12px 0 6px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--panel); border: 1px solid var(--line); padding: 6px 8px; overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-all; margin: 4px 0; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-weight: 600; white-space: nowrap; }
.s-passed, .c-pass { color: var(--pass-fg); background: var(--pass-bg); }
.s-failed, .s-interrupted, .c-fail { color: var(--fail-fg); background: var(--fail-bg); }
.c-warn { color: var(--warn-fg); background: var(--warn-bg); }
.s-skipped, .s-pending, .c-skip { color: var(--skip-fg); background: var(--skip-bg); }
.c-none { color: var(--muted); }
td.cell { text-align: center; white-space: nowrap; }
.new { color: var(--fail-fg); font-weight: 700; }
.muted { color: var(--muted); }
button, select, input { font: inherit; }
button { cursor: pointer; border: 1px solid #8c959f; background: #f6f8fa; color: var(--fg); border-radius: 4px; padding: 1px 8px; }
button.link { border: 0; background: none; color: var(--link); text-decoration: underline; padding: 0; text-align: left; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
summary { cursor: pointer; }
details { margin: 4px 0; }
details > div { padding: 4px 0 4px 16px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 6px 0; }
.diff .add { color: var(--pass-fg); background: var(--pass-bg); display: block; }
.diff .del { color: var(--fail-fg); background: var(--fail-bg); display: block; }
.diff .hunk { color: var(--link); display: block; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart { min-width: 300px; margin: 0; }
figure.race { margin: 10px 0; }
.scroll { overflow-x: auto; max-width: 100%; }
svg.timeline { border: 1px solid var(--line); background: #fff; max-width: 100%; height: auto; }
svg.timeline text { font: 11px system-ui, sans-serif; fill: var(--fg); }
svg.timeline .lane { fill: var(--panel); }
svg.timeline .ev-ordered { fill: #b4e5c0; stroke: var(--pass-fg); }
svg.timeline .ev-rejected { fill: #ffc1c0; stroke: var(--fail-fg); stroke-width: 2; }
svg.timeline .ev-dead-end { fill: #ffd8b5; stroke: #953800; stroke-width: 2; }
svg.timeline .ev-unordered { fill: #ffebe9; stroke: var(--fail-fg); stroke-dasharray: 4 2; }
svg.timeline .ev-unknown { fill-opacity: 0.5; stroke-dasharray: 2 2; }
svg.timeline .axis { stroke: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 4px 0; }
.swatch { display: inline-block; width: 14px; height: 10px; border: 1px solid var(--fg); margin-right: 4px; vertical-align: middle; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a.sr-only:focus { position: static; width: auto; height: auto; clip: auto; display: inline-block; padding: 4px 8px; }
`
export const LEGEND_STYLE = String.raw`
.sw-ordered { background: #b4e5c0; } .sw-rejected { background: #ffc1c0; } .sw-dead-end { background: #ffd8b5; }
.sw-unordered { background: #ffebe9; border-style: dashed; } .sw-unknown { background: repeating-linear-gradient(90deg, #b4e5c0 0 3px, #fff 3px 5px); }
`
