"use strict";
// The console talks to the bot only through its JSON API, as any other client would.
const $ = (id) => document.getElementById(id);
let feedSeq = 0;
let me = null;  // the member signed in: name, role, language, and how far they have read their notifications
const notices = [];  // messages for this member alone (pings, approval requests), newest first

function newEventId() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
}

async function api(method, path, body) {
  // The session cookie (HttpOnly, SameSite=Strict) says who we are; the page never sees a secret.
  const headers = { "Content-Type": "application/json" };
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined,
                                  credentials: "same-origin" });
  let data = {};
  try { data = await res.json(); } catch (e) { data = { error: t("The bot answered with something that is not JSON.") }; }
  if (res.status === 401) {
    $("who").textContent = t("Not signed in"); $("signout").hidden = true;
    notice(t("Sign in first: open a sign-in link (ask the bot with /cs console in Slack or /console in Telegram, or an admin runs bot login-link <member>)."), true);
  }
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

function renderCard(msg) {
  const card = msg.card;
  const classes = ["card", card.severity];
  if (msg.private) classes.push("private");
  const node = el("article", { class: classes.join(" "), "data-severity": card.severity });
  if (msg.case_id !== null && !msg.private) node.dataset.ref = "case-" + msg.case_id;
  if (msg.private) node.append(el("p", { class: "only-you" }, t("only you see this")));
  if (card.title) node.append(el("h3", {}, card.title));
  // A case card shows what an agent acts on first; the rest (marked fold by the core) is under "More about this case".
  const more = el("details", { class: "more" }, el("summary", {}, t("More about this case")));
  if (card.fields.length) {
    const shown = el("dl", { class: "fields" });
    const folded = el("dl", { class: "fields" });
    for (const f of card.fields) {
      (f.fold ? folded : shown).append(el("div", {}, el("dt", {}, f.label), el("dd", {}, f.value)));
    }
    node.append(shown);
    if (folded.childElementCount) more.append(folded);
  }
  for (const s of card.sections) {
    const sec = el("div", s.lang ? { class: "section", lang: s.lang } : { class: "section" });
    if (s.title) sec.append(el("h4", {}, s.title));
    for (const line of s.lines) {
      if (!s.copy) { sec.append(el("p", {}, line)); continue; }
      // A reply to send as it is: shown plain, with a button that copies it.
      const copy = el("button", { type: "button", class: "copy-button",
                                  onclick: () => navigator.clipboard && navigator.clipboard.writeText(line) }, t("Copy"));
      sec.append(el("pre", { class: "copy" }, line), copy);
    }
    (s.fold ? more : node).append(sec);
  }
  if (more.childElementCount > 1) node.append(more);
  if (card.buttons.length) {
    const row = el("div", { class: "buttons" });
    for (const b of card.buttons) {
      row.append(el("button", { class: b.style || "", "data-action": b.action, type: "button",
                                 onclick: () => pressButton(node, b) }, b.label));
    }
    node.append(row);
  }
  if (card.image) node.append(el("img", { class: "chart", src: "data:image/png;base64," + card.image,
                                           alt: t("Chart: {title}", { title: card.title || t("report") }) }));
  if (card.context) node.append(el("div", { class: "context" }, card.context));
  return node;
}

// What the member just did comes to the top; what arrives from others (`live`) updates a card where it already is.
function showMessages(messages, live) {
  const feed = $("feed");
  for (const msg of messages) {
    if (msg.private && msg.seq) { addNotice(msg); continue; }  // pings and requests wait under Notifications
    const node = renderCard(msg);
    const existing = msg.replace ? feed.querySelector(`[data-ref="${msg.replace}"]`) : null;
    const earlier = existing || (node.dataset.ref && feed.querySelector(`[data-ref="${node.dataset.ref}"]`));
    // A live update of an opened case keeps its timeline and customer history open under the new card.
    if (earlier) earlier.querySelectorAll(":scope > details.timeline, :scope > details.customer-history")
      .forEach((d) => node.append(d));
    if (existing || (live && earlier)) (existing || earlier).replaceWith(node);
    else {
      if (node.dataset.ref) feed.querySelectorAll(`[data-ref="${node.dataset.ref}"]`).forEach((n) => n.remove());
      feed.prepend(node);
    }
  }
}

async function send(path, body) {
  const res = await api("POST", path, { event_id: newEventId(), ...body });
  if (res.data.messages) showMessages(res.data.messages);
  notice(res.ok ? "" : (res.data.error || t("Request failed ({status}).", { status: res.status })), !res.ok);
  refreshCases();
  return res;
}

function pressButton(cardNode, button) {
  if (!button.form) { send("/api/actions", { action: button.action, value: button.value }); return; }
  cardNode.querySelectorAll("form.card-form").forEach((f) => f.remove());
  const form = el("form", { class: "card-form" });
  form.append(el("h4", {}, button.form.title));
  for (const f of button.form.fields) form.append(el("label", {}, f.label + (f.required ? " *" : ""), formInput(f)));
  form.append(el("button", { type: "submit", class: "primary" }, button.form.submit_label));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const inputs = {};
    for (const f of button.form.fields) inputs[f.name] = form.elements[f.name].value;
    const missing = button.form.fields.find((f) => f.required && !inputs[f.name].trim());
    if (missing) { notice(t("{field} is required.", { field: missing.label }), true); form.elements[missing.name].focus(); return; }
    form.remove();
    send("/api/actions", { action: button.action, value: button.value, inputs });
  });
  cardNode.append(form);
  form.elements[button.form.fields[0].name].focus();
}

// One input for a form field: a choice from the form's vocabulary, an amount, a date, or words.
function formInput(f) {
  let input;
  if (f.choices && f.choices.length) {
    input = el("select", { name: f.name }, ...f.choices.map(([value, label]) => el("option", { value }, label)));
  } else if (f.multiline) input = el("textarea", { name: f.name, rows: "3" });
  else if (f.kind === "number") input = el("input", { name: f.name, type: "number", min: "0", step: "0.01", inputmode: "decimal" });
  else if (f.kind === "date") input = el("input", { name: f.name, type: "date" });
  else input = el("input", { name: f.name });
  if (f.placeholder && input.tagName !== "SELECT") input.placeholder = f.placeholder;
  return input;
}

async function whoAmI() {
  const res = await api("GET", "/api/me");
  if (!res.ok) return false;
  me = res.data.member;
  const m = me;
  $("who").textContent = t("Signed in as {name} ({role})", { name: m.name || m.ref, role: t(m.role) });
  $("signout").hidden = false;
  $("language").value = m.language;
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
const VIEWS = ["mine", "unassigned", "breaching", "approval", "open", "resolved"];
function viewName(view) {  // looked up when drawn: the member's words arrive after this script loads
  return { mine: t("Mine"), unassigned: t("Unassigned"), breaching: t("Breaching soon"), approval: t("My approval"),
           open: t("All open"), resolved: t("Resolved") }[view];
}
let currentView = "open";
let currentSearch = "";

function showCaseList(cases, empty) {
  const list = $("cases");
  // The list is redrawn as the feed brings news: a keyboard user's place in it must survive that.
  const focused = document.activeElement && document.activeElement.closest("#cases li[data-case]");
  const keep = focused ? focused.dataset.case : null;
  list.replaceChildren();
  for (const c of cases) {
    const parts = ["#" + c.id, c.left ? "⏰ " + c.left : null, t(c.level), c.score + "/100", c.customer,
                   t("{n} contact(s)", { n: c.contacts }), c.owner || t("unassigned"),
                   c.status === "resolved" ? t("resolved") : null];
    const label = parts.filter((p) => p !== null).join(" · ");
    list.append(el("li", { "data-case": String(c.id) },
      el("button", { type: "button", class: "case-row", onclick: () => openCase(c.id) }, label)));
  }
  if (!cases.length) list.append(el("li", {}, empty));
  const again = keep && list.querySelector(`li[data-case="${keep}"] button`);
  if (again) again.focus();
}

let casesAsked = 0;  // the latest list asked for: an older answer arriving after it must not replace it

async function refreshCases() {
  if (currentSearch) return;  // a search's results stay until it is cleared
  const query = new URLSearchParams({ view: currentView });
  for (const k of ["level", "category", "tier", "channel"]) { const v = $("filter-" + k).value; if (v) query.set(k, v); }
  const asked = ++casesAsked;
  const res = await api("GET", "/api/cases?" + query.toString());
  if (!res.ok || asked !== casesAsked || currentSearch) return;
  $("views").replaceChildren(...VIEWS.map((view) =>
    el("button", { type: "button", class: "view" + (view === currentView ? " current" : ""), "data-view": view,
                   "aria-pressed": String(view === currentView),
                   onclick: () => { currentView = view; refreshCases(); } },
       `${viewName(view)} (${res.data.counts[view]})`)));
  showCaseList(res.data.cases, t("No cases in this view."));
}

for (const k of ["level", "category", "tier", "channel"]) $("filter-" + k).addEventListener("change", refreshCases);

$("search-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  currentSearch = $("search").value.trim();
  if (!currentSearch) { refreshCases(); return; }
  const res = await api("GET", "/api/search?q=" + encodeURIComponent(currentSearch));
  if (res.ok) showCaseList(res.data.cases, t("No case has all of those words."));
});
$("search").addEventListener("search", () => { if (!$("search").value) { currentSearch = ""; refreshCases(); } });

// Times in the team's zone (as every deadline on the cards) and the reader's words, not ISO strings.
function when(iso) {
  return new Date(iso).toLocaleString(document.documentElement.lang, { month: "short", day: "numeric",
                                      hour: "2-digit", minute: "2-digit", timeZone: me.zone, timeZoneName: "short" });
}

async function openCase(id) {
  const res = await api("GET", `/api/cases/${id}`);
  if (!res.ok) { notice(res.data.error, true); return; }
  showMessages([{ card: res.data.card, case_id: res.data.id, private: false, replace: null }]);
  // The opened case's history and its customer's, folded under its card.
  const node = $("feed").querySelector(`[data-ref="case-${id}"]`);
  if (!node) return;
  const timeline = el("details", { class: "timeline" }, el("summary", {}, t("Timeline ({n})", { n: res.data.timeline.length })),
    el("ol", {}, ...res.data.timeline.map((e) =>
      el("li", {}, el("time", { datetime: e.at }, when(e.at)), ` · ${e.kind} · ${e.by}: ${e.what}`))));
  const history = el("details", { class: "customer-history" }, el("summary", {}, t("Customer history")));
  history.addEventListener("toggle", async () => {
    if (!history.open || history.dataset.loaded) return;
    const page = await api("GET", "/api/customers/" + encodeURIComponent(res.data.customer_ref));
    if (!page.ok) { history.append(el("p", { class: "error" }, page.data.error)); return; }
    history.dataset.loaded = "1";
    const p = page.data;
    const again = p.first_to_second_seconds === null ? null
      : t("wrote again after {span}", { span: minutes(p.first_to_second_seconds) });
    history.append(el("p", {}, [p.name || p.ref, t("{n} contact(s)", { n: p.contacts }), again,
                                p.vip_level ? "VIP " + p.vip_level : null, p.annual_value || null].filter(Boolean).join(" · ")),
                   el("h4", {}, t("Cases")),
                   el("ul", {}, ...p.cases.map((c) => el("li", {},
                     [`#${c.id}`, t(c.status), t(c.level), t(c.category), when(c.opened)].join(" · ")))),
                   el("h4", {}, t("What they wrote")),
                   el("ol", { class: "said" }, ...p.messages.map((m) =>
                     el("li", {}, el("time", { datetime: m.at }, when(m.at)), ` · #${m.case} · ${t(m.level)} · `,
                        el("q", { lang: m.lang || "" }, m.text)))));
  });
  node.querySelectorAll(":scope > details.timeline, :scope > details.customer-history").forEach((d) => d.remove());
  node.append(timeline, history);
}

async function pollFeed() {
  const res = await api("GET", `/api/feed?since=${feedSeq}`);
  if (res.ok && res.data.messages.length) {
    const first = feedSeq === 0;
    feedSeq = res.data.messages[res.data.messages.length - 1].seq;
    showMessages(res.data.messages, true);
    if (!first) announce(res.data.messages);
    refreshCases();
  }
}

// New cards and notifications are read out once by screen readers, in a short line each.
function announce(messages) {
  const titles = messages.map((m) => m.card.title).filter(Boolean).slice(-3);
  if (titles.length) $("announce").textContent = t("New: {titles}", { titles: titles.join("; ") });
}

// Notifications: what was sent to this member alone, with an unread count and, when they opted in, the browser's
// own notifications. Opening the list marks everything in it read, on the server, for every replica and device.
function addNotice(msg) {
  if (notices.some((n) => n.seq === msg.seq)) return;
  notices.unshift(msg);
  const unread = msg.seq > me.notices_read;
  if (unread && feedSeq !== 0 && localStorage.getItem("browser-notices") === "on" && window.Notification &&
      Notification.permission === "granted") {
    new Notification(msg.card.title || t("Complaint desk"), { body: msg.card.fallback.slice(0, 200), tag: "seq-" + msg.seq });
  }
  showNotices();
}

function showNotices() {
  const unread = notices.filter((n) => n.seq > me.notices_read).length;
  const button = $("notices-button");
  button.hidden = false;
  button.textContent = unread ? t("Notifications ({n} unread)", { n: unread }) : t("Notifications");
  button.classList.toggle("unread", unread > 0);
  $("notice-list").replaceChildren(...notices.map((msg) => {
    const item = el("li", { class: msg.seq > me.notices_read ? "unread" : "" }, renderCard({ ...msg, private: false }));
    return item;
  }));
  if (!notices.length) $("notice-list").append(el("li", {}, t("Nothing for you yet.")));
}

$("notices-button").addEventListener("click", async () => {
  const panel = $("notices");
  panel.hidden = !panel.hidden;
  $("notices-button").setAttribute("aria-expanded", String(!panel.hidden));
  if (panel.hidden || !notices.length) return;
  const upto = Math.max(...notices.map((n) => n.seq));
  if (upto > me.notices_read) {
    const res = await api("POST", "/api/notices/read", { upto });
    if (res.ok) { me.notices_read = res.data.notices_read; setTimeout(showNotices, 1500); }
  }
  panel.querySelector("h2").focus();
});
$("browser-notices").addEventListener("click", async () => {
  if (!window.Notification) { notice(t("This browser has no notifications."), true); return; }
  const allowed = (await Notification.requestPermission()) === "granted";
  localStorage.setItem("browser-notices", allowed ? "on" : "off");
  notice(allowed ? t("Browser notifications are on for new pings and requests.")
                 : t("The browser did not allow notifications; the count above still shows them."), !allowed);
});
$("language").addEventListener("change", async () => {
  const res = await api("POST", "/api/commands", { event_id: newEventId(), command: "language " + $("language").value });
  if (res.ok) location.reload();
  else notice(res.data.error, true);
});

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
  return m < 60 ? t("{m} min", { m }) : t("{h} h {m} m", { h: Math.floor(m / 60), m: m % 60 });
}

async function showReport() {
  const query = reportQuery();
  $("report-csv").href = "/api/report.csv?" + query;
  const res = await api("GET", "/api/report?" + query);
  const out = $("report-out");
  if (!res.ok) { out.replaceChildren(el("p", { class: "error" }, res.data.error || t("No report."))); return; }
  const r = res.data.report;
  const first = r.first_response_seconds;
  const dl = el("dl", { class: "fields figures" },
    figure(t("Cases opened"), r.total),
    figure(t("Resolved within 48 h"), t("{share} ({resolved} of {of})", { share: percent(r.resolved_within_48h.share),
                                         resolved: r.resolved_within_48h.resolved, of: r.resolved_within_48h.of })),
    figure(t("First response (median / 90%)"), `${minutes(first.median)} / ${minutes(first.p90)}`),
    figure(t("SLA breaches"), r.breaches),
    figure(t("Escalations"), Object.values(r.escalations_by_tier).reduce((a, b) => a + b, 0)),
    figure(t("Repeat complainers (3+)"), r.repeat_customers));
  const reasons = el("table", { class: "reasons" },
    el("caption", {}, t("Top reasons")),
    el("tr", {}, el("th", { scope: "col" }, t("Category")), el("th", { scope: "col" }, t("Cases")),
       el("th", { scope: "col" }, t("Words")), el("th", { scope: "col" }, t("Example"))),
    ...r.top_reasons.map((x) => el("tr", {}, el("td", {}, x.category), el("td", {}, `${x.n} (${percent(x.share)})`),
                                   el("td", {}, x.words.join(", ")), el("td", {}, x.examples[0] || ""))));
  const hot = el("p", { class: "hot" }, el("strong", {}, t("Hot words:") + " "),
    r.hot_words.length ? r.hot_words.map((w) => `${w.word} ${w.n} ` + (w.new ? t("(new)") : t("(was {n})", { n: w.before }))).join(" · ")
                       : t("none rose against the period before."));
  const img = el("img", { class: "chart", src: "/api/report.png?" + query,
                          alt: t("Chart: cases opened a day by level, and the top reasons ({n} cases)", { n: r.total }) });
  out.replaceChildren(dl, img, reasons, hot);
}

$("report-form").addEventListener("submit", (ev) => { ev.preventDefault(); showReport(); });
$("reports").addEventListener("toggle", () => { if ($("reports").open && !$("report-out").childElementCount) showReport(); });
$("audit").addEventListener("click", () => send("/api/commands", { command: "audit 50" }));
$("signout").addEventListener("click", async () => {
  await api("POST", "/api/logout", {});
  location.reload();
});

(async () => {
  const signedIn = await whoAmI();
  await loadWords(signedIn ? me.language : null);
  if (!signedIn) return;
  whoAmI();  // again, now in the member's words
  refreshCases();
  showNotices();
  pollFeed();
  setInterval(pollFeed, 5000);
})();
