/**
 * The page's own script (no dependency but uPlot, when present): it reads the embedded data and builds
 * the DOM with createElement and textContent only, so no input text is ever parsed as HTML. Plain
 * ES2020 in a string, since it runs in the browser, not in Node; tests/integration/dashboard-browser.test.ts
 * runs it in Chromium.
 */
export const PAGE_SCRIPT = String.raw`(function () {
'use strict';
var data = JSON.parse(document.getElementById('spec-ci-data').textContent);
var S = data.summary;
var PAGE = 200;
var MAX_ISSUES = 500;
var SVGNS = 'http://www.w3.org/2000/svg';
var main = document.getElementById('main');
var nav = document.getElementById('nav');
var live = document.getElementById('live');
var uid = 0;

function append(node, kids) {
  if (kids === undefined || kids === null) return node;
  if (!Array.isArray(kids)) kids = [kids];
  for (var i = 0; i < kids.length; i++) {
    var k = kids[i];
    if (k === undefined || k === null || k === false) continue;
    node.appendChild(typeof k === 'object' ? k : document.createTextNode(String(k)));
  }
  return node;
}
function h(tag, props, kids) {
  var e = document.createElement(tag);
  if (props) for (var k in props) {
    var v = props[k];
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'class') e.className = v;
    else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  return append(e, kids);
}
function s(tag, attrs, kids) {
  var e = document.createElementNS(SVGNS, tag);
  if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, String(attrs[k]));
  return append(e, kids);
}
function badge(state) { return h('span', { class: 'badge s-' + String(state).replace(/[^a-z-]/g, ''), text: state }); }
function num(n) { return h('td', { class: 'num', text: n === undefined || n === null ? '' : n }); }
function ms(n) { return n >= 1000 ? (n / 1000).toFixed(2) + ' s' : Math.round(n) + ' ms'; }
function plural(n, word) { return n + ' ' + (n === 1 ? word : word === 'property' ? 'properties' : word + 's'); }
function where(file, line, column) { return String(file) + (line ? ':' + line + (column ? ':' + column : '') : ''); }
function json(v) { if (v === undefined) return 'undefined'; try { var t = JSON.stringify(v); return t === undefined ? String(v) : t; } catch (e) { return String(v); } }
function table(headers, rows, attrs) {
  var head = h('tr', null, headers.map(function (x) { return h('th', { scope: 'col', class: x.num ? 'num' : null, text: x.num ? x.label : x }); }));
  return h('table', attrs, [h('thead', null, head), h('tbody', null, rows)]);
}
function section(id, title, count) {
  var heading = h('h2', { id: id + '-title', text: title });
  var sec = h('section', { id: id, 'aria-labelledby': id + '-title', 'data-section': id }, heading);
  main.appendChild(sec);
  nav.appendChild(h('a', { href: '#' + id, text: title + (count !== undefined ? ' (' + count + ')' : '') }));
  return sec;
}
function say(text) { live.textContent = ''; setTimeout(function () { live.textContent = text; }, 30); }
function copyText(text, button) {
  function fallback() {
    var area = h('textarea', { class: 'sr-only', 'aria-hidden': 'true' });
    area.value = text; document.body.appendChild(area); area.select();
    var ok = false; try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    area.remove(); done(ok);
  }
  function done(ok) { button.textContent = ok ? 'Copied' : 'Copy failed: select the text'; say(ok ? 'Replay command copied' : 'Could not copy; select the command and copy it'); setTimeout(function () { button.textContent = 'Copy'; }, 2000); }
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
  else fallback();
}

// ---- run status and projects
function renderRun() {
  var t = S.totals;
  var head = document.getElementById('run');
  append(head, [
    h('h1', null, ['vitest-spec-ci run ', badge(S.status)]),
    h('p', { 'data-testid': 'run-totals' }, [
      plural(t.files, 'file') + ', ' + plural(t.tests, 'test') + ': ' + t.passed + ' passed, ' + t.failed + ' failed, ' + t.skipped + ' skipped; ' + ms(t.durationMs) + ' of test files. ',
      h('span', { class: 'muted', text: 'Generated ' + S.generatedAt }),
    ]),
  ]);
  var sec = section('projects', 'Projects', S.projects.length);
  sec.appendChild(table(['project', 'status', { label: 'files', num: 1 }, { label: 'tests', num: 1 }, { label: 'passed', num: 1 }, { label: 'failed', num: 1 }, { label: 'skipped', num: 1 }, { label: 'duration', num: 1 }],
    S.projects.map(function (p) {
      return h('tr', { 'data-project': p.name }, [h('th', { scope: 'row', text: p.name }), h('td', null, badge(p.status)), num(p.totals.files), num(p.totals.tests), num(p.totals.passed), num(p.totals.failed), num(p.totals.skipped), num(ms(p.totals.durationMs))]);
    }), { 'data-testid': 'projects-table' }));
}

// ---- history
var PALETTE = ['#0550ae', '#b35900', '#1a7f37', '#8250df', '#cf222e', '#116d6e', '#6e7781', '#953800'];
function renderHistory() {
  var runs = data.history || [];
  if (runs.length === 0) return;
  var sec = section('history', 'History', runs.length);
  sec.appendChild(h('p', { 'data-testid': 'history-counts', text: plural(runs.length, 'run') + ' kept (oldest first in the charts; this run last).' }));
  var newly = data.newlyFailing || [];
  if (newly.length > 0) {
    sec.appendChild(h('h3', { text: 'Rules that started failing in this run (' + newly.length + ')' }));
    sec.appendChild(h('ul', { 'data-testid': 'newly-failing' }, newly.map(function (r) { return h('li', null, [h('span', { class: 'new', text: 'new ' }), h('code', { text: r })]); })));
  } else if (runs.length > 1) sec.appendChild(h('p', { 'data-testid': 'newly-failing-none', text: 'No rule started failing in this run.' }));
  var names = [];
  runs.forEach(function (r) { r.projects.forEach(function (p) { if (names.indexOf(p.name) < 0) names.push(p.name); }); });
  var xs = runs.map(function (r, i) { return i + 1; });
  function per(field, scale) {
    return names.map(function (n) { return runs.map(function (r) { var p = r.projects.find(function (q) { return q.name === n; }); return p ? p[field] / (scale || 1) : null; }); });
  }
  var charts = h('div', { class: 'charts' });
  sec.appendChild(charts);
  var specs = [
    { title: 'Failed tests per project', field: 'failed' },
    { title: 'Passed tests per project', field: 'passed' },
    { title: 'Duration per project (s)', field: 'durationMs', scale: 1000 },
  ];
  if (runs.length < 2) charts.appendChild(h('p', { class: 'muted', text: 'The history starts with this run: the charts appear from the next run on.' }));
  else if (typeof window.uPlot !== 'function') charts.appendChild(h('p', { class: 'muted', text: 'Charts need the inlined chart library, which this page lacks; the table below has the numbers.' }));
  else {
    var width = Math.max(300, Math.min(440, Math.floor((charts.clientWidth - 40) / 3)));
    specs.forEach(function (c) {
      var box = h('figure', { class: 'chart', 'data-chart': c.field }, h('figcaption', { text: c.title + ', runs 1 to ' + runs.length }));
      charts.appendChild(box);
      var series = [{ label: 'run' }].concat(names.map(function (n, i) { return { label: n, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: true, size: 6 } }; }));
      new window.uPlot({
        width: width, height: 200, series: series, legend: { live: false },
        scales: { x: { time: false, range: function (u, lo, hi) { return [lo - 0.5, hi + 0.5]; } }, y: { range: function (u, lo, hi) { return [0, Math.max(1, hi * 1.1)]; } } },
        axes: [{ values: function (u, vals) { return vals.map(function (v) { return Number.isInteger(v) ? '#' + v : ''; }); } }, {}],
      }, [xs].concat(per(c.field, c.scale)), box);
    });
  }
  var recent = runs.slice().reverse();
  var rows = recent.map(function (r, i) {
    return h('tr', null, [h('td', { class: 'mono', text: r.generatedAt + (i === 0 ? ' (this run)' : '') }), h('td', null, badge(r.status)), num(r.totals.tests), num(r.totals.passed), num(r.totals.failed), num(r.totals.skipped), num(ms(r.totals.durationMs)), num(r.failingRules.length + (r.failingRulesTruncated || 0))]);
  });
  var d = h('details', null, [h('summary', { text: 'Runs as a table' }), h('div', null, table(['run', 'status', { label: 'tests', num: 1 }, { label: 'passed', num: 1 }, { label: 'failed', num: 1 }, { label: 'skipped', num: 1 }, { label: 'duration', num: 1 }, { label: 'failing rules', num: 1 }], rows, { 'data-testid': 'history-table' }))]);
  sec.appendChild(d);
}

// ---- conformance: trace x rule matrix, violations, race timelines
function cellOf(trace, rule) {
  var r = trace.rules.find(function (x) { return x.rule === rule; });
  if (!r) return { cls: 'c-none', text: '·', label: 'not checked' };
  if (r.state === 'failed') return { cls: 'c-fail', text: '✗ ' + r.count, label: 'failed, ' + plural(r.count, 'violation') };
  if (r.count > 0) return { cls: 'c-warn', text: '! ' + r.count, label: (r.severity === 'warn' ? 'warning, ' : 'expected, ') + plural(r.count, 'violation') };
  if (r.state === 'passed') return { cls: 'c-pass', text: '✓', label: 'passed' };
  return { cls: 'c-skip', text: '–', label: r.state };
}
function eventId(e) { return e.line + ':' + (e.column || 0) + ':' + e.type; }
function toBig(v) { if (v === undefined || v === null) return null; try { return BigInt(v); } catch (e) { return null; } }
function timeline(issue) {
  var d = issue.concurrency;
  var evs = d.events || [];
  var ordered = {}; (d.longestOrder || []).forEach(function (e) { ordered[eventId(e)] = true; });
  var tried = {}; (d.candidates || []).forEach(function (e) { tried[eventId(e)] = e.outcome; });
  var pts = evs.map(function (e, i) {
    var st = toBig(e.start); var en = e.unknown ? null : toBig(e.end);
    if (st === null) { st = BigInt(i); en = BigInt(i + 1); }
    if (en === null && !e.unknown) en = st;
    return { e: e, st: st, en: en };
  });
  if (pts.length === 0) return h('p', { class: 'muted', text: 'No events listed for this race.' });
  var min = pts[0].st, max = pts[0].en === null ? pts[0].st : pts[0].en;
  pts.forEach(function (p) { if (p.st < min) min = p.st; var end = p.en === null ? p.st : p.en; if (end > max) max = end; if (p.st > max) max = p.st; });
  var span = max - min; if (span <= 0n) span = 1n;
  var actors = [];
  pts.forEach(function (p) { var a = p.e.actor === undefined ? '(no actor)' : p.e.actor; p.actor = a; if (actors.indexOf(a) < 0) actors.push(a); });
  var LEFT = 130, W = 720, LANE = 34, TOP = 8, AXIS = 28;
  var height = TOP + actors.length * LANE + AXIS;
  function x(v) { return LEFT + Number((v - min) * 100000n / span) / 100000 * W; }
  var label = 'Timeline of key ' + (issue.key === null ? '(none)' : issue.key) + ': ' + plural(pts.length, 'event') + ' across ' + plural(actors.length, 'actor');
  var svg = s('svg', { class: 'timeline', role: 'img', 'aria-label': label, viewBox: '0 0 ' + (LEFT + W + 20) + ' ' + height, width: LEFT + W + 20, height: height, 'data-lanes': actors.length, 'data-events': pts.length });
  svg.appendChild(s('title', null, label));
  actors.forEach(function (a, i) {
    var y = TOP + i * LANE;
    svg.appendChild(s('rect', { class: 'lane', x: 0, y: y, width: LEFT + W + 20, height: LANE - 4, 'data-lane': a }));
    svg.appendChild(s('text', { x: 6, y: y + LANE / 2 + 2 }, a.length > 18 ? a.slice(0, 17) + '…' : a));
  });
  var unordered = 0;
  pts.forEach(function (p) {
    var id = eventId(p.e);
    var kind = ordered[id] ? 'ordered' : tried[id] ? tried[id] : 'unordered';
    if (kind !== 'ordered') unordered++;
    var x1 = x(p.st), x2 = p.en === null ? LEFT + W : x(p.en);
    var w = Math.max(3, x2 - x1);
    var y = TOP + actors.indexOf(p.actor) * LANE + 4;
    var g = s('g', { 'data-event-line': p.e.line, 'data-kind': kind });
    var tip = 'line ' + where('', p.e.line, p.e.column).slice(1) + ' · ' + p.e.type + ' · ' + p.actor + ' · ' + (kind === 'ordered' ? 'in the longest order that fits' : kind === 'rejected' ? 'tried next: the spec rejected it' : kind === 'dead-end' ? 'tried next: no order after it' : 'could not be ordered') + (p.e.unknown ? ' · outcome unknown' : '');
    g.appendChild(s('title', null, tip));
    g.appendChild(s('rect', { class: 'ev-' + kind + (p.e.unknown ? ' ev-unknown' : ''), x: x1.toFixed(1), y: y, width: w.toFixed(1), height: LANE - 12, rx: 3 }));
    if (w > 46) g.appendChild(s('text', { x: (x1 + 4).toFixed(1), y: y + LANE / 2 - 2 }, p.e.type + ' :' + p.e.line));
    svg.appendChild(g);
  });
  var axisY = TOP + actors.length * LANE + 4;
  svg.appendChild(s('line', { class: 'axis', x1: LEFT, y1: axisY, x2: LEFT + W, y2: axisY }));
  for (var q = 0; q <= 4; q++) {
    var at = LEFT + (W * q) / 4;
    var off = (span * BigInt(q)) / 4n;
    var text = d.clock === 'line' ? 'line ' + (min + off) : d.clock === 'time' ? '+' + (Number(off) / 1e6).toFixed(Number(span) < 1e7 ? 3 : 1) + ' ms' : '+' + off;
    svg.appendChild(s('line', { class: 'axis', x1: at, y1: axisY, x2: at, y2: axisY + 4 }));
    svg.appendChild(s('text', { x: at - (q === 4 ? 50 : q === 0 ? 0 : 20), y: axisY + 16 }, text));
  }
  var legend = h('div', { class: 'legend' }, [['ordered', 'in the longest order that fits'], ['rejected', 'tried next: rejected'], ['dead-end', 'tried next: dead end'], ['unordered', 'could not be ordered'], ['unknown', 'outcome unknown (open-ended)']].map(function (x) { return h('span', null, [h('span', { class: 'swatch sw-' + x[0], 'aria-hidden': 'true' }), x[1]]); }));
  var longest = d.longestOrder || [];
  var order = longest.length ? 'Longest order that fits' + (d.longestOrderLength ? ' (' + d.longestOrderLength + ' events, the last ' + longest.length + ' listed)' : '') + ': ' + longest.map(function (e) { return e.type + ' (line ' + e.line + ')'; }).join(' → ') : (d.verdict === 'undecided' ? 'Undecided: the search reached its bound' + (d.bound ? ' (' + d.bound.maxSearchSteps + ' steps, ' + d.bound.maxWindowEvents + ' events)' : '') + '.' : 'No event of the window fits first.');
  return h('figure', { class: 'race', 'data-testid': 'timeline', 'data-unordered': unordered }, [
    h('figcaption', null, [h('strong', { text: (d.verdict === 'undecided' ? 'Undecided race' : 'Race') + ' on key ' }), h('code', { text: issue.key === null ? '(none)' : issue.key }), ' — ' + plural(unordered, 'event') + ' could not be ordered (' + (d.clock === 'line' ? 'file order' : 'trace time') + ')']),
    svg, legend, h('p', { class: 'muted', text: order }),
  ]);
}
function traceDetail(trace) {
  var box = h('div', { class: 'trace-detail' });
  var facts = [trace.format + (trace.gzip ? ' (gzip)' : ''), 'spec ' + trace.spec, plural(trace.events, 'event')];
  if (trace.sidecar) facts.push('expected violations in ' + trace.sidecar);
  if (trace.capture) facts.push('live capture: ' + trace.capture.spans + ' spans, ' + trace.capture.batches + ' batches' + (trace.capture.complete ? '' : ', INCOMPLETE (' + trace.capture.refused + ' refused)'));
  box.appendChild(h('p', { text: facts.join(' · ') }));
  var issues = trace.issues || [];
  if (issues.length === 0) { box.appendChild(h('p', { text: 'No violations.' })); return box; }
  var races = issues.filter(function (i) { return i.concurrency; }).slice(0, 5);
  races.forEach(function (i) { box.appendChild(timeline(i)); });
  var shown = issues.slice(0, MAX_ISSUES);
  box.appendChild(table(['where', 'rule', 'key', 'span', 'message'], shown.map(function (i) {
    var span = i.span ? [i.span.name, i.span.spanId && 'span ' + i.span.spanId, i.span.traceId && 'trace ' + i.span.traceId, i.span.startTime && 'at ' + i.span.startTime].filter(Boolean).join(' · ') : '';
    return h('tr', { class: i.severity === 'warn' ? 'c-warn' : null, 'data-issue-rule': i.rule }, [h('td', { class: 'mono', text: where(trace.file, i.line, i.column) }), h('td', null, h('code', { text: i.rule })), h('td', null, i.key === null ? h('span', { class: 'muted', text: '—' }) : h('code', { text: i.key })), h('td', { class: 'mono', text: span }), h('td', { text: i.message })]);
  }), { class: 'issues', 'data-testid': 'issues' }));
  if (issues.length > shown.length) box.appendChild(h('p', { class: 'muted', text: (issues.length - shown.length) + ' more violations in summary.json' }));
  return box;
}
function renderConformance() {
  var sec_ = S.conformance; if (!sec_ || !sec_.traces) return;
  var traces = sec_.traces;
  var invalid = traces.filter(function (t) { return !t.valid; }).length;
  var sec = section('conformance', 'Conformance', traces.length);
  sec.appendChild(h('p', { 'data-testid': 'conformance-counts', text: plural(traces.length, 'trace') + ' checked: ' + (traces.length - invalid) + ' valid, ' + invalid + ' invalid.' }));
  var rules = [];
  traces.forEach(function (t) { t.rules.forEach(function (r) { if (rules.indexOf(r.rule) < 0) rules.push(r.rule); }); });
  var newly = {}; (data.newlyFailing || []).forEach(function (r) { newly[r] = true; });
  var filter = h('select', { id: 'trace-filter' }, [h('option', { value: 'all', text: 'all traces' }), h('option', { value: 'invalid', text: 'invalid traces only' })]);
  var search = h('input', { id: 'trace-search', type: 'search', placeholder: 'file name contains…' });
  var shownNote = h('span', { class: 'muted', 'aria-live': 'polite' });
  sec.appendChild(h('div', { class: 'toolbar' }, [h('label', { for: 'trace-filter', text: 'Show ' }), filter, h('label', { for: 'trace-search', text: 'Filter ' }), search, shownNote]));
  var headers = [h('th', { scope: 'col', text: 'trace' }), h('th', { scope: 'col', class: 'num', text: 'events' }), h('th', { scope: 'col', text: 'verdict' })].concat(rules.map(function (r) { return h('th', { scope: 'col', class: 'rule-col' }, h('code', { text: r })); }));
  var body = h('tbody');
  var more = h('button', { type: 'button', 'data-testid': 'more-traces' });
  sec.appendChild(h('div', { class: 'scroll' }, h('table', { class: 'matrix', 'data-testid': 'matrix' }, [h('thead', null, h('tr', null, headers)), body])));
  sec.appendChild(more);
  var list = traces, shown = 0, autoOpened = false;
  var indexOf = new Map(); traces.forEach(function (t, i) { indexOf.set(t, i); });
  function row(t, index) {
    var id = 'trace-' + index;
    var btn = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': id, text: t.file, 'data-trace': t.file });
    var expected = !t.valid && t.sidecar && !t.rules.some(function (r) { return r.state === 'failed'; });
    var verdict = t.valid ? h('span', { class: 'badge c-pass', text: 'valid' }) : expected ? h('span', { class: 'badge c-warn', title: 'its violations are the ones ' + t.sidecar + ' expects', text: 'invalid, as expected' }) : h('span', { class: 'badge c-fail', text: 'invalid' });
    var tr = h('tr', { 'data-trace-row': index, 'data-valid': t.valid }, [h('th', { scope: 'row' }, btn), num(t.events), h('td', null, verdict)].concat(rules.map(function (r) {
      var c = cellOf(t, r); var isNew = c.cls === 'c-fail' && newly[t.file + ' › ' + r];
      return h('td', { class: 'cell ' + c.cls, title: r + ': ' + c.label + (isNew ? ' (new in this run)' : ''), 'data-rule': r, 'data-state': c.cls.slice(2) }, [c.text, isNew ? h('span', { class: 'new', text: ' new' }) : null]);
    })));
    var detail = null;
    function toggle() {
      if (detail) { detail.remove(); detail = null; btn.setAttribute('aria-expanded', 'false'); return; }
      detail = h('tr', { id: id, class: 'detail' }, h('td', { colspan: 3 + rules.length }, traceDetail(t)));
      tr.after(detail); btn.setAttribute('aria-expanded', 'true');
    }
    btn.addEventListener('click', toggle);
    if (!autoOpened && !t.valid && (t.issues || []).some(function (i) { return i.concurrency; })) { autoOpened = true; setTimeout(toggle, 0); }
    return tr;
  }
  function page() {
    var end = Math.min(list.length, shown + PAGE);
    var frag = document.createDocumentFragment();
    for (var i = shown; i < end; i++) frag.appendChild(row(list[i], indexOf.get(list[i])));
    body.appendChild(frag); shown = end;
    more.hidden = shown >= list.length;
    more.textContent = 'Show ' + Math.min(PAGE, list.length - shown) + ' more (' + (list.length - shown) + ' not shown)';
    shownNote.textContent = shown + ' of ' + list.length + ' shown';
  }
  function refilter() {
    var q = search.value.toLowerCase();
    list = traces.filter(function (t) { return (filter.value === 'all' || !t.valid) && (!q || t.file.toLowerCase().indexOf(q) >= 0); });
    body.textContent = ''; shown = 0; page();
  }
  more.addEventListener('click', page);
  filter.addEventListener('change', refilter);
  search.addEventListener('input', refilter);
  page();
}

// ---- drift
function diffBlock(text) {
  var pre = h('pre', { class: 'diff' });
  String(text).split('\n').forEach(function (line) {
    var c = line.slice(0, 3) === '+++' || line.slice(0, 3) === '---' ? 'hunk' : line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : line.slice(0, 2) === '@@' ? 'hunk' : null;
    pre.appendChild(c ? h('span', { class: c, text: line }) : document.createTextNode(line + '\n'));
  });
  return pre;
}
function renderDrift() {
  var g = S.generate; if (!g || !g.targets) return;
  var targets = g.targets;
  var drifted = targets.filter(function (t) { return t.hasChanges || t.error; }).length;
  var sec = section('drift', 'Artifact drift', targets.length);
  sec.appendChild(h('p', { 'data-testid': 'drift-counts', text: plural(targets.length, 'target') + ': ' + (targets.length - drifted) + ' up to date, ' + drifted + ' drifted or failed.' }));
  targets.forEach(function (t) {
    var by = { A: 0, M: 0, D: 0 }; t.files.forEach(function (f) { by[f.status]++; });
    var state = t.error ? 'generator failed' : t.updated ? 'updated (-u)' : t.hasChanges ? 'drift' : 'up to date';
    var diffs = {}; (t.diffs || []).forEach(function (d) { diffs[d.file] = d; });
    var body = h('div', null, [
      h('p', { text: 'manifest ' + where(t.manifest, t.line) + ' · ' + (t.diffstat || 'no changes') }),
      t.error ? h('pre', { text: t.error }) : null,
      t.files.length ? h('ul', { class: 'files' }, t.files.map(function (f) {
        var d = diffs[f.file];
        return h('li', { 'data-status': f.status }, [h('span', { class: 'badge ' + (f.status === 'A' ? 'c-pass' : f.status === 'D' ? 'c-fail' : 'c-warn'), text: f.status }), ' ', h('code', { text: f.file }),
          d ? h('details', null, [h('summary', { text: 'normalised diff' + (d.truncated ? ' (cut at ' + d.lines + ' lines)' : '') }), d.note ? h('p', { class: 'muted', text: d.note }) : null, d.diff ? diffBlock(d.diff) : null]) : null]);
      })) : null,
      t.truncated ? h('p', { class: 'muted', text: t.truncated + ' more changed files not listed (generate.maxReportedFiles)' }) : null,
    ]);
    sec.appendChild(h('details', { open: t.hasChanges || t.error ? true : null, 'data-target': t.path }, [h('summary', null, [h('code', { text: t.path }), ' ', badge(t.error || t.hasChanges ? 'failed' : 'passed'), ' ' + state + (t.files.length ? ' · A ' + by.A + ' · M ' + by.M + ' · D ' + by.D : '')]), body]));
  });
  (g.manifestErrors || []).forEach(function (e) { sec.appendChild(h('p', { class: 'c-fail' }, [h('code', { text: where(e.manifest, e.line) }), ': ' + e.message])); });
}

// ---- features
function renderFeatures() {
  var g = S.generate; if (!g || !g.features) return;
  var fs = g.features;
  var sec = section('features', 'Features', fs.length);
  var sc = fs.reduce(function (a, f) { return a + f.scenarios; }, 0), failed = fs.reduce(function (a, f) { return a + f.failed; }, 0);
  sec.appendChild(h('p', { 'data-testid': 'feature-counts', text: plural(fs.length, 'feature') + ', ' + plural(sc, 'scenario') + ': ' + failed + ' failed.' }));
  var keys = ['passed', 'failed', 'pending', 'undefined', 'ambiguous', 'skipped'];
  sec.appendChild(table(['feature', 'file'].concat(keys.map(function (k) { return { label: k, num: 1 }; })).concat([{ label: 'undefined steps', num: 1 }]), fs.map(function (f) {
    return h('tr', { 'data-feature': f.file }, [h('th', { scope: 'row', text: f.feature }), h('td', { class: 'mono', text: f.file })].concat(keys.map(function (k) {
      var n = f.statuses ? f.statuses[k] : 0; return h('td', { class: 'num ' + (n > 0 ? (k === 'passed' ? 'c-pass' : k === 'skipped' ? 'c-skip' : 'c-fail') : ''), text: n });
    })).concat([num(f.undefinedSteps)]));
  }), { 'data-testid': 'features-table' }));
  var listed = fs.filter(function (f) { return f.scenarioStatuses && f.scenarioStatuses.length; });
  if (listed.length) {
    sec.appendChild(h('h3', { text: 'Scenarios' }));
    listed.forEach(function (f) {
      var bad = f.scenarioStatuses.some(function (x) { return x.status !== 'passed' && x.status !== 'skipped'; });
      sec.appendChild(h('details', { open: bad ? true : null, 'data-feature-scenarios': f.file }, [
        h('summary', null, [h('strong', { text: f.feature || f.file }), ' ', h('span', { class: 'muted', text: f.file + ' · ' + plural(f.scenarios, 'scenario') })]),
        h('div', null, [h('ul', null, f.scenarioStatuses.map(function (x) {
          var cls = x.status === 'passed' ? 'c-pass' : x.status === 'skipped' ? 'c-skip' : x.status === 'pending' ? 'c-warn' : 'c-fail';
          return h('li', { 'data-scenario-status': x.status }, [h('span', { class: 'badge ' + cls, text: x.status }), ' ', x.scenario, ' ', h('span', { class: 'muted mono', text: ':' + x.line })]);
        })), f.scenarioStatusesTruncated ? h('p', { class: 'muted', text: f.scenarioStatusesTruncated + ' more scenarios in summary.json' }) : null]),
      ]));
    });
  }
  var failures = [];
  fs.forEach(function (f) {
    (f.syntaxErrors || []).forEach(function (e) { failures.push(h('li', null, [h('code', { text: where(f.file, e.line, e.column) }), ' syntax: ' + e.message])); });
    (f.failures || []).forEach(function (x) { failures.push(h('li', null, [h('code', { text: where(f.file, x.line) }), ' ' + x.scenario + ': ' + x.message])); });
  });
  if (failures.length) { sec.appendChild(h('h3', { text: 'Failing scenarios' })); sec.appendChild(h('ul', null, failures.slice(0, 500))); }
  if (g.unusedSteps && g.unusedSteps.length) sec.appendChild(h('p', { class: 'muted', text: plural(g.unusedSteps.length, 'step definition') + ' used by no feature.' }));
}

// ---- properties
function renderProperties() {
  var p = S.property; if (!p || !p.properties) return;
  var ps = p.properties;
  var failed = ps.filter(function (x) { return x.status === 'failed'; }).length;
  var sec = section('properties', 'Properties', ps.length);
  sec.appendChild(h('p', { 'data-testid': 'property-counts', text: plural(ps.length, 'property') + ': ' + failed + ' failed.' }));
  sec.appendChild(table(['property', 'where', 'status', { label: 'runs', num: 1 }, 'seed', 'counterexample and replay'], ps.map(function (x) {
    var detail = [];
    if (x.rule) detail.push(h('div', null, ['broke ', h('code', { text: x.rule })]));
    if (x.counterexample !== null && x.counterexample !== undefined) detail.push(h('pre', { 'data-testid': 'counterexample', text: x.counterexample }));
    if (x.replay) {
      var code = h('code', { text: x.replay, 'data-testid': 'replay' });
      var btn = h('button', { type: 'button', text: 'Copy', 'aria-label': 'Copy the replay command of ' + x.name });
      btn.addEventListener('click', function () { copyText(x.replay, btn); });
      detail.push(h('div', null, [code, ' ', btn]));
    }
    return h('tr', { 'data-property': x.name }, [h('th', { scope: 'row', text: x.name }), h('td', { class: 'mono', text: where(x.file, x.line) }), h('td', null, badge(x.status)), num(x.runs + ' / ' + x.numRuns), h('td', { class: 'mono', text: x.seed + ' (' + x.seedSource + ')' }), h('td', null, detail)]);
  }), { 'data-testid': 'properties-table' }));
}

// ---- contracts
function renderContracts() {
  var c = S.contract; if (!c || !c.interactions) return;
  var is = c.interactions;
  var count = function (st) { return is.filter(function (i) { return i.status === st; }).length; };
  var sec = section('contracts', 'Contracts', is.length);
  sec.appendChild(h('p', { 'data-testid': 'contract-counts', text: plural(is.length, 'interaction') + ': ' + count('passed') + ' passed, ' + count('failed') + ' failed, ' + count('skipped') + ' skipped.' }));
  sec.appendChild(table(['interaction', 'where', 'parties', 'status', 'mismatches'], is.map(function (i) {
    var ms_ = i.mismatches.length ? table(['path', 'kind', 'expected', 'actual', 'message'], i.mismatches.map(function (m) {
      return h('tr', null, [h('td', null, h('code', { text: m.path })), h('td', { text: m.kind }), h('td', null, h('code', { text: json(m.expected) })), h('td', null, h('code', { text: json(m.actual) })), h('td', { text: m.message })]);
    }), { class: 'mismatches' }) : null;
    return h('tr', { 'data-interaction': i.description }, [h('th', { scope: 'row', text: i.description }), h('td', { class: 'mono', text: where(i.file, i.line) }), h('td', { text: [i.consumer, i.provider].filter(Boolean).join(' → ') }), h('td', null, badge(i.status)),
      h('td', null, [ms_, i.error ? h('pre', { text: i.error }) : null, i.skipReason ? h('span', { class: 'muted', text: i.skipReason }) : null, !ms_ && !i.error && !i.skipReason ? '—' : null])]);
  }), { 'data-testid': 'contracts-table' }));
}

// ---- failures
function renderFailures() {
  var f = S.failures || [];
  if (f.length === 0) return;
  var sec = section('failures', 'Failures', f.length);
  sec.appendChild(h('ul', { 'data-testid': 'failures' }, f.slice(0, 300).map(function (x) {
    return h('li', null, [x.project ? h('span', { class: 'badge s-skipped', text: x.project }) : null, ' ', x.file ? h('code', { text: where(x.file, x.line) }) : null, ' ', x.test ? h('strong', { text: x.test }) : null, h('pre', { text: x.message })]);
  })));
  if (f.length > 300) sec.appendChild(h('p', { class: 'muted', text: (f.length - 300) + ' more in summary.json' }));
}

renderRun();
renderHistory();
renderConformance();
renderDrift();
renderFeatures();
renderProperties();
renderContracts();
renderFailures();
document.documentElement.setAttribute('data-rendered', 'true');
if (window.performance && performance.mark) performance.mark('spec-ci-rendered');
})();
`
