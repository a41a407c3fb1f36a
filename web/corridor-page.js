// What both of corridor's map pages share (corridor-map.js, Leaflet; corridor-map-gl.js,
// MapLibre GL JS): the config, formatting, widths by flow, popups, label order, the legend's
// and the panel's contents, folding controls, and loading the analysis' summary from the
// server. Inlined into the page before the page's own script; it draws nothing.
(function () {
  'use strict';

  const config = JSON.parse(document.getElementById('corridor-config').textContent);
  const style = config.style;

  function inline(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // The analysis parameters of the page's own address, passed on to the endpoints.
  function query() {
    const here = new URLSearchParams(window.location.search);
    const out = new URLSearchParams();
    for (const key of ['from', 'to', 'commodity', 'scenario']) {
      if (here.get(key)) out.set(key, here.get(key));
    }
    const s = out.toString();
    return s ? '?' + s : '';
  }

  async function getJson(url) {
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || (url + ': HTTP ' + response.status));
    return body;
  }

  function has(value) {
    return value !== null && value !== undefined && value !== '';
  }

  // The summary of a live page: the analysis its address asks (/capacity), else the
  // server's default pair's, which the page holds.
  async function liveSummary(q) {
    // The capacity endpoint needs both ends: the page's own, else the server's default pair.
    const pair = new URLSearchParams(q);
    if (!pair.get('from') && config.summary.from) pair.set('from', config.summary.from);
    if (!pair.get('to') && config.summary.to) pair.set('to', config.summary.to);
    if (!pair.get('from') || !pair.get('to')) return config.summary;
    const capacity = await getJson('capacity?' + pair.toString());
    return Object.assign({}, config.summary, {
      from: capacity.from,
      to: capacity.to,
      commodity: capacity.commodity || '',
      scenario: capacity.scenario || '',
      throughput: has(capacity.throughput_t_mo) ? capacity.throughput_t_mo : capacity.throughput_pax_mo,
      unit: capacity.unit,
      sentence: capacity.min_cut && capacity.min_cut.length ? 'Minimum cut: ' + capacity.min_cut.join(', ') : '',
      observations: [],  // the server does not check observations for the question asked
    });
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({
      '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
    }[c]));
  }

  // Whole tonnes and passengers are rounded down, as the solver holds them and every other
  // output prints them (docs/design.md: one rounding rule); shares keep their digits.
  function number(value, digits) {
    const v = Number(value);
    if (digits) return v.toLocaleString('en-US', { maximumFractionDigits: digits });
    return Math.floor(v + 1e-9).toLocaleString('en-US');
  }

  function width(flow, largest) {
    if (!(flow > 0) || !(largest > 0)) return style.width.none;
    return style.width.base + style.width.span * Math.sqrt(Math.min(flow / largest, 1));
  }

  function routePopup(p, unit) {
    const rows = [];
    rows.push('<div class="corridor-popup-title">' + escapeHtml(p.name || p.id) + '</div>');
    rows.push('<div class="corridor-popup-sub">' + escapeHtml(p.id) + ' · ' + escapeHtml(p.mode) +
              (p.two_way ? ' · both ways' : ' · one way') + '</div>');
    let capacity = has(p.capacity) ? number(p.capacity) + ' t/month' : 'not limited';
    if (has(p.cap_low) && has(p.cap_high) && (p.cap_low !== p.capacity || p.cap_high !== p.capacity)) {
      capacity += ' (range ' + number(p.cap_low) + '–' + number(p.cap_high) + ')';
    }
    rows.push('<div class="corridor-capacity"><b>Capacity:</b> ' + capacity + '</div>');
    if (has(p.pax_mo)) rows.push('<div><b>Passengers:</b> ' + number(p.pax_mo) + ' passengers/month</div>');
    if (has(p.flow)) {
      rows.push('<div><b>Flow:</b> ' + number(p.flow) + ' ' + escapeHtml(unit) +
                (has(p.util) ? ' · utilisation ' + number(p.util * 100, 1) + '%' : '') + '</div>');
    }
    if (p.bottleneck === 1) rows.push('<div class="corridor-on-cut">On the minimum cut (a bottleneck)</div>');
    if (has(p.cut_prob)) rows.push('<div><b>On the cut in</b> ' + number(p.cut_prob * 100, 1) + '% of draws</div>');
    if (has(p.observed)) rows.push('<div><b>Observed:</b> ' + number(p.observed) + ' t/month</div>');
    rows.push('<div><b>Length:</b> ' + number(p.length_km, 1) + ' km</div>');
    rows.push('<div><b>Basis:</b> ' + escapeHtml(p.basis) + (has(p.cap_rule) ? ' (' + escapeHtml(p.cap_rule) + ')' : '') + '</div>');
    if (has(p.quote)) {
      rows.push('<blockquote class="corridor-quote">' + escapeHtml(p.quote) + '</blockquote>' +
                '<div class="corridor-source">— ' + escapeHtml(p.seed || '') + '</div>');
    }
    if (has(p.note)) rows.push('<div class="corridor-note"><b>Note:</b> ' + escapeHtml(p.note) + '</div>');
    return '<div class="corridor-route-info" data-route="' + escapeHtml(p.id) + '">' + rows.join('') + '</div>';
  }

  function placePopup(p) {
    const rows = ['<div class="corridor-popup-title">' + escapeHtml(p.name || p.id) + '</div>',
                  '<div class="corridor-popup-sub">' + escapeHtml(p.id) + ' · ' + escapeHtml(p.kind) + ' · ' +
                  escapeHtml(p.country) + '</div>'];
    if (has(p.name_local)) rows.push('<div>' + escapeHtml(p.name_local) + '</div>');
    if (has(p.capacity)) rows.push('<div><b>Capacity:</b> ' + number(p.capacity) + ' t/month</div>');
    if (has(p.in_t_mo)) rows.push('<div><b>In:</b> ' + number(p.in_t_mo) + ' · <b>out:</b> ' + number(p.out_t_mo) + '</div>');
    if (has(p.source)) rows.push('<div class="corridor-source">Position: ' + escapeHtml(p.source) + '</div>');
    return '<div class="corridor-place-info" data-place="' + escapeHtml(p.id) + '">' + rows.join('') + '</div>';
  }

  // A place's name as a map label: without its parenthesised notes (the same rule as
  // report/style.hpp: map_label, tested on the same names); the popup keeps the whole name.
  function mapLabel(name) {
    let out = '';
    let depth = 0;
    for (const c of String(name)) {
      if (c === '(') depth++;
      if (depth === 0) out += c;
      if (c === ')' && depth > 0) depth--;
    }
    const tidy = out.replace(/ +/g, ' ').replace(/ ,/g, ',').trim();
    return tidy || String(name);
  }

  // Which places are named first when labels compete for room: by kind, then by the
  // tonnes through the place, then by id (so the same view gives the same labels).
  const kindRank = { city: 0, port: 1, border_crossing: 2, oil_terminal: 3, rail_station: 4, refinery: 5,
                     junction: 6, bridge: 7 };
  const otherKindRank = 8;
  function labelOrder(a, b) {
    const ka = kindRank[a.kind] ?? otherKindRank;
    const kb = kindRank[b.kind] ?? otherKindRank;
    if (ka !== kb) return ka - kb;
    if (a.through !== b.through) return b.through - a.through;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  function legendHtml(modesShown) {
    const rows = ['<div class="corridor-legend-title">Routes</div>'];
    for (const mode of modesShown) {
      rows.push('<div><span class="corridor-swatch" style="background:' + style.modes[mode] + '"></span>' +
                escapeHtml(mode) + '</div>');
    }
    rows.push('<div><span class="corridor-swatch corridor-swatch-dashed"></span>assumed capacity (dashed)</div>');
    rows.push('<div><span class="corridor-swatch" style="background:' + style.bottleneck +
              '"></span>bottleneck (minimum cut)</div>');
    rows.push('<div>➤ direction of flow · width: flow</div>');
    // The kinds of the network's places (the page's place_kinds, sorted, as on render's
    // picture), each in its colour: kinds without a colour of their own in the grey of others.
    rows.push('<div class="corridor-legend-title">Places</div>');
    const kinds = config.place_kinds ?? Object.keys(style.kinds);
    for (const kind of kinds) {
      rows.push('<div><span class="corridor-dot" style="background:' + (style.kinds[kind] ?? style.other_kind) +
                '"></span>' + escapeHtml(kind.replace(/_/g, ' ')) + '</div>');
    }
    return rows.join('');
  }

  // The panel: the answer (head, always in view) and its details (fold away on a phone).
  function panelHtml(summary) {
    const head = [];
    const rows = [];
    if (summary.heading) {
      // An assignment: its one line (demands met of asked) instead of a pair and its throughput.
      head.push('<div class="corridor-pair corridor-assignment">' + escapeHtml(summary.heading) + '</div>');
    } else if (has(summary.throughput)) {
      head.push('<div class="corridor-pair">' + escapeHtml(summary.from) + ' → ' + escapeHtml(summary.to) +
                (summary.commodity ? ' (' + escapeHtml(summary.commodity) + ')' : '') + '</div>');
      head.push('<div class="corridor-throughput">' + number(summary.throughput) + ' ' +
                escapeHtml(summary.unit) + '</div>');
    }
    if (has(summary.throughput)) {
      if (has(summary.p10)) {
        rows.push('<div>P10 ' + number(summary.p10) + ' · P50 ' + number(summary.p50) + ' · P90 ' +
                  number(summary.p90) + '</div>');
      }
      rows.push('<div>Scenario: ' + escapeHtml(summary.scenario || 'baseline') + '</div>');
      if (summary.sentence) rows.push('<div class="corridor-sentence">' + escapeHtml(summary.sentence) + '</div>');
      // Observed against capacity: one line per observation about the analysed pair.
      const observed = summary.observations || [];
      if (observed.length) {
        rows.push('<div class="corridor-observed-title">Observed vs capacity</div>');
        for (const o of observed) {
          rows.push('<div class="corridor-observed corridor-verdict-' + escapeHtml(o.verdict) + '" data-observation="' +
                    escapeHtml(o.id) + '">' + escapeHtml(o.text) + '</div>');
        }
      }
    } else {
      head.push('<div>No flow analysis</div>');
    }
    return {
      title: '<span class="corridor-panel-title">' + escapeHtml(config.title) + '</span>',
      body: head.join('') + '<div class="corridor-details">' + rows.join('') + '</div>',
    };
  }

  // A control that folds to its title: a button shows and hides its body. Folded from the
  // start on a narrow screen (a phone), so the map stays visible.
  // foldClass: the class on div that hides what folds (CSS: the whole body, or the details).
  function foldable(div, title, bodyHtml, folded, onToggle, foldClass) {
    foldClass = foldClass || 'corridor-folded';
    div.innerHTML = '<button type="button" class="corridor-toggle" aria-expanded="' + !folded + '">' + title +
                    '</button><div class="corridor-body">' + bodyHtml + '</div>';
    if (folded) div.classList.add(foldClass);
    const button = div.querySelector('.corridor-toggle');
    button.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      const nowFolded = div.classList.toggle(foldClass);
      button.setAttribute('aria-expanded', String(!nowFolded));
      onToggle();
    });
    for (const type of ['click', 'dblclick', 'mousedown', 'touchstart', 'wheel', 'pointerdown']) {
      div.addEventListener(type, (e) => e.stopPropagation());
    }
  }

  // A phone-sized map (under 600 px wide) starts with its controls folded.
  const kNarrow = 600;

  window.corridorPage = {
    config, style, inline, query, getJson, has, liveSummary, escapeHtml, number, width, routePopup, placePopup,
    mapLabel, kindRank, otherKindRank, labelOrder, legendHtml, panelHtml, foldable, kNarrow,
  };
})();
