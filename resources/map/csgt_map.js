// Live layers of the console map. Python builds the page once (maps/page.py) and then only calls
// the functions on window.csgt: unit moves arrive as JSON batches, never as a page rebuild.
// Intents (camera clicked, map clicked) go back to Python through the QWebChannel object "host".
(function () {
  "use strict";
  const COLOURS = { available: "#66bb6a", dispatched: "#42a5f5", en_route: "#29b6f6", on_scene: "#ffa726",
    returning: "#26c6da", off_duty: "#7b8591", out_of_service: "#ef5350" };
  const csgt = { units: new Map(), incidents: new Map(), trails: new Map(), host: null, applied: 0 };
  window.csgt = csgt;

  function esc(s) { return String(s).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";"); }

  function ageText(fixedS) {
    const s = Math.max(0, Math.round(Date.now() / 1000 - fixedS));
    if (s < 60) return s + " s";
    if (s < 3600) return Math.floor(s / 60) + " min";
    return Math.floor(s / 3600) + " h";
  }

  csgt.init = function (map, routeLayer, cfg) {
    csgt.map = map;
    csgt.cfg = cfg;
    const land = L.geoJSON(window.CSGT_BASEMAP || { type: "FeatureCollection", features: [] }, {
      style: { color: "#4f6272", weight: 0.8, fillColor: "#253341", fillOpacity: 1 }, interactive: false,
      attribution: "Natural Earth",
    });
    const bases = { "Offline vector": land };
    cfg.tiles.forEach((t) => {
      bases[t.name] = L.tileLayer(t.url_template, { attribution: t.attribution, maxZoom: t.max_zoom });
    });
    land.addTo(map);
    routeLayer.bringToFront();
    // Names of the East Sea archipelagos, shown in Vietnamese as on every Vietnamese map.
    csgt.places = L.layerGroup([
      [16.5, 112.0, "Quần đảo Hoàng Sa (Việt Nam)"], [10.0, 114.0, "Quần đảo Trường Sa (Việt Nam)"],
      [21.0285, 105.8542, "Hà Nội"], [20.8449, 106.6881, "Hải Phòng"], [20.2506, 105.9745, "Ninh Bình"],
      [19.8067, 105.7852, "Thanh Hóa"], [21.5942, 105.8482, "Thái Nguyên"], [20.5835, 105.9230, "Phủ Lý"],
    ].map((p) => L.marker([p[0], p[1]], { interactive: false,
      icon: L.divIcon({ className: "csgt-place", html: esc(p[2]), iconSize: null }) }))).addTo(map);
    csgt.layers = {
      cameras: L.layerGroup().addTo(map), units: L.layerGroup().addTo(map), incidents: L.layerGroup().addTo(map),
      trails: L.layerGroup().addTo(map), routes: routeLayer,
    };
    cfg.cameras.forEach((c) => {
      const m = L.marker([c.lat, c.lon], { icon: L.divIcon({ className: "csgt-camera",
        html: '<i class="fa-solid fa-video"></i>', iconSize: [18, 18] }), keyboard: false });
      m.bindTooltip(esc(c.code + " – " + c.name + (c.direction ? " (" + c.direction + ")" : "")));
      m.on("click", () => csgt.host && csgt.host.cameraClicked(c.id));
      m.addTo(csgt.layers.cameras);
    });
    csgt.control = L.control.layers(bases, {
      "Cameras": csgt.layers.cameras, "Patrol teams": csgt.layers.units, "Incidents": csgt.layers.incidents,
      "Trails": csgt.layers.trails, "Routes": routeLayer,
    }, { collapsed: true }).addTo(map);
    if (cfg.cameras.length > 1) {
      map.fitBounds(L.latLngBounds(cfg.cameras.map((c) => [c.lat, c.lon])), { padding: [40, 40], animate: false });
    }
    map.on("click", (e) => csgt.host && csgt.host.mapClicked(e.latlng.lat, e.latlng.lng));
    setInterval(csgt.refreshAges, 1000);
    if (window.qt && window.QWebChannel) {
      new QWebChannel(qt.webChannelTransport, (channel) => { csgt.host = channel.objects.host || null; });
    }
    csgt.ready = true;
  };

  csgt.setLabels = function (labels) {
    // Layer names come translated from Qt; the control is rebuilt once, not per update.
    const overlays = { [labels.cameras]: csgt.layers.cameras, [labels.units]: csgt.layers.units,
      [labels.incidents]: csgt.layers.incidents, [labels.trails]: csgt.layers.trails, [labels.routes]: csgt.layers.routes };
    const bases = {};
    csgt.control._layers.filter((l) => !l.overlay).forEach((l, i) => { bases[i === 0 ? labels.basemap : l.name] = l.layer; });
    csgt.control.remove();
    csgt.control = L.control.layers(bases, overlays, { collapsed: true }).addTo(csgt.map);
  };

  csgt.setLayer = function (name, visible) {
    const layer = csgt.layers[name];
    if (!layer) return false;
    if (visible) layer.addTo(csgt.map); else csgt.map.removeLayer(layer);
    return true;
  };

  function unitIcon(u, stale) {
    const colour = COLOURS[u.st] || "#42a5f5";
    const rot = u.crs == null ? "" : "transform:rotate(" + u.crs + "deg)";
    const arrow = u.crs == null ? "fa-circle" : "fa-location-arrow fa-rotate-by";
    // fa-location-arrow points north-east: -45° makes 0 mean north.
    const style = u.crs == null ? "" : ' style="--fa-rotate-angle:' + (u.crs - 45) + 'deg"';
    return L.divIcon({ className: "csgt-unit" + (stale ? " stale" : ""), iconSize: [22, 22], iconAnchor: [11, 11],
      html: '<div class="arrow" style="background:' + colour + '"><i class="fa-solid ' + arrow + '"' + style +
        '></i></div><div class="tag">' + esc(u.cs) + '<span class="age"></span></div>' });
  }

  // u: {id, cs, lat, lon, st, crs, spd, t (fix time, epoch s)}; fields absent are kept.
  csgt.applyUnits = function (batch) {
    const now = Date.now() / 1000;
    for (const d of batch) {
      let e = csgt.units.get(d.id);
      if (!e) {
        e = { u: Object.assign({}, d), key: "" };
        e.marker = L.marker([d.lat, d.lon], { keyboard: false });
        e.marker.on("click", () => csgt.host && csgt.host.unitClicked(d.id));
        csgt.units.set(d.id, e);
        e.marker.addTo(csgt.layers.units);
      } else {
        Object.assign(e.u, d);
      }
      const u = e.u;
      if (d.lat != null) e.marker.setLatLng([u.lat, u.lon]);
      const stale = now - u.t > csgt.cfg.staleAfterS;
      const key = u.st + "|" + u.crs + "|" + stale + "|" + u.cs;
      if (key !== e.key) {
        e.key = key;
        e.stale = stale;
        e.marker.setIcon(unitIcon(u, stale));
        e.ageEl = null;
        csgt.setAge(e, now);
      }
      // Otherwise the age text is left to the 1 s refresh: a text change per move costs layout.
    }
    csgt.applied += batch.length;
    return csgt.applied;
  };

  csgt.setAge = function (e, now) {
    if (!e.ageEl) { const el = e.marker.getElement(); e.ageEl = el ? el.querySelector(".age") : null; }
    if (e.ageEl) { const text = ageText(e.u.t); if (e.ageEl.textContent !== text) e.ageEl.textContent = text; }
    const stale = now - e.u.t > csgt.cfg.staleAfterS;
    if (stale !== e.stale) { e.key = ""; e.stale = stale; e.marker.setIcon(unitIcon(e.u, stale)); e.ageEl = null; }
  };

  csgt.refreshAges = function () {
    const now = Date.now() / 1000;
    csgt.units.forEach((e) => csgt.setAge(e, now));
  };

  csgt.removeUnits = function (ids) {
    ids.forEach((id) => { const e = csgt.units.get(id); if (e) { e.marker.remove(); csgt.units.delete(id); } });
  };

  csgt.unitState = function () {
    const out = {};
    csgt.units.forEach((e, id) => {
      const p = e.marker.getLatLng();
      out[id] = { lat: p.lat, lon: p.lng, st: e.u.st, cs: e.u.cs, stale: !!e.stale,
        visible: csgt.map.hasLayer(csgt.layers.units) };
    });
    return out;
  };

  // i: {id, lat, lon, kind, label, priority, status}; the whole open set, replaced each time.
  csgt.setIncidents = function (list) {
    csgt.layers.incidents.clearLayers();
    csgt.incidents.clear();
    list.forEach((i) => {
      const m = L.marker([i.lat, i.lon], { icon: L.divIcon({ className: "csgt-incident p" + i.priority,
        html: '<i class="fa-solid fa-triangle-exclamation"></i>', iconSize: [24, 24] }) });
      m.bindTooltip(esc(i.label));
      m.on("click", () => csgt.host && csgt.host.incidentClicked(i.id));
      m.addTo(csgt.layers.incidents);
      csgt.incidents.set(i.id, m);
    });
    return csgt.incidents.size;
  };

  csgt.setPending = function (lat, lon) {
    if (csgt.pending) { csgt.pending.remove(); csgt.pending = null; }
    if (lat == null) return;
    csgt.pending = L.marker([lat, lon], { interactive: false, icon: L.divIcon({ className: "csgt-pending",
      html: '<i class="fa-solid fa-location-crosshairs"></i>', iconSize: [24, 24] }) }).addTo(csgt.map);
  };

  // A plate trace or a unit's history: points [[lat, lon], ...] in time order.
  csgt.setTrail = function (key, points, label, colour) {
    csgt.clearTrail(key);
    const line = L.polyline(points, { color: colour || "#ffee58", weight: 3, dashArray: "6 4" });
    if (label) line.bindTooltip(esc(label));
    const group = L.layerGroup([line].concat(points.map((p) => L.circleMarker(p, { radius: 3, color: colour || "#ffee58" }))));
    group.addTo(csgt.layers.trails);
    csgt.trails.set(key, group);
    return points.length;
  };

  csgt.clearTrail = function (key) {
    const g = csgt.trails.get(key);
    if (g) { g.remove(); csgt.trails.delete(key); }
  };

  // A plate trace: t = {plate, points: [{lat, lon, n, label, bad}], intercept: {lat, lon, label} | null}, points in
  // time order. Replaces the previous trace; the rest of the page is untouched.
  csgt.setPlateTrace = function (t) {
    csgt.clearPlateTrace();
    const latlngs = t.points.map((p) => [p.lat, p.lon]);
    const layers = [L.polyline(latlngs, { color: "#ff7043", weight: 4, opacity: 0.9 })];
    t.points.forEach((p, i) => {
      const latest = i === t.points.length - 1;
      const cls = "csgt-sighting" + (latest ? " latest" : "") + (p.bad ? " bad" : "");
      const m = L.marker([p.lat, p.lon], { keyboard: false, zIndexOffset: latest ? 1000 : 500,
        icon: L.divIcon({ className: cls, iconSize: [24, 24], iconAnchor: [12, 12],
          html: '<div class="num">' + p.n + '</div><div class="tag">' + esc(p.label) + "</div>" }) });
      m.bindTooltip(esc(t.plate + " · " + p.label));
      layers.push(m);
    });
    if (t.intercept) {
      layers.push(L.marker([t.intercept.lat, t.intercept.lon], { keyboard: false, zIndexOffset: 1100,
        icon: L.divIcon({ className: "csgt-intercept", iconSize: [26, 26], iconAnchor: [13, 13],
          html: '<i class="fa-solid fa-shield-halved"></i><div class="tag">' + esc(t.intercept.label) + "</div>" }) }));
    }
    csgt.plateTrace = { plate: t.plate, points: t.points, intercept: t.intercept || null,
      group: L.layerGroup(layers).addTo(csgt.layers.trails) };
    // The whole trail in view, and the meeting point with the teams near it once there is one.
    const view = t.intercept ? latlngs.concat([[t.intercept.lat, t.intercept.lon]]) : latlngs;
    if (view.length > 1) csgt.map.fitBounds(L.latLngBounds(view), { padding: [60, 60], animate: false, maxZoom: 13 });
    else if (view.length === 1) csgt.map.setView(view[0], Math.max(csgt.map.getZoom(), 12), { animate: false });
    return t.points.length;
  };

  csgt.clearPlateTrace = function () {
    if (csgt.plateTrace) { csgt.plateTrace.group.remove(); csgt.plateTrace = null; }
  };

  csgt.plateTraceState = function () {
    const t = csgt.plateTrace;
    if (!t) return null;
    const latest = t.group.getLayers().filter((l) => l.options.icon && /latest/.test(l.options.icon.options.className));
    return { plate: t.plate, n: t.points.map((p) => p.n), labels: t.points.map((p) => p.label),
      bad: t.points.map((p) => !!p.bad), latest: latest.length, line: t.group.getLayers()[0].getLatLngs().length,
      intercept: t.intercept, onMap: csgt.map.hasLayer(t.group) };
  };

  csgt.focus = function (lat, lon, zoom) { csgt.map.setView([lat, lon], zoom || csgt.map.getZoom()); };
})();
