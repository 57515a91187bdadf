// voicebot agent desk: plain JavaScript, no build step. Talks to /api (see /docs).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { me: null, queues: [], waiting: [], call: null, events: null, heartbeat: null };
const HEARTBEAT_MS = 15000;

// ---- API ----------------------------------------------------------------------------------
async function api(path, options = {}) {
  const response = await fetch(path, {
    method: options.method || "GET",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Voicebot-Agent": "1" },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401) { showLogin("Please log in again."); throw new Error("401"); }
  const data = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw Object.assign(new Error(data?.detail || response.statusText),
                                        { status: response.status });
  return data;
}

// ---- formatting ---------------------------------------------------------------------------
function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${String(s % 60).padStart(2, "0")} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
const waitedSince = (iso) => (Date.now() - Date.parse(iso)) / 1000;
const clock = (iso) => {
  const t = new Date(iso);
  return isNaN(t) ? iso : t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
};
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}
function fillList(dl, pairs) {
  dl.replaceChildren();
  for (const [term, value] of pairs) dl.append(el("dt", { text: term }), el("dd", { text: value ?? "—" }));
}
const announce = (text) => { $("announce").textContent = text; };

// ---- login --------------------------------------------------------------------------------
function showLogin(message = "") {
  stopLive();
  state.me = null;
  for (const id of ["calls-view", "supervisor-view", "tabs", "who"]) $(id).hidden = true;
  $("login-view").hidden = false;
  $("login-error").textContent = message;
  $("token").focus();
}

async function logIn(event) {
  event.preventDefault();
  try {
    await api("/api/session", { method: "POST", body: { token: $("token").value.trim() } });
    $("token").value = "";
    await start();
  } catch (error) {
    $("login-error").textContent = error.message === "401" ? "That token is not valid." : error.message;
  }
}

async function logOut() {
  await fetch("/api/session", { method: "DELETE", headers: { "X-Voicebot-Agent": "1" } });
  showLogin("Logged out.");
}

async function start() {
  const me = await api("/api/me");
  state.me = me;
  $("who-name").textContent = me.name;
  $("who-tenant").textContent = me.tenant;
  $("login-view").hidden = true;
  for (const id of ["tabs", "who"]) $(id).hidden = false;
  selectTab(location.pathname.startsWith("/supervisor") ? "supervisor" : "calls");
  showCall(me.claimed[0] || null);
  await refreshQueues();
  startLive();
}

// ---- live updates (server-sent events) ----------------------------------------------------
function startLive() {
  stopLive();
  state.events = new EventSource("/api/events");
  state.events.addEventListener("open", () => setLive(true));
  state.events.addEventListener("error", () => setLive(false));
  state.events.addEventListener("queues", (event) => {
    const snapshot = JSON.parse(event.data);
    refreshQueues(snapshot.queues);
  });
  state.events.addEventListener("logout", () => showLogin("Your token was revoked."));
}
function stopLive() {
  if (state.events) state.events.close();
  state.events = null;
}
function setLive(on) {
  $("live-state").textContent = on ? "live" : "reconnecting…";
  $("live-state").classList.toggle("on", on);
}

// ---- waiting calls ------------------------------------------------------------------------
async function refreshQueues(queues) {
  state.queues = queues || (await api("/api/queues")).queues;
  renderQueueSelect();
  const lists = await Promise.all(state.queues.filter((q) => q.waiting > 0)
    .map((q) => api(`/api/queues/${encodeURIComponent(q.queue)}`).catch(() => ({ calls: [] }))));
  const names = Object.fromEntries(state.queues.map((q) => [q.queue, q.name]));
  state.waiting = lists.flatMap((l) => l.calls.map((c) => ({ ...c, queueName: names[c.queue] })))
    .sort((a, b) => (b.priority === "high") - (a.priority === "high") || Date.parse(a.enqueued_at) - Date.parse(b.enqueued_at));
  renderWaiting();
  if (!$("supervisor-view").hidden) refreshStats();
}

function renderQueueSelect() {
  const select = $("queue-select");
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "", text: "all my queues" }),
    ...state.queues.map((q) => el("option", { value: q.queue, text: `${q.name} (${q.waiting})` })));
  select.value = state.queues.some((q) => q.queue === chosen) ? chosen : "";
  $("queue-counters").replaceChildren(...state.queues.map((q) =>
    el("li", { text: `${q.name}: ${q.waiting} waiting · est. ${duration(q.estimated_wait_s)}` })));
}

function renderWaiting() {
  const rows = state.waiting.map((call) => {
    const row = el("tr", { class: call.priority, "data-call-id": call.call_id });
    row.append(
      el("td", {}, el("span", { class: `badge ${call.priority}`, text: call.priority })),
      el("td", { class: "num wait", "data-since": call.enqueued_at, text: duration(waitedSince(call.enqueued_at)) }),
      el("td", { text: call.queueName || call.queue }),
      el("td", { text: call.summary }));
    return row;
  });
  $("waiting-table").tBodies[0].replaceChildren(...rows);
  $("waiting-empty").hidden = rows.length > 0;
  $("waiting-total").textContent = `(${rows.length})`;
  $("claim-next").disabled = rows.length === 0 || state.call !== null;
  if (rows.length) announce(`${rows.length} call${rows.length > 1 ? "s" : ""} waiting`);
}

function tickWaits() {
  for (const cell of document.querySelectorAll("td.wait")) cell.textContent = duration(waitedSince(cell.dataset.since));
}

// ---- claim, heartbeat, close --------------------------------------------------------------
async function claimNext() {
  if (state.call) return;
  const chosen = $("queue-select").value;
  const order = chosen ? [chosen] : [...new Set(state.waiting.map((c) => c.queue))];
  for (const queue of order) {
    const { call } = await api(`/api/queues/${encodeURIComponent(queue)}/claim`, { method: "POST" });
    if (call) { showCall(call); announce(`Claimed call: ${call.summary}`); return; }
  }
  announce("No call waiting.");
  await refreshQueues();
}

function showCall(call) {
  state.call = call;
  clearInterval(state.heartbeat);
  $("no-call").hidden = call !== null;
  $("call-detail").hidden = call === null;
  $("claim-next").disabled = call !== null || state.waiting.length === 0;
  if (!call) return;
  const ctx = call.context;
  $("call-priority").textContent = call.priority;
  $("call-priority").className = `badge ${call.priority}`;
  $("call-queue").textContent = call.queue;
  $("call-waited").textContent = duration(call.waited_s);
  $("call-id").textContent = call.call_id;
  $("call-summary").textContent = ctx.summary;
  const customer = ctx.customer;
  fillList($("call-customer"), [
    ["Name", customer?.name], ["Number", customer?.number],
    ["Verified", customer ? (customer.verified ? "yes" : "no") : "not identified"],
    ["Caller", ctx.caller], ["Language", ctx.language]]);
  const alternatives = (ctx.intent?.alternatives || []).map((a) => `${a.id} (${Math.round(a.confidence * 100)} %)`);
  fillList($("call-concern"), [
    ["Intent", ctx.intent ? `${ctx.intent.id} (${Math.round(ctx.intent.confidence * 100)} %)` : "not recognised"],
    ["Alternatives", alternatives.join(", ") || null], ["Reason", ctx.reason.replace(/_/g, " ")],
    ...(ctx.out_of_hours ? [["Call back", "came in out of hours; the caller was told we get back to them"]] : [])]);
  const slots = Object.entries(ctx.slots || {});
  fillList($("call-slots"), slots.length ? slots.map(([k, v]) => [k.replace(/_/g, " "), String(v)]) : [["—", "none"]]);
  $("call-transcript").replaceChildren(...ctx.transcript.map((turn) => el("li", { class: turn.role },
    el("time", { datetime: turn.at, text: clock(turn.at) }),
    el("span", { class: "role", text: turn.role === "bot" ? "Bot" : turn.role === "dtmf" ? "Keys" : "Caller" }),
    el("span", { text: turn.text }))));
  state.heartbeat = setInterval(sendHeartbeat, HEARTBEAT_MS);
  $("call-h").focus();
}

async function sendHeartbeat() {
  if (!state.call) return;
  try {
    await api(`/api/calls/${encodeURIComponent(state.call.call_id)}/heartbeat`, { method: "POST" });
  } catch (error) {
    if (error.status === 409 || error.status === 404) {
      showCall(null);
      announce("This call went back to the queue (no heartbeat).");
    }
  }
}

async function closeCall(event) {
  event.preventDefault();
  if (!state.call) return;
  const result = new FormData($("close-form")).get("result");
  await api(`/api/calls/${encodeURIComponent(state.call.call_id)}/close`,
            { method: "POST", body: { result, note: $("note").value } });
  $("note").value = "";
  showCall(null);
  announce(`Call closed: ${result}`);
  $("claim-next").focus();
}

async function releaseCall() {
  if (!state.call) return;
  await api(`/api/calls/${encodeURIComponent(state.call.call_id)}/release`, { method: "POST" });
  showCall(null);
  announce("Call returned to the queue.");
}

// ---- supervisor -----------------------------------------------------------------------------
async function refreshStats() {
  const stats = await api("/api/stats");
  $("stats-day").textContent = stats.day;
  $("stats-table").tBodies[0].replaceChildren(...stats.queues.map((q) => el("tr", {},
    el("th", { scope: "row", text: q.name }), el("td", { class: "num", text: q.waiting }),
    el("td", { class: "num", text: q.waiting ? duration(q.longest_wait_s) : "—" }),
    el("td", { class: "num", text: q.claimed }), el("td", { class: "num", text: q.handled_today }),
    el("td", { class: "num", text: q.mean_handle_s == null ? "—" : duration(q.mean_handle_s) }),
    el("td", { class: "num", text: duration(q.estimated_wait_s) }))));
  $("charts").replaceChildren(...stats.queues.map(dayChart));
}

// A grouped bar chart of one queue's day: calls entered and handled per hour (hand-rolled SVG).
function dayChart(queue) {
  const NS = "http://www.w3.org/2000/svg", W = 480, H = 180, left = 28, bottom = 22, top = 8;
  const peak = Math.max(1, ...queue.hourly.flatMap((h) => [h.entered, h.handled]));
  const slot = (W - left) / 24, scale = (H - top - bottom) / peak;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("role", "img");
  const total = (k) => queue.hourly.reduce((s, h) => s + h[k], 0);
  svg.setAttribute("aria-label", `${queue.name}: ${total("entered")} calls entered, ${total("handled")} handled today`);
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  add("line", { class: "axis", x1: left, y1: H - bottom, x2: W, y2: H - bottom });
  add("text", { x: 2, y: top + 8 }, String(peak));
  queue.hourly.forEach((h, i) => {
    const x = left + i * slot;
    for (const [k, dx] of [["entered", 1], ["handled", slot / 2]]) {
      const height = h[k] * scale;
      add("rect", { class: k, x: x + dx, y: H - bottom - height, width: slot / 2 - 1.5, height })
        .append(Object.assign(document.createElementNS(NS, "title"), { textContent: `${h.hour}:00 ${k}: ${h[k]}` }));
    }
    if (i % 3 === 0) add("text", { x, y: H - 6 }, `${String(h.hour).padStart(2, "0")}h`);
  });
  const figure = el("figure", { class: "card" });
  figure.append(el("figcaption", {},
    el("strong", { text: queue.name }), " ",
    el("span", { class: "legend" }, el("span", {}, el("i", { class: "swatch", style: "background:#7aa7d6" }), "entered"),
      el("span", {}, el("i", { style: "background:#1e7a3c" }), "handled"))), svg);
  return figure;
}

// ---- tabs and keyboard ------------------------------------------------------------------------
function selectTab(name) {
  for (const tab of ["calls", "supervisor"]) {
    const on = tab === name;
    $(`tab-${tab}`).setAttribute("aria-selected", String(on));
    $(`tab-${tab}`).tabIndex = on ? 0 : -1;
    $(`${tab}-view`).hidden = !on;
  }
  if (name === "supervisor") refreshStats();
}

function onKey(event) {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
  if (event.target.getAttribute("role") === "tab" && ["ArrowLeft", "ArrowRight"].includes(event.key)) {
    const next = event.target.id === "tab-calls" ? "supervisor" : "calls";
    selectTab(next);
    $(`tab-${next}`).focus();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey || !state.me) return;
  if (event.key === "n" || event.key === "N") { event.preventDefault(); claimNext(); }
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", logIn);
  $("logout").addEventListener("click", logOut);
  $("claim-next").addEventListener("click", claimNext);
  $("close-form").addEventListener("submit", closeCall);
  $("release-call").addEventListener("click", releaseCall);
  $("tab-calls").addEventListener("click", () => selectTab("calls"));
  $("tab-supervisor").addEventListener("click", () => selectTab("supervisor"));
  document.addEventListener("keydown", onKey);
  setInterval(tickWaits, 1000);
  start().catch(() => showLogin());
});
