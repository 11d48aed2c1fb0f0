(function () {
  "use strict";
  // Follow in-page links: open the article that holds the target, highlight the span or entry.
  function clearActive() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }
  function activate(hash) {
    if (!hash || hash.length < 2) return;
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return; }
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    clearActive();
    var marks = document.querySelectorAll("mark[data-spans]");
    var hit = null;
    marks.forEach(function (m) {
      if (m.getAttribute("data-spans").split(" ").indexOf(id) >= 0) {
        m.classList.add("active");
        if (!hit) hit = m;
      }
    });
    if (!hit) { el.classList.add("active"); hit = el; }
    hit.scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a") : null;
    if (!a) return;
    var href = a.getAttribute("href") || a.getAttribute("xlink:href");
    if (href && href.charAt(0) === "#") {
      ev.preventDefault();
      if (location.hash === href) activate(href);
      else location.hash = href;  // fires hashchange, which activates
    }
  });
  window.addEventListener("hashchange", function () { activate(location.hash); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { activate(location.hash); });
  } else { activate(location.hash); }
})();
