/* /inbox: groups of utterances the bot did not understand; assign one to an intent. */
"use strict";
let inbox = null;

function el(tag, props, children) {
  const node = Object.assign(document.createElement(tag), props || {});
  for (const child of children || []) node.append(child);
  return node;
}

function resultText(r) {
  return `accuracy on ${r.tests} test phrases: ${pct(r.accuracy_before)} → ${pct(r.accuracy_after)}; ` +
    `group understood as ${r.intent}: ${pct(r.group_before)} → ${pct(r.group_after)}`;
}

function groupCard(group, index) {
  const card = el("section", { className: "card group", id: `group-${group.id}` });
  card.dataset.group = group.id;
  const title = el("h3", {}, [`“${group.representative}” `,
    el("span", { className: "count", textContent: `${group.size} utterance${group.size === 1 ? "" : "s"}` })]);
  const list = el("ul", {}, group.utterances.slice(0, 12).map((u) => el("li", { textContent: u.text })));
  const inputId = `intent-${index}`;
  const input = el("input", { id: inputId, name: "intent", required: true,
    placeholder: group.suggestion || "new or existing intent", autocomplete: "off" });
  input.setAttribute("list", "intent-list");
  const button = el("button", { type: "submit", className: "primary", textContent: "Assign" });
  const status = el("p", { className: "result", role: "status", hidden: true });
  const form = el("form", { className: "assign" }, [
    el("label", { htmlFor: inputId, textContent: "Assign to intent" }), input, button]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.hidden = false;
    status.className = "result";
    status.textContent = "Checking and testing… (the classifier is retrained twice)";
    try {
      const r = await api("/api/inbox/assign", { method: "POST",
        body: { group: group.id, intent: input.value.trim(), since: $("since").value } });
      const what = r.created ? `New intent ${r.intent} with` : `Added to ${r.intent}:`;
      status.textContent = `${what} ${r.added.length} phrase(s). ${resultText(r)}`;
      card.dataset.assigned = r.intent;
    } catch (error) {
      status.className = "result refused";
      status.textContent = error.data && error.data.result
        ? `Refused: ${error.message}. ${resultText(error.data.result)}` : `Refused: ${error.message}`;
      button.disabled = false;
    }
  });
  const guess = el("p", { className: "hint", textContent: group.suggestion
    ? `Most of these were closest to ${group.suggestion}, but not sure enough.` : "" });
  card.append(title, list, guess, form, status);
  return card;
}

function render(data) {
  $("who-tenant").textContent = data.tenant;
  $("inbox-count").textContent = `(${data.utterances} utterances in ${data.groups.length} groups)`;
  $("intent-list").replaceChildren(...data.intents.map((i) => el("option", { value: i })));
  $("groups").replaceChildren(...data.groups.map(groupCard));
  $("inbox-empty").hidden = data.groups.length > 0;
  document.body.dataset.loaded = "yes";
}

sessionPage("inbox", async (since) => {
  inbox = await api(`/api/inbox?since=${encodeURIComponent(since)}`);
  render(inbox);
});
