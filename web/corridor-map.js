// corridor's web map: draws the places and routes layers (the same GeoJSON `export`
// writes) with Leaflet. Inlined into map.html by `corridor map` together with Leaflet and
// the data, or served by `corridor serve`, where it loads the layers from its endpoints.
// Every request it makes goes to the page's own origin; the OpenStreetMap tile layer is
// the one exception, and it is off until the user turns it on.
(function () {
  'use strict';

  const { config, style, inline, query, getJson, has, liveSummary, escapeHtml, width, routePopup, placePopup,
          mapLabel, labelOrder, legendHtml, panelHtml, kNarrow } = window.corridorPage;

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
    const [places, routes, land, countries, summary] = await Promise.all([
      getJson('places.geojson' + q),
      getJson('routes.geojson' + q),
      getJson('land.geojson'),
      getJson('countries.geojson'),
      liveSummary(q),
    ]);
    return { places, routes, land, countries, summary };
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

  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  // Label placement without overlap, in screen pixels: each label, in labelOrder, goes to
  // the first of four spots beside its place (right, left, above, below) that lies inside
  // the view and overlaps no label placed before it, no place marker and no control
  // (panel, legend, layer list, zoom buttons, scale); a label with no free spot is hidden
  // and shows when zooming in makes room. Returns {id: {x, y} | null}.
  function placeLabels(items, obstacles, view) {
    const gap = 8;
    const taken = obstacles.slice();
    for (const it of items) taken.push({ x0: it.x - 5, y0: it.y - 5, x1: it.x + 5, y1: it.y + 5 });
    const out = {};
    for (const it of items.slice().sort(labelOrder)) {
      const w = it.w;
      const h = it.h;
      const spots = [[it.x + gap, it.y - h / 2], [it.x - gap - w, it.y - h / 2],
                     [it.x - w / 2, it.y - gap - h], [it.x - w / 2, it.y + gap]];
      out[it.id] = null;
      for (const [x, y] of spots) {
        const box = { x0: x, y0: y, x1: x + w, y1: y + h };
        if (box.x0 < view.x0 || box.y0 < view.y0 || box.x1 > view.x1 || box.y1 > view.y1) continue;
        if (taken.some((t) => overlaps(t, box))) continue;
        taken.push(box);
        out[it.id] = { x, y };
        break;
      }
    }
    return out;
  }

  // The labels of the places, one element each in a pane of their own, placed anew after
  // every move and zoom (and hidden while a zoom animates, as they do not scale).
  function labelLayer(map, placeFeatures) {
    const pane = map.createPane('corridor-labels');
    pane.style.zIndex = 650;
    pane.style.pointerEvents = 'none';
    const labels = placeFeatures.map((f) => {
      const p = f.properties;
      const el = L.DomUtil.create('div', 'corridor-label', pane);
      el.textContent = mapLabel(p.name || p.id);
      el.setAttribute('data-place', p.id);
      return { el, id: p.id, kind: p.kind, through: (Number(p.in_t_mo) || 0) + (Number(p.out_t_mo) || 0),
               latlng: L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]), w: 0, h: 0 };
    });
    function obstacles() {
      const frame = map.getContainer().getBoundingClientRect();
      const out = [];
      for (const el of map.getContainer().querySelectorAll('.leaflet-control')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          out.push({ x0: r.left - frame.left - 2, y0: r.top - frame.top - 2, x1: r.right - frame.left + 2,
                     y1: r.bottom - frame.top + 2 });
        }
      }
      return out;
    }
    // At most this many labels compete for room in a view (the first in labelOrder): the
    // placement compares each with those placed before it.
    const kCandidates = 400;
    function update() {
      if (!map.hasLayer(placesGroup)) {
        pane.style.display = 'none';
        return;
      }
      pane.style.display = '';
      // Reads first (sizes once, while every label is still shown), then the writes.
      for (const l of labels) {
        if (!l.w) {  // fractional pixels, with a pixel to spare on each side
          const r = l.el.getBoundingClientRect();
          l.w = r.width + 2;
          l.h = r.height + 2;
        }
      }
      const size = map.getSize();
      const inView = [];
      for (const l of labels) {
        const pt = map.latLngToContainerPoint(l.latlng);
        if (pt.x < 0 || pt.y < 0 || pt.x > size.x || pt.y > size.y) continue;
        inView.push({ id: l.id, kind: l.kind, through: l.through, x: pt.x, y: pt.y, w: l.w, h: l.h, label: l });
      }
      const items = inView.sort(labelOrder).slice(0, kCandidates);
      const spots = placeLabels(items, obstacles(), { x0: 0, y0: 0, x1: size.x, y1: size.y });
      for (const l of labels) l.spot = null;
      for (const it of items) it.label.spot = spots[it.id];
      for (const l of labels) {
        if (!l.spot) {
          if (l.el.style.display !== 'none') l.el.style.display = 'none';
          continue;
        }
        l.el.style.display = '';
        L.DomUtil.setPosition(l.el, map.containerPointToLayerPoint([l.spot.x + 1, l.spot.y + 1]));
      }
    }
    let placesGroup = null;
    return {
      attach(group) {
        placesGroup = group;
        map.on('zoomstart', () => { pane.style.display = 'none'; });
        map.on('zoomend moveend resize overlayadd overlayremove', update);
        // The controls take their size when added; measure the labels once they are in the page.
        update();
      },
      update,
    };
  }

  // A control that folds to its title (corridor-page.js), kept from Leaflet's map handlers.
  function foldable(div, title, bodyHtml, folded, onToggle, foldClass) {
    window.corridorPage.foldable(div, title, bodyHtml, folded, onToggle, foldClass);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
  }

  function legend(modesShown, folded, onToggle) {
    const control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      const div = L.DomUtil.create('div', 'corridor-legend');
      foldable(div, 'Legend', legendHtml(modesShown), folded, onToggle);
      return div;
    };
    return control;
  }

  function panel(summary, folded, onToggle) {
    const control = L.control({ position: 'topleft' });
    control.onAdd = function () {
      const div = L.DomUtil.create('div', 'corridor-panel');
      // The answer stays in view; the details fold away on a narrow screen.
      const html = panelHtml(summary);
      foldable(div, html.title, html.body, folded, onToggle, 'corridor-details-folded');
      return div;
    };
    return control;
  }

  function draw(data) {
    // Up to kSvgRoutes routes each line is an SVG element (selectable, styled by class, what
    // the browser tests inspect); over it one canvas draws them all, which keeps opening and
    // zooming a 10k-route page fast (measured: docs/commands/map.md).
    const kSvgRoutes = 2000;
    const dense = data.routes.features.length > kSvgRoutes;
    const map = L.map('map', { zoomSnap: 0.25, preferCanvas: dense });
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
      if (!dense) line.on('add', () => line.getElement().setAttribute('data-route', p.id));
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
    // (On the canvas the order of drawing is the order of adding: no reordering needed when
    // every route has the same width, as dense networks without flow mostly do.)
    if (!dense) {
      Object.values(routeLayers)
        .sort((a, b) => b.options.weight - a.options.weight)
        .forEach((line) => line.bringToFront());
    }

    const places = L.layerGroup().addTo(map);
    for (const f of data.places.features) {
      const p = f.properties;
      const ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      bounds.extend(ll);
      const marker = L.circleMarker(ll, {
        radius: 6, color: '#ffffff', weight: 1.5, fillColor: style.kinds[p.kind] || style.other_kind,
        fillOpacity: 1, className: 'corridor-place corridor-kind-' + p.kind,
      });
      marker.bindPopup(placePopup(p));
      if (!dense) marker.on('add', () => marker.getElement().setAttribute('data-place', p.id));
      marker.addTo(places);
    }

    const overlays = { 'Basemap (Natural Earth)': basemap, 'Bottleneck highlight': halos };
    for (const m of modesShown) {
      const n = routes.filter((f) => f.properties.mode === m).length;
      overlays[m + ' (' + n + (n === 1 ? ' route)' : ' routes)')] = byMode[m];
    }
    overlays.Places = places;
    overlays['OpenStreetMap tiles (online)'] = osm;
    // A phone-sized map (under 600 px wide) starts with the layer list, legend and panel
    // details folded, so the controls cover little of it.
    const narrow = map.getSize().x < kNarrow;
    const labels = labelLayer(map, data.places.features);
    const relabel = () => labels.update();
    L.control.layers(null, overlays, { collapsed: narrow, position: 'topright' }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    legend(modesShown, narrow, relabel).addTo(map);
    panel(summary, narrow, relabel).addTo(map);
    // Room for the layer list and legend on the right and the panel on the left.
    if (bounds.isValid()) {
      map.fitBounds(bounds, narrow ? { padding: [20, 20] }
                                   : { paddingTopLeft: [40, 30], paddingBottomRight: [250, 30] });
    } else {
      map.setView([40, 128], 5);
    }
    labels.attach(places);

    window.corridor = { map, routeLayers, routes: routes.length, places: data.places.features.length,
                        labels: relabel, mapLabel, placeLabels };
    document.body.setAttribute('data-ready', 'true');
  }

  loadData().then(draw).catch((e) => {
    const div = document.getElementById('map');
    div.textContent = 'corridor: ' + e.message;
    div.className = 'corridor-error';
    document.body.setAttribute('data-ready', 'error');
  });
})();
