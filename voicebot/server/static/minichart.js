/* minichart.js: tiny offline SVG charts for voicebot pages (no dependencies, no network).
 *   MiniChart.bars(el, [{label, value}], {format, color, max})   horizontal bars with labels
 *   MiniChart.columns(el, [{label, values: [..]}], {series, colors, format})  stacked columns
 * Every chart is an <svg role="img"> with a <title> and a hidden table for screen readers. */
(function (global) {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const PALETTE = ["#0b5cad", "#1e7a3c", "#b3261e", "#8a5a00", "#6b3fa0", "#00707a", "#5b6675"];

  function node(tag, attrs, text) {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function plainFormat(v) { return String(v); }

  function srTable(rows, headers) {
    const table = document.createElement("table");
    table.className = "visually-hidden";
    const head = table.createTHead().insertRow();
    for (const h of headers) { const th = document.createElement("th"); th.textContent = h; head.appendChild(th); }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const cell of row) tr.insertCell().textContent = cell;
    }
    return table;
  }

  function bars(el, items, opts) {
    opts = opts || {};
    const format = opts.format || plainFormat;
    el.replaceChildren();
    if (!items.length) { el.textContent = opts.empty || "no data"; return; }
    const rowH = 26, labelW = opts.labelWidth || 170, valueW = 70, width = opts.width || 520;
    const barW = width - labelW - valueW;
    const max = opts.max || Math.max(...items.map(i => i.value), 1e-9);
    const svg = node("svg", { viewBox: `0 0 ${width} ${items.length * rowH + 4}`, role: "img",
      class: "minichart", width: "100%" });
    svg.appendChild(node("title", {}, opts.title || "bar chart"));
    items.forEach((item, i) => {
      const y = i * rowH + 2, w = Math.max(0, (item.value / max) * barW);
      const color = item.color || opts.color || PALETTE[i % PALETTE.length];
      svg.appendChild(node("text", { x: labelW - 8, y: y + 17, "text-anchor": "end",
        class: "mc-label" }, item.label));
      svg.appendChild(node("rect", { x: labelW, y: y + 3, width: w, height: rowH - 8, rx: 3,
        fill: color, "data-label": item.label, "data-value": item.value }));
      svg.appendChild(node("text", { x: labelW + w + 6, y: y + 17, class: "mc-value" },
        format(item.value)));
    });
    el.appendChild(svg);
    el.appendChild(srTable(items.map(i => [i.label, format(i.value)]), ["", opts.title || "value"]));
  }

  function columns(el, items, opts) {
    opts = opts || {};
    const series = opts.series || ["value"];
    const colors = opts.colors || PALETTE;
    const format = opts.format || plainFormat;
    el.replaceChildren();
    if (!items.length) { el.textContent = opts.empty || "no data"; return; }
    const width = opts.width || 520, height = opts.height || 200, bottom = 34, top = 16;
    const totals = items.map(i => i.values.reduce((a, b) => a + b, 0));
    const max = Math.max(...totals, 1e-9);
    const slot = width / items.length, colW = Math.min(48, slot * 0.7);
    const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "minichart",
      width: "100%" });
    svg.appendChild(node("title", {}, opts.title || "column chart"));
    svg.appendChild(node("line", { x1: 0, x2: width, y1: height - bottom, y2: height - bottom,
      class: "mc-axis" }));
    items.forEach((item, i) => {
      const x = i * slot + (slot - colW) / 2;
      let y = height - bottom;
      item.values.forEach((v, s) => {
        const h = (v / max) * (height - bottom - top);
        y -= h;
        svg.appendChild(node("rect", { x, y, width: colW, height: h, fill: colors[s % colors.length],
          "data-series": series[s], "data-value": v }));
      });
      svg.appendChild(node("text", { x: x + colW / 2, y: y - 4, "text-anchor": "middle",
        class: "mc-value" }, format(totals[i])));
      svg.appendChild(node("text", { x: x + colW / 2, y: height - bottom + 16, "text-anchor": "middle",
        class: "mc-label" }, item.label));
    });
    el.appendChild(svg);
    if (series.length > 1) {
      const legend = document.createElement("p");
      legend.className = "mc-legend";
      series.forEach((name, s) => {
        const key = document.createElement("span");
        key.innerHTML = `<i style="background:${colors[s % colors.length]}"></i>`;
        key.append(name);
        legend.appendChild(key);
      });
      el.appendChild(legend);
    }
    el.appendChild(srTable(items.map(i => [i.label, ...i.values.map(format)]), ["", ...series]));
  }

  global.MiniChart = { bars, columns, PALETTE };
})(window);
