// corridor's web map: draws the places and routes layers (the same GeoJSON `export`
// writes) with Leaflet. Inlined into map.html by `corridor map` together with Leaflet and
// the data, or served by `corridor serve`, where it loads the layers from its endpoints.
// Every request it makes goes to the page's own origin; the OpenStreetMap tile layer is
// the one exception, and it is off until the user turns it on.
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

  async function loadData() {
    if (!config.live) {
      return {
        places: inline('corridor-places'),
        routes: inline('corridor-routes'),
        land: inline('corridor-land'),
        countries: inline('corridor-countries'),
        summary: config.summary,
      };
    }
    const q = query();
    // The capacity endpoint needs both ends: the page's own, else the server's default pair.
    const pair = new URLSearchParams(q);
    if (!pair.get('from') && config.summary.from) pair.set('from', config.summary.from);
    if (!pair.get('to') && config.summary.to) pair.set('to', config.summary.to);
    const [places, routes, land, countries, capacity] = await Promise.all([
      getJson('places.geojson' + q),
      getJson('routes.geojson' + q),
      getJson('land.geojson'),
      getJson('countries.geojson'),
      pair.get('from') && pair.get('to') ? getJson('capacity?' + pair.toString()) : Promise.resolve(null),
    ]);
    if (!capacity) return { places, routes, land, countries, summary: config.summary };
    const summary = Object.assign({}, config.summary, {
      from: capacity.from,
      to: capacity.to,
      commodity: capacity.commodity || '',
      scenario: capacity.scenario || '',
      throughput: has(capacity.throughput_t_mo) ? capacity.throughput_t_mo : capacity.throughput_pax_mo,
      unit: capacity.unit,
      sentence: capacity.min_cut && capacity.min_cut.length ? 'Minimum cut: ' + capacity.min_cut.join(', ') : '',
      observations: [],  // the server does not check observations for the question asked
    });
    return { places, routes, land, countries, summary };
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({
      '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
    }[c]));
  }

  function number(value, digits) {
    return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits || 0 });
  }

  function has(value) {
    return value !== null && value !== undefined && value !== '';
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
                '<div class="corridor-source">— ' + escapeHtml(p.source || '') + '</div>');
    }
    if (has(p.note)) rows.push('<div class="corridor-note"><b>Note:</b> ' + escapeHtml(p.note) + '</div>');
    return '<div class="corridor-route-info" data-route="' + escapeHtml(p.id) + '">' + rows.join('') + '</div>';
  }

  // Every visible route within a few pixels of a clicked point: routes that share a lane
  // (a ferry and a tanker between the same ports) are all listed, the clicked one first.
  function routesAt(map, routeLayers, clicked, containerPoint) {
    const near = [clicked];
    for (const line of Object.values(routeLayers)) {
      if (line === clicked || !map.hasLayer(line)) continue;
      const pts = line.getLatLngs().map((ll) => map.latLngToContainerPoint(ll));
      const reach = line.options.weight / 2 + 4;
      for (let i = 1; i < pts.length; i++) {
        if (L.LineUtil.pointToSegmentDistance(containerPoint, pts[i - 1], pts[i]) <= reach) {
          near.push(line);
          break;
        }
      }
    }
    return near;
  }

  function placePopup(p) {
    const rows = ['<div class="corridor-popup-title">' + escapeHtml(p.name) + '</div>',
                  '<div class="corridor-popup-sub">' + escapeHtml(p.id) + ' · ' + escapeHtml(p.kind) + ' · ' +
                  escapeHtml(p.country) + '</div>'];
    if (has(p.name_local)) rows.push('<div>' + escapeHtml(p.name_local) + '</div>');
    if (has(p.capacity)) rows.push('<div><b>Capacity:</b> ' + number(p.capacity) + ' t/month</div>');
    if (has(p.in_t_mo)) rows.push('<div><b>In:</b> ' + number(p.in_t_mo) + ' · <b>out:</b> ' + number(p.out_t_mo) + '</div>');
    if (has(p.source)) rows.push('<div class="corridor-source">Position: ' + escapeHtml(p.source) + '</div>');
    return rows.join('');
  }

  // The point halfway along a line and the direction of travel there, in degrees
  // clockwise from east on the screen (Web Mercator is conformal: any zoom gives it).
  function halfway(latlngs) {
    const crs = L.CRS.EPSG3857;
    const pts = latlngs.map((ll) => crs.latLngToPoint(ll, 8));
    let total = 0;
    for (let i = 1; i < pts.length; i++) total += pts[i].distanceTo(pts[i - 1]);
    let left = total / 2;
    for (let i = 1; i < pts.length; i++) {
      const step = pts[i].distanceTo(pts[i - 1]);
      if (step > 0 && left <= step) {
        const t = left / step;
        const at = L.point(pts[i - 1].x + (pts[i].x - pts[i - 1].x) * t, pts[i - 1].y + (pts[i].y - pts[i - 1].y) * t);
        const deg = Math.atan2(pts[i].y - pts[i - 1].y, pts[i].x - pts[i - 1].x) * 180 / Math.PI;
        return { latlng: crs.pointToLatLng(at, 8), deg };
      }
      left -= step;
    }
    return { latlng: latlngs[0], deg: 0 };
  }

  function legend(modesShown) {
    const control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      const div = L.DomUtil.create('div', 'corridor-legend');
      const rows = ['<div class="corridor-legend-title">Routes</div>'];
      for (const mode of modesShown) {
        rows.push('<div><span class="corridor-swatch" style="background:' + style.modes[mode] + '"></span>' +
                  escapeHtml(mode) + '</div>');
      }
      rows.push('<div><span class="corridor-swatch corridor-swatch-dashed"></span>assumed capacity (dashed)</div>');
      rows.push('<div><span class="corridor-swatch" style="background:' + style.bottleneck +
                '"></span>bottleneck (minimum cut)</div>');
      rows.push('<div>➤ direction of flow · width: flow</div>');
      rows.push('<div class="corridor-legend-title">Places</div>');
      for (const kind of Object.keys(style.kinds)) {
        rows.push('<div><span class="corridor-dot" style="background:' + style.kinds[kind] + '"></span>' +
                  escapeHtml(kind.replace(/_/g, ' ')) + '</div>');
      }
      div.innerHTML = rows.join('');
      return div;
    };
    return control;
  }

  function panel(summary) {
    const control = L.control({ position: 'topleft' });
    control.onAdd = function () {
      const div = L.DomUtil.create('div', 'corridor-panel');
      const rows = ['<div class="corridor-panel-title">' + escapeHtml(config.title) + '</div>'];
      if (has(summary.throughput)) {
        rows.push('<div class="corridor-pair">' + escapeHtml(summary.from) + ' → ' + escapeHtml(summary.to) +
                  (summary.commodity ? ' (' + escapeHtml(summary.commodity) + ')' : '') + '</div>');
        rows.push('<div class="corridor-throughput">' + number(summary.throughput) + ' ' +
                  escapeHtml(summary.unit) + '</div>');
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
        rows.push('<div>No flow analysis</div>');
      }
      div.innerHTML = rows.join('');
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    return control;
  }

  function draw(data) {
    const map = L.map('map', { zoomSnap: 0.25, preferCanvas: false });
    const summary = data.summary;
    const basemap = L.layerGroup();
    if (data.land) {
      L.geoJSON(data.land, { interactive: false, style: { stroke: false, fillColor: style.land, fillOpacity: 1 } })
        .addTo(basemap);
    }
    if (data.countries) {
      L.geoJSON(data.countries, { interactive: false, style: { fill: false, color: style.border, weight: 1 } })
        .addTo(basemap);
    }
    basemap.addTo(map);
    const osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19, attribution: '© OpenStreetMap contributors',
    });

    const routes = data.routes.features;
    const largest = routes.reduce((m, f) => Math.max(m, f.properties.flow || 0), 0);
    const byMode = {};
    const bounds = L.latLngBounds([]);
    const halos = L.layerGroup().addTo(map);
    const routeLayers = {};
    for (const f of routes) {
      const p = f.properties;
      const latlngs = f.geometry.coordinates.map((c) => L.latLng(c[1], c[0]));
      latlngs.forEach((ll) => bounds.extend(ll));
      const group = byMode[p.mode] || (byMode[p.mode] = L.layerGroup());
      const w = width(p.flow, largest);
      if (p.bottleneck === 1) {
        L.polyline(latlngs, { color: style.bottleneck, weight: w + 8, opacity: 0.5, interactive: false,
                              className: 'corridor-halo' }).addTo(halos);
      }
      const line = L.polyline(latlngs, {
        color: style.modes[p.mode] || '#555555',
        weight: w,
        opacity: 0.95,
        dashArray: p.basis === 'assumed' ? '10 7' : null,
        className: 'corridor-route corridor-mode-' + p.mode,
      });
      line.on('click', (e) => {
        const here = routesAt(map, routeLayers, line, e.containerPoint);
        const html = here.map((l) => routePopup(l.feature.properties, summary.unit || 't/month')).join('<hr>');
        L.popup({ maxWidth: 360, maxHeight: 420 }).setLatLng(e.latlng).setContent(
          (here.length > 1 ? '<div class="corridor-popup-sub">' + here.length + ' routes here</div>' : '') + html)
          .openOn(map);
      });
      line.feature = f;
      routeLayers[p.id] = line;
      line.on('add', () => line.getElement().setAttribute('data-route', p.id));
      line.addTo(group);
      if (p.flow > 0 && (p.flow_dir === 'forward' || p.flow_dir === 'backward')) {
        const along = p.flow_dir === 'forward' ? latlngs : latlngs.slice().reverse();
        const mid = halfway(along);
        L.marker(mid.latlng, {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: 'corridor-arrow',
            iconSize: [20, 20],
            iconAnchor: [10, 10],
            html: '<div style="transform: rotate(' + mid.deg.toFixed(1) + 'deg); color:' +
                  (style.modes[p.mode] || '#555555') + '">➤</div>',
          }),
        }).addTo(group);
      }
    }
    const modesShown = Object.keys(style.modes).filter((m) => byMode[m]);
    for (const m of modesShown) byMode[m].addTo(map);
    // Wide lines below, thin ones on top, so a route sharing a lane with a busier one
    // (the ferry beside the tankers) stays visible and can be clicked.
    Object.values(routeLayers)
      .sort((a, b) => b.options.weight - a.options.weight)
      .forEach((line) => line.bringToFront());

    const places = L.layerGroup().addTo(map);
    for (const f of data.places.features) {
      const p = f.properties;
      const ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      bounds.extend(ll);
      const marker = L.circleMarker(ll, {
        radius: 6, color: '#ffffff', weight: 1.5, fillColor: style.kinds[p.kind] || style.other_kind,
        fillOpacity: 1, className: 'corridor-place corridor-kind-' + p.kind,
      });
      marker.bindTooltip(escapeHtml(p.name), { permanent: true, direction: 'right', offset: [6, 0],
                                               className: 'corridor-label' });
      marker.bindPopup(placePopup(p));
      marker.on('add', () => marker.getElement().setAttribute('data-place', p.id));
      marker.addTo(places);
    }

    const overlays = { 'Basemap (Natural Earth)': basemap, 'Bottleneck highlight': halos };
    for (const m of modesShown) {
      const n = routes.filter((f) => f.properties.mode === m).length;
      overlays[m + ' (' + n + (n === 1 ? ' route)' : ' routes)')] = byMode[m];
    }
    overlays.Places = places;
    overlays['OpenStreetMap tiles (online)'] = osm;
    L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    legend(modesShown).addTo(map);
    panel(summary).addTo(map);
    // Room for the layer list and legend on the right and the panel on the left.
    if (bounds.isValid()) map.fitBounds(bounds, { paddingTopLeft: [40, 30], paddingBottomRight: [250, 30] });
    else map.setView([40, 128], 5);

    window.corridor = { map, routeLayers, routes: routes.length, places: data.places.features.length };
    document.body.setAttribute('data-ready', 'true');
  }

  loadData().then(draw).catch((e) => {
    const div = document.getElementById('map');
    div.textContent = 'corridor: ' + e.message;
    div.className = 'corridor-error';
    document.body.setAttribute('data-ready', 'error');
  });
})();
