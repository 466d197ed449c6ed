"use strict";
// The console's words in the reader's language: the server sends its catalogue, t() looks a phrase up and fills
// its {placeholders}. Elements marked data-i18n in the HTML are translated in place.
let WORDS = {};

function t(msgid, params) {
  const text = WORDS[msgid] || msgid;
  return params ? text.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? String(params[key]) : whole)) : text;
}

function translatePage() {
  for (const node of document.querySelectorAll("[data-i18n]")) {
    if (!node.dataset.msgid) node.dataset.msgid = node.textContent.trim().replace(/\s+/g, " ");
    node.textContent = t(node.dataset.msgid);
  }
  for (const node of document.querySelectorAll("[data-i18n-attr]")) {
    for (const name of node.dataset.i18nAttr.split(" ")) {
      const key = "msgid" + name.replace(/-/g, "");
      if (!node.dataset[key]) node.dataset[key] = node.getAttribute(name);
      node.setAttribute(name, t(node.dataset[key]));
    }
  }
}

// `language` is the member's, when known; otherwise the server reads the browser's Accept-Language.
async function loadWords(language) {
  const res = await fetch("/api/i18n" + (language ? "?lang=" + encodeURIComponent(language) : ""),
                          { credentials: "same-origin" });
  const data = await res.json();
  WORDS = data.messages || {};
  document.documentElement.lang = data.language;
  translatePage();
  return data.language;
}
