"use strict";
// The console talks to the bot only through its JSON API, as any other client would.
const $ = (id) => document.getElementById(id);
let feedSeq = 0;
const SIGN_IN = "Sign in first: open a sign-in link (ask the bot with /cs console in Slack or /console in " +
                "Telegram, or an admin runs bot login-link <member>).";

function newEventId() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
}

async function api(method, path, body) {
  // The session cookie (HttpOnly, SameSite=Strict) says who we are; the page never sees a secret.
  const headers = { "Content-Type": "application/json" };
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined,
                                  credentials: "same-origin" });
  let data = {};
  try { data = await res.json(); } catch (e) { data = { error: "The bot answered with something that is not JSON." }; }
  if (res.status === 401) { $("who").textContent = "Not signed in"; $("signout").hidden = true; notice(SIGN_IN, true); }
  return { ok: res.ok, status: res.status, data };
}

function notice(text, isError) {
  $("notice").textContent = text || "";
  $("notice").className = isError ? "error" : "";
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// What a case card shows at a glance: the level and why, what the customer wants, the reply and what sending it
// does, the deadlines, and who holds it.
const GLANCE_FIELDS = new Set(["Level", "Category", "Customer", "Contacts", "Owner", "Status"]);
const GLANCE_SECTIONS = new Set(["Incident", "Why", "Customer said", "Customer wants", "Suggested reply",
                                 "Mark as sent will", "Deadlines", "Escalation", "Offers", "Resolution"]);

function renderCard(msg) {
  const card = msg.card;
  const classes = ["card", card.severity];
  if (msg.private) classes.push("private");
  const node = el("article", { class: classes.join(" "), "data-severity": card.severity });
  if (msg.case_id !== null && !msg.private) node.dataset.ref = "case-" + msg.case_id;
  if (card.title) node.append(el("h3", {}, card.title));
  // A case card shows what an agent acts on first; the rest is folded under "More about this case".
  const folding = msg.case_id !== null && card.fields.length > 6;
  const more = el("details", { class: "more" }, el("summary", {}, "More about this case"));
  if (card.fields.length) {
    const shown = el("dl", { class: "fields" });
    const folded = el("dl", { class: "fields" });
    for (const f of card.fields) {
      (folding && !GLANCE_FIELDS.has(f.label) ? folded : shown)
        .append(el("div", {}, el("dt", {}, f.label), el("dd", {}, f.value)));
    }
    node.append(shown);
    if (folded.childElementCount) more.append(folded);
  }
  for (const s of card.sections) {
    const sec = el("div", { class: "section" });
    if (s.title) sec.append(el("h4", {}, s.title));
    for (const line of s.lines) {
      if (!s.copy) { sec.append(el("p", {}, line)); continue; }
      // A reply to send as it is: shown plain, with a button that copies it.
      const copy = el("button", { type: "button", class: "copy-button",
                                  onclick: () => navigator.clipboard && navigator.clipboard.writeText(line) }, "Copy");
      sec.append(el("pre", { class: "copy" }, line), copy);
    }
    const glance = GLANCE_SECTIONS.has(s.title) || s.title.startsWith("Notes");  // "Notes (3)": the latest note
    (folding && !glance ? more : node).append(sec);
  }
  if (folding && more.childElementCount > 1) node.append(more);
  if (card.buttons.length) {
    const row = el("div", { class: "buttons" });
    for (const b of card.buttons) {
      row.append(el("button", { class: b.style || "", "data-action": b.action, type: "button",
                                 onclick: () => pressButton(node, b) }, b.label));
    }
    node.append(row);
  }
  if (card.image) node.append(el("img", { class: "chart", src: "data:image/png;base64," + card.image,
                                           alt: "Chart: " + (card.title || "report") }));
  if (card.context) node.append(el("div", { class: "context" }, card.context));
  return node;
}

function showMessages(messages) {
  const feed = $("feed");
  for (const msg of messages) {
    const node = renderCard(msg);
    const existing = msg.replace ? feed.querySelector(`[data-ref="${msg.replace}"]`) : null;
    if (existing) existing.replaceWith(node);
    else {
      if (node.dataset.ref) feed.querySelectorAll(`[data-ref="${node.dataset.ref}"]`).forEach((n) => n.remove());
      feed.prepend(node);
    }
  }
}

async function send(path, body) {
  const res = await api("POST", path, { event_id: newEventId(), ...body });
  if (res.data.messages) showMessages(res.data.messages);
  notice(res.ok ? "" : (res.data.error || `Request failed (${res.status}).`), !res.ok);
  refreshCases();
  return res;
}

function pressButton(cardNode, button) {
  if (!button.form) { send("/api/actions", { action: button.action, value: button.value }); return; }
  cardNode.querySelectorAll("form.card-form").forEach((f) => f.remove());
  const form = el("form", { class: "card-form" });
  for (const f of button.form.fields) {
    const input = f.multiline ? el("textarea", { name: f.name, rows: "3" }) : el("input", { name: f.name });
    input.placeholder = f.placeholder || f.label;
    input.setAttribute("aria-label", f.label);
    form.append(el("label", {}, f.label, input));
  }
  form.append(el("button", { type: "submit", class: "primary" }, button.form.submit_label));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const inputs = {};
    for (const f of button.form.fields) inputs[f.name] = form.elements[f.name].value;
    const missing = button.form.fields.find((f) => f.required && !inputs[f.name].trim());
    if (missing) { notice(`${missing.label} is required.`, true); return; }
    form.remove();
    send("/api/actions", { action: button.action, value: button.value, inputs });
  });
  cardNode.append(form);
}

async function whoAmI() {
  const res = await api("GET", "/api/me");
  if (!res.ok) return false;
  const m = res.data.member;
  $("who").textContent = `Signed in as ${m.name || m.ref} (${m.role})`;
  $("signout").hidden = false;
  showSetup(m.setup || []);
  $("reports").hidden = !m.reports;
  return true;
}

// The admin's set-up checklist: each line as text, the command it names (between backticks) as code.
function showSetup(todo) {
  $("setup").hidden = todo.length === 0;
  $("setup-list").replaceChildren(...todo.map((line) =>
    el("li", null, ...line.split("`").map((part, i) => (i % 2 ? el("code", null, part) : part)))));
}

// The inbox: one view at a time (with each view's count), or the results of a search.
const VIEW_NAMES = { mine: "Mine", unassigned: "Unassigned", breaching: "Breaching soon", approval: "My approval",
                     open: "All open", resolved: "Resolved" };
let currentView = "open";
let currentSearch = "";

function showCaseList(cases, empty) {
  const list = $("cases");
  list.replaceChildren();
  for (const c of cases) {
    const label = `#${c.id} · ${c.left ? "⏰ " + c.left + " · " : ""}${c.level} · ${c.score}/100 · ${c.customer} · ` +
                  `${c.contacts} contact(s) · ${c.owner || "unassigned"}${c.status === "resolved" ? " · resolved" : ""}`;
    list.append(el("li", { "data-case": String(c.id) },
      el("button", { type: "button", class: "case-row", onclick: () => openCase(c.id) }, label)));
  }
  if (!cases.length) list.append(el("li", {}, empty));
}

async function refreshCases() {
  if (currentSearch) return;  // a search's results stay until it is cleared
  const res = await api("GET", `/api/cases?view=${currentView}`);
  if (!res.ok) return;
  $("views").replaceChildren(...Object.entries(VIEW_NAMES).map(([view, name]) =>
    el("button", { type: "button", class: "view" + (view === currentView ? " current" : ""), "data-view": view,
                   "aria-pressed": String(view === currentView),
                   onclick: () => { currentView = view; refreshCases(); } },
       `${name} (${res.data.counts[view]})`)));
  showCaseList(res.data.cases, "No cases in this view.");
}

$("search-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  currentSearch = $("search").value.trim();
  if (!currentSearch) { refreshCases(); return; }
  const res = await api("GET", "/api/search?q=" + encodeURIComponent(currentSearch));
  if (res.ok) showCaseList(res.data.cases, "No case has all of those words.");
});
$("search").addEventListener("search", () => { if (!$("search").value) { currentSearch = ""; refreshCases(); } });

// Times in the reader's own zone and words, not ISO strings.
function when(iso) {
  return new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

async function openCase(id) {
  const res = await api("GET", `/api/cases/${id}`);
  if (!res.ok) { notice(res.data.error, true); return; }
  showMessages([{ card: res.data.card, case_id: res.data.id, private: false, replace: null }]);
  // The opened case's history and its customer's, folded under its card.
  const node = $("feed").querySelector(`[data-ref="case-${id}"]`);
  if (!node) return;
  const timeline = el("details", { class: "timeline" }, el("summary", {}, `Timeline (${res.data.timeline.length})`),
    el("ol", {}, ...res.data.timeline.map((e) =>
      el("li", {}, el("time", { datetime: e.at }, when(e.at)), ` · ${e.kind} · ${e.by}: ${e.what}`))));
  const history = el("details", { class: "customer-history" }, el("summary", {}, "Customer history"));
  history.addEventListener("toggle", async () => {
    if (!history.open || history.dataset.loaded) return;
    const page = await api("GET", "/api/customers/" + encodeURIComponent(res.data.customer_ref));
    if (!page.ok) { history.append(el("p", { class: "error" }, page.data.error)); return; }
    history.dataset.loaded = "1";
    const p = page.data;
    history.append(el("p", {}, `${p.name || p.ref} · ${p.contacts} contact(s)` + (p.vip_level ? ` · VIP ${p.vip_level}` : "")
                                + (p.annual_value ? ` · ${p.annual_value}` : "")),
                   el("ul", {}, ...p.cases.map((c) => el("li", {}, `#${c.id} · ${c.status} · ${c.level} · ${c.category} · ${when(c.opened)}`))));
  });
  node.append(timeline, history);
}

async function pollFeed() {
  const res = await api("GET", `/api/feed?since=${feedSeq}`);
  if (res.ok && res.data.messages.length) {
    feedSeq = res.data.messages[res.data.messages.length - 1].seq;
    showMessages(res.data.messages);
    refreshCases();
  }
}

$("message-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const customer = { id: $("customer-id").value, name: $("customer-name").value,
                     vip_level: $("customer-vip").value, annual_value: $("customer-value").value };
  const res = await send("/api/messages", { text: $("text").value, customer });
  // The next message may be another customer's: nothing of this one stays in the form.
  if (res && res.ok) for (const id of ["text", "customer-id", "customer-name", "customer-vip", "customer-value"]) $(id).value = "";
});
$("command-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const res = await send("/api/commands", { command: $("command").value });
  if (res && res.ok) { $("command").value = ""; whoAmI(); }  // a tier or SLA command may tick the checklist off
});
// Reports: the figures, the chart drawn on the server (the same picture chat gets) and the CSV, for one query.
function reportQuery() {
  const q = new URLSearchParams();
  const period = $("report-period").value;
  if (period === "range") { q.set("from", $("report-from").value); q.set("to", $("report-to").value); }
  else q.set("period", period);
  for (const k of ["category", "level", "channel"]) { const v = $("report-" + k).value.trim(); if (v) q.set(k, v); }
  return q.toString();
}

function figure(label, value) { return el("div", {}, el("dt", {}, label), el("dd", {}, String(value))); }

function percent(x) { return x === null || x === undefined ? "—" : Math.round(x * 100) + "%"; }

function minutes(s) {
  if (s === null || s === undefined) return "—";
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} m`;
}

async function showReport() {
  const query = reportQuery();
  $("report-csv").href = "/api/report.csv?" + query;
  const res = await api("GET", "/api/report?" + query);
  const out = $("report-out");
  if (!res.ok) { out.replaceChildren(el("p", { class: "error" }, res.data.error || "No report.")); return; }
  const r = res.data.report;
  const first = r.first_response_seconds;
  const dl = el("dl", { class: "fields figures" },
    figure("Cases opened", r.total),
    figure("Resolved within 48 h", `${percent(r.resolved_within_48h.share)} (${r.resolved_within_48h.resolved} of ${r.resolved_within_48h.of})`),
    figure("First response (median / 90%)", `${minutes(first.median)} / ${minutes(first.p90)}`),
    figure("SLA breaches", r.breaches),
    figure("Escalations", Object.values(r.escalations_by_tier).reduce((a, b) => a + b, 0)),
    figure("Repeat complainers (3+)", r.repeat_customers));
  const reasons = el("table", { class: "reasons" },
    el("caption", {}, "Top reasons"),
    el("tr", {}, el("th", { scope: "col" }, "Category"), el("th", { scope: "col" }, "Cases"),
       el("th", { scope: "col" }, "Words"), el("th", { scope: "col" }, "Example")),
    ...r.top_reasons.map((x) => el("tr", {}, el("td", {}, x.category), el("td", {}, `${x.n} (${percent(x.share)})`),
                                   el("td", {}, x.words.join(", ")), el("td", {}, x.examples[0] || ""))));
  const hot = el("p", { class: "hot" }, el("strong", {}, "Hot words: "),
    r.hot_words.length ? r.hot_words.map((w) => `${w.word} ${w.n}${w.new ? " (new)" : ` (was ${w.before})`}`).join(" · ")
                       : "none rose against the period before.");
  const img = el("img", { class: "chart", src: "/api/report.png?" + query,
                          alt: `Chart: cases opened a day by level, and the top reasons (${r.total} cases)` });
  out.replaceChildren(dl, img, reasons, hot);
}

$("report-form").addEventListener("submit", (ev) => { ev.preventDefault(); showReport(); });
$("reports").addEventListener("toggle", () => { if ($("reports").open && !$("report-out").childElementCount) showReport(); });
$("audit").addEventListener("click", () => send("/api/commands", { command: "audit 50" }));
$("signout").addEventListener("click", async () => {
  await api("POST", "/api/logout", {});
  location.reload();
});

whoAmI().then((signedIn) => {
  if (!signedIn) return;
  refreshCases();
  setInterval(pollFeed, 5000);
});
