// corridor's web map for large networks: the look of corridor-map.js (colours by mode, widths
// by flow, dashes for assumed capacity, direction arrows, bottleneck halo, popups, layer list,
// legend, scale bar, panel), drawn with MapLibre GL JS (WebGL) from vector tiles: the tiles/
// folder beside map.html (`corridor map` over report/webmap's kInlineMapRoutes routes) or the
// server's /tiles.json (`corridor serve`). Every request goes to the page's own origin.
//
// Labels: MapLibre places them with its own collision detection (symbol-sort-key: the
// Leaflet page's order, kind first, then the tonnes through the place); the style names no
// glyph URL, so MapLibre draws each glyph on a canvas from the browser's own DejaVu Sans
// (nothing to download). Place markers and the controls are obstacles the labels avoid.
(function () {
  'use strict';

  const { config, style, inline, query, getJson, has, liveSummary, escapeHtml, routePopup, placePopup,
          kindRank, otherKindRank, legendHtml, panelHtml, foldable, kNarrow } = window.corridorPage;
  const tiles = config.tiles;
  const font = ['DejaVu Sans Bold'];

  // The page's folder, so a tile URL template keeps its braces (URL() would escape them).
  function folderUrl() {
    const here = window.location.href.split('#')[0].split('?')[0];
    return here.slice(0, here.lastIndexOf('/') + 1);
  }

  async function optionalJson(url) {
    const response = await fetch(url);
    if (response.status === 404) return null;  // no basemap in the geodata folder
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || (url + ': HTTP ' + response.status));
    return body;
  }

  async function loadSetup() {
    if (!config.live) {
      if (window.location.protocol === 'file:') {
        throw new Error('this map draws ' + Object.values(tiles.mode_routes).reduce((a, b) => a + b, 0) +
                        ' routes from the vector tiles in tiles/ beside it, which a browser reads only over HTTP: ' +
                        'run "python3 -m http.server" in this folder and open http://localhost:8000/map.html, ' +
                        'or run "corridor serve" on the network (docs/commands/map.md)');
      }
      return {
        source: { type: 'vector', tiles: [folderUrl() + tiles.url], minzoom: tiles.minzoom,
                  maxzoom: tiles.maxzoom, bounds: tiles.bounds },
        bounds: tiles.bounds,
        land: inline('corridor-land'),
        countries: inline('corridor-countries'),
        summary: config.summary,
        largest: tiles.largest_flow,
      };
    }
    const q = query();
    const [tilejson, land, countries, summary] = await Promise.all([
      getJson('tiles.json' + q),
      tiles.basemap.land ? optionalJson('land.geojson') : null,
      tiles.basemap.countries ? optionalJson('countries.geojson') : null,
      liveSummary(q),
    ]);
    // Widths by flow: the largest route flow of the server's default analysis, which the page
    // holds; for another analysis (the page's ?from=&to=) its throughput, the most a route carries.
    const largest = q ? summary.throughput : tiles.largest_flow;
    return { source: { type: 'vector', tiles: tilejson.tiles, minzoom: tilejson.minzoom, maxzoom: tilejson.maxzoom,
                       bounds: tilejson.bounds },
             bounds: tilejson.bounds, land, countries, summary, largest };
  }

  function modeColour() {
    const m = ['match', ['get', 'mode']];
    for (const [mode, hex] of Object.entries(style.modes)) m.push(mode, hex);
    m.push('#555555');
    return m;
  }

  function kindColour() {
    const m = ['match', ['get', 'kind']];
    for (const [kind, hex] of Object.entries(style.kinds)) m.push(kind, hex);
    m.push(style.other_kind);
    return m;
  }

  // corridor-page.js: width(flow, largest), as an expression.
  function widthExpression(largest) {
    if (!(largest > 0)) return style.width.none;
    const flow = ['to-number', ['get', 'flow'], 0];
    return ['case', ['>', flow, 0],
            ['+', style.width.base, ['*', style.width.span, ['sqrt', ['min', ['/', flow, largest], 1]]]],
            style.width.none];
  }

  // The label: the name without its parenthesised notes (corridor-page.js: mapLabel) where the
  // notes end the name, as they do in the geodata; the popup keeps the whole name.
  function labelExpression() {
    const name = ['coalesce', ['get', 'name'], ['get', 'id']];
    const at = ['index-of', ' (', name];
    return ['case', ['>', at, 0], ['slice', name, 0, at], name];
  }

  // Lower keys are placed first: the kind's rank, then the tonnes through the place, most first.
  function sortKeyExpression() {
    const rank = ['match', ['get', 'kind']];
    for (const [kind, r] of Object.entries(kindRank)) rank.push(kind, r);
    rank.push(otherKindRank);
    const through = ['+', ['to-number', ['get', 'in_t_mo'], 0], ['to-number', ['get', 'out_t_mo'], 0]];
    return ['-', ['*', rank, 1e15], through];
  }

  // An arrow head in a mode's colour with a white halo (the Leaflet page's ➤), pointing east.
  function arrowImage(colour) {
    const size = 40;  // drawn at 2x
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const g = canvas.getContext('2d');
    g.beginPath();
    g.moveTo(33, 20);
    g.lineTo(9, 8);
    g.lineTo(15, 20);
    g.lineTo(9, 32);
    g.closePath();
    g.lineJoin = 'round';
    g.lineWidth = 5;
    g.strokeStyle = '#ffffff';
    g.stroke();
    g.fillStyle = colour;
    g.fill();
    return g.getImageData(0, 0, size, size);
  }

  function blank(width, height) {
    return { width, height, data: new Uint8Array(width * height * 4) };
  }

  // A MapLibre control from a div (corridor's panel, legend and layer list).
  function control(className, build) {
    return {
      onAdd() {
        this.div = document.createElement('div');
        this.div.className = 'maplibregl-ctrl ' + className;
        build(this.div);
        return this.div;
      },
      onRemove() {
        this.div.remove();
      },
    };
  }

  function draw(setup) {
    const narrow = document.getElementById('map').clientWidth < kNarrow;
    const b = setup.bounds;
    const map = new maplibregl.Map({
      container: 'map',
      style: { version: 8, sources: {}, layers: [{ id: 'sea', type: 'background', paint: { 'background-color': style.sea } }] },
      bounds: [[b[0], b[1]], [b[2], b[3]]],
      fitBoundsOptions: { padding: narrow ? 20 : { top: 30, left: 40, bottom: 30, right: 250 } },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      renderWorldCopies: false,
      fadeDuration: 0,  // labels appear and go at once, as on the Leaflet page
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    const summary = setup.summary;
    const modesShown = Object.keys(style.modes).filter((m) => tiles.mode_routes[m]);
    const shown = new Set(modesShown);
    const onMode = () => ['in', ['get', 'mode'], ['literal', [...shown]]];
    const routeLayerIds = ['routes-solid', 'routes-dashed'];
    const width = widthExpression(setup.largest);

    // The layers a toggle switches, and the filters that depend on the modes shown.
    const toggles = { osm: ['osm'], basemap: ['land', 'countries'], bottleneck: ['halo'],
                      places: ['places', 'place-marks', 'place-labels'] };
    const filters = {
      halo: () => ['all', ['==', ['get', 'bottleneck'], 1], onMode()],
      'routes-solid': () => ['all', ['!=', ['get', 'basis'], 'assumed'], onMode()],
      'routes-dashed': () => ['all', ['==', ['get', 'basis'], 'assumed'], onMode()],
      arrows: () => ['all', ['>', ['to-number', ['get', 'flow'], 0], 0],
                     ['in', ['get', 'flow_dir'], ['literal', ['forward', 'backward']]], onMode()],
    };

    function addLayers() {
      map.addSource('corridor', setup.source);
      if (setup.land) map.addSource('land', { type: 'geojson', data: setup.land });
      if (setup.countries) map.addSource('countries', { type: 'geojson', data: setup.countries });
      map.addSource('controls', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      for (const [mode, hex] of Object.entries(style.modes)) map.addImage('corridor-arrow-' + mode, arrowImage(hex), { pixelRatio: 2 });
      map.addImage('corridor-arrow-other', arrowImage('#555555'), { pixelRatio: 2 });
      map.addImage('corridor-mark', blank(14, 14));
      // The one online layer, as on the Leaflet page: hidden, so MapLibre fetches none of its
      // tiles until the layer list's box is ticked.
      map.addSource('osm', { type: 'raster', tileSize: 256, maxzoom: 19,
                             tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
                             attribution: '© OpenStreetMap contributors' });
      map.addLayer({ id: 'osm', type: 'raster', source: 'osm', layout: { visibility: 'none' } });
      if (setup.land) {
        map.addLayer({ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': style.land } });
      }
      if (setup.countries) {
        map.addLayer({ id: 'countries', type: 'line', source: 'countries',
                       paint: { 'line-color': style.border, 'line-width': 1 } });
      }
      map.addLayer({ id: 'halo', type: 'line', source: 'corridor', 'source-layer': 'routes', filter: filters.halo(),
                     layout: { 'line-cap': 'round', 'line-join': 'round' },
                     paint: { 'line-color': style.bottleneck, 'line-opacity': 0.5, 'line-width': ['+', width, 8] } });
      // Wide lines below, thin ones on top (line-sort-key), so a route sharing a lane with a
      // busier one (the ferry beside the tankers) stays visible and can be clicked.
      for (const id of routeLayerIds) {
        map.addLayer({
          id, type: 'line', source: 'corridor', 'source-layer': 'routes', filter: filters[id](),
          layout: { 'line-join': 'round', 'line-cap': id === 'routes-dashed' ? 'butt' : 'round',
                    'line-sort-key': ['-', 0, width] },
          paint: Object.assign({ 'line-color': modeColour(), 'line-width': width, 'line-opacity': 0.95 },
                               id === 'routes-dashed' ? { 'line-dasharray': [2.5, 1.75] } : {}),
        });
      }
      // A ➤ at the middle of each route with flow (of each piece a tile holds), the way it runs.
      map.addLayer({
        id: 'arrows', type: 'symbol', source: 'corridor', 'source-layer': 'routes', filter: filters.arrows(),
        layout: {
          'symbol-placement': 'line-center',
          'icon-image': ['case', ['in', ['get', 'mode'], ['literal', Object.keys(style.modes)]],
                         ['concat', 'corridor-arrow-', ['get', 'mode']], 'corridor-arrow-other'],
          'icon-rotate': ['case', ['==', ['get', 'flow_dir'], 'backward'], 180, 0],
          'icon-rotation-alignment': 'map',
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
        },
      });
      map.addLayer({ id: 'places', type: 'circle', source: 'corridor', 'source-layer': 'places',
                     paint: { 'circle-radius': 6, 'circle-color': kindColour(), 'circle-stroke-color': '#ffffff',
                              'circle-stroke-width': 1.5 } });
      // MapLibre places symbols from the top layer down: first the controls, then the place
      // markers (always shown, invisible boxes the labels keep off), then the labels by
      // symbol-sort-key; a label with no room is hidden and shows when a zoom makes room.
      map.addLayer({
        id: 'place-labels', type: 'symbol', source: 'corridor', 'source-layer': 'places',
        layout: {
          'text-field': labelExpression(),
          'text-font': font,
          'text-size': 13,
          'text-variable-anchor': ['left', 'right', 'bottom', 'top'],
          'text-radial-offset': 0.75,
          'text-justify': 'auto',
          'text-padding': 2,
          'text-max-width': 40,
          'symbol-sort-key': sortKeyExpression(),
        },
        paint: { 'text-color': '#222222', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
      });
      map.addLayer({ id: 'place-marks', type: 'symbol', source: 'corridor', 'source-layer': 'places',
                     layout: { 'icon-image': 'corridor-mark', 'icon-allow-overlap': true } });
      map.addLayer({ id: 'controls', type: 'symbol', source: 'controls',
                     layout: { 'icon-image': ['get', 'image'], 'icon-allow-overlap': true } });
    }

    // The controls as obstacles: one invisible image as large as each control, at its place
    // on the map, in the top symbol layer, so no label is placed under a control. Updated
    // after every move and zoom and when a control folds or unfolds.
    let controlImages = [];
    function updateObstacles() {
      if (!map.getSource('controls')) return;
      const frame = map.getContainer().getBoundingClientRect();
      const features = [];
      const images = [];
      for (const el of map.getContainer().querySelectorAll('.maplibregl-ctrl')) {
        const r = el.getBoundingClientRect();
        if (!(r.width > 0 && r.height > 0)) continue;
        const w = Math.ceil(r.width) + 4;
        const h = Math.ceil(r.height) + 4;
        const name = 'corridor-control-' + images.length;
        images.push({ name, w, h });
        const centre = map.unproject([r.left - frame.left + r.width / 2, r.top - frame.top + r.height / 2]);
        features.push({ type: 'Feature', properties: { image: name },
                        geometry: { type: 'Point', coordinates: [centre.lng, centre.lat] } });
      }
      images.forEach((im, i) => {
        const old = controlImages[i];
        if (old && old.w === im.w && old.h === im.h) return;
        if (map.hasImage(im.name)) map.removeImage(im.name);
        map.addImage(im.name, blank(im.w, im.h));
      });
      controlImages = images;
      map.getSource('controls').setData({ type: 'FeatureCollection', features });
    }

    function setModes() {
      for (const id of Object.keys(filters)) map.setFilter(id, filters[id]());
    }

    function layerList() {
      return control('corridor-layers', (div) => {
        const items = [['osm', 'OpenStreetMap tiles (online)'], ['basemap', 'Basemap (Natural Earth)'],
                       ['bottleneck', 'Bottleneck highlight']];
        for (const m of modesShown) {
          const n = tiles.mode_routes[m];
          items.push(['mode:' + m, m + ' (' + n.toLocaleString('en-US') + (n === 1 ? ' route)' : ' routes)')]);
        }
        items.push(['places', 'Places']);
        const rows = items.map(([key, label]) => '<label><input type="checkbox"' + (key === 'osm' ? '' : ' checked') +
                               ' data-layer="' + escapeHtml(key) + '"> ' + escapeHtml(label) + '</label>');
        foldable(div, 'Layers', rows.join(''), narrow, updateObstacles);
        div.addEventListener('change', (e) => {
          const key = e.target.getAttribute('data-layer');
          if (key.startsWith('mode:')) {
            if (e.target.checked) shown.add(key.slice(5));
            else shown.delete(key.slice(5));
            setModes();
            return;
          }
          for (const id of toggles[key]) {
            if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', e.target.checked ? 'visible' : 'none');
          }
        });
      });
    }

    map.on('load', () => {
      addLayers();
      map.addControl(control('corridor-panel', (div) => {
        const html = panelHtml(summary);
        foldable(div, html.title, html.body, narrow, updateObstacles, 'corridor-details-folded');
      }), 'top-left');
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
      map.addControl(layerList(), 'top-right');
      map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
      map.addControl(control('corridor-legend', (div) => {
        foldable(div, 'Legend', legendHtml(modesShown), narrow, updateObstacles);
      }), 'bottom-right');
      updateObstacles();
      map.on('moveend', updateObstacles);
      map.on('resize', updateObstacles);
      map.once('idle', () => {
        window.corridor = { map, engine: 'maplibre', routes: Object.values(tiles.mode_routes).reduce((a, c) => a + c, 0),
                            routeLayers: routeLayerIds, labelLayer: 'place-labels', readyMs: performance.now() };
        document.body.setAttribute('data-ready', 'true');
      });
    });

    // A click: the place under it, else every route within a few pixels (routes sharing a
    // lane are all listed, the one on top first; a route cut by tiles is listed once).
    map.on('click', (e) => {
      const box = [[e.point.x - 4, e.point.y - 4], [e.point.x + 4, e.point.y + 4]];
      const place = map.queryRenderedFeatures(box, { layers: ['places'] })[0];
      let html;
      if (place) {
        html = placePopup(place.properties);
      } else {
        const seen = new Set();
        const here = [];
        for (const f of map.queryRenderedFeatures(box, { layers: routeLayerIds })) {
          if (seen.has(f.properties.id)) continue;
          seen.add(f.properties.id);
          here.push(f.properties);
        }
        if (!here.length) return;
        html = (here.length > 1 ? '<div class="corridor-popup-sub">' + here.length + ' routes here</div>' : '') +
               here.map((p) => routePopup(p, summary.unit || 't/month')).join('<hr>');
      }
      new maplibregl.Popup({ maxWidth: '360px', className: 'corridor-popup' }).setLngLat(e.lngLat).setHTML(html).addTo(map);
    });
    for (const id of ['places', ...routeLayerIds]) {
      map.on('mouseenter', id, () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', id, () => { map.getCanvas().style.cursor = ''; });
    }
    map.on('error', (e) => { console.error('corridor: ' + (e.error ? e.error.message : e)); });
  }

  loadSetup().then(draw).catch((e) => {
    const div = document.getElementById('map');
    div.textContent = 'corridor: ' + e.message;
    div.className = 'corridor-error';
    document.body.setAttribute('data-ready', 'error');
  });
})();
