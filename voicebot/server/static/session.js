/* Shared by the token-login pages (/analytics, /inbox): API calls, the login form, logging out. */
"use strict";
const $ = (id) => document.getElementById(id);
const pct = (v) => (v === null || v === undefined ? "–" : `${(v * 100).toFixed(1)} %`);

async function api(path, options = {}) {
  const init = { method: options.method || "GET", headers: { "X-Voicebot-Agent": "1" } };
  if (options.body) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(typeof data.detail === "string" ? data.detail : response.statusText);
    error.status = response.status;
    error.data = data;
    throw error;
  }
  return data;
}

/* One page behind the login: `view` is the id prefix of its main section ("report" ->
   #report-view), `fetchAndRender` loads the period chosen in #since and shows it; its errors go
   to #<view>-error, a 401 shows the login form. */
function sessionPage(view, fetchAndRender) {
  const show = (which) => {
    $("login-view").hidden = which !== "login";
    $(`${view}-view`).hidden = which !== view;
    $("who").hidden = which !== view;
  };
  async function load() {
    try {
      await fetchAndRender($("since").value);
      $(`${view}-error`).textContent = "";
      show(view);
    } catch (error) {
      if (error.status === 401) { show("login"); return; }
      $(`${view}-error`).textContent = error.message;
    }
  }
  $("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("/api/session", { method: "POST", body: { token: $("token").value.trim() } });
      $("login-error").textContent = "";
      $("token").value = "";
      await load();
    } catch (error) {
      $("login-error").textContent = error.status === 401 ? "That token is not valid." : error.message;
    }
  });
  $("logout").addEventListener("click", async () => {
    await fetch("/api/session", { method: "DELETE", headers: { "X-Voicebot-Agent": "1" } });
    show("login");
  });
  $("since").addEventListener("change", load);
  load();
}
