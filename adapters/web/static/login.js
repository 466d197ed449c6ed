"use strict";
// The link's secret travels in the fragment (#…), which the browser never sends to a server, a proxy or a
// link previewer: only this page reads it, once, and trades it for a session cookie.
(async () => {
  await loadWords();
  const status = document.getElementById("status");
  const token = decodeURIComponent(location.hash.slice(1));
  history.replaceState(null, "", "/login");
  if (!token) { status.textContent = t("This page needs a sign-in link. Ask for one with /cs console (Slack), /console (Telegram) or bot login-link <member>."); return; }
  const res = await fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                          body: JSON.stringify({ token }) });
  let data = {};
  try { data = await res.json(); } catch (e) { data = {}; }
  if (res.ok) { location.replace("/"); return; }
  status.textContent = data.error || t("Sign-in failed ({status}).", { status: res.status });
  status.className = "error";
})();
