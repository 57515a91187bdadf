/* /analytics: the tenant's call figures for a period, as charts (MiniChart, served locally). */
"use strict";
const REASON_LABELS = { intent: "intent", agent_request: "asked for a person", no_match: "not understood",
  no_input: "no input", error: "error", dtmf_menu: "keypad menu" };

function kpi(label, value, id) {
  const box = document.createElement("div");
  box.className = "kpi";
  box.id = id;
  box.innerHTML = `<span class="value"></span><span class="label"></span>`;
  box.querySelector(".value").textContent = value;
  box.querySelector(".label").textContent = label;
  return box;
}

function renderKpis(d) {
  const latency = d.turn_latency_ms;
  $("kpis").replaceChildren(
    kpi("calls", d.calls, "kpi-calls"),
    kpi("containment rate", pct(d.containment_rate), "kpi-containment"),
    kpi("handoffs", d.handoffs, "kpi-handoffs"),
    kpi("reprompt rate", pct(d.reprompt_rate), "kpi-reprompts"),
    kpi("average call", d.avg_call_s === null ? "–" : `${d.avg_call_s.toFixed(1)} s`, "kpi-length"),
    kpi("turn latency p50 / p95",
      latency.p50 === null ? "–" : `${latency.p50} / ${latency.p95} ms`, "kpi-latency"),
  );
}

function entries(obj, labels) {
  return Object.entries(obj).map(([k, v]) => ({ label: (labels && labels[k]) || k, value: v }));
}

function renderSurvey(survey) {
  $("survey-card").hidden = !survey;
  if (!survey) return;
  const box = $("survey");
  box.replaceChildren();
  for (const [question, result] of Object.entries(survey.questions)) {
    const part = document.createElement("div");
    const title = document.createElement("h3");
    title.textContent = `${question} (${result.answers} answers)`;
    part.appendChild(title);
    const chart = document.createElement("div");
    part.appendChild(chart);
    if (result.kind === "rating") {
      title.textContent += `, mean ${result.mean}`;
      MiniChart.bars(chart, entries(result.distribution), { title: `${question} ratings`, color: "#0b5cad" });
    } else if (result.kind === "yesno") {
      title.textContent += `, yes ${pct(result.yes_share)}`;
      MiniChart.bars(chart, [{ label: "ja", value: result.yes, color: "#1e7a3c" },
        { label: "nein", value: result.no, color: "#b3261e" }], { title: question });
    } else {
      const list = document.createElement("ul");
      for (const comment of result.comments) {
        const li = document.createElement("li");
        li.textContent = comment;
        list.appendChild(li);
      }
      chart.appendChild(list);
    }
    box.appendChild(part);
  }
}

function render(d) {
  $("tenant-name").textContent = d.tenant;
  $("who-tenant").textContent = d.tenant;
  $("period").textContent = `${d.since.slice(0, 16).replace("T", " ")} – ${d.until.slice(0, 16).replace("T", " ")} UTC`;
  renderKpis(d);
  MiniChart.columns($("chart-daily"), d.daily.map((x) => ({ label: x.date.slice(5),
    values: [x.resolved, x.handoffs, x.calls - x.resolved - x.handoffs] })),
    { series: ["resolved", "handed off", "other"], colors: ["#1e7a3c", "#0b5cad", "#9aa4b1"],
      title: "calls per day", empty: "no calls in this period" });
  MiniChart.bars($("chart-outcomes"), entries(d.outcomes), { title: "outcomes" });
  MiniChart.bars($("chart-reasons"), entries(d.handoffs_by_reason, REASON_LABELS),
    { title: "handoffs by reason", color: "#0b5cad" });
  MiniChart.bars($("chart-queues"), entries(d.handoffs_by_queue),
    { title: "handoffs by queue", color: "#6b3fa0", empty: "no handoffs" });
  MiniChart.bars($("chart-intents"), entries(d.intent_mix), { title: "intent mix", color: "#00707a" });
  const latency = d.turn_latency_ms;
  MiniChart.bars($("chart-latency"), latency.p50 === null ? [] : [
    { label: "p50", value: latency.p50 }, { label: "p95", value: latency.p95 }],
    { title: "turn latency (ms)", format: (v) => `${v} ms`, color: "#8a5a00",
      empty: "no caller turns" });
  renderSurvey(d.survey);
  document.body.dataset.loaded = "yes";
}

sessionPage("report", async (since) => {
  render(await api(`/api/analytics?since=${encodeURIComponent(since)}`));
});
