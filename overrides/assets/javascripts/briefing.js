/*
 * The bilingual view of a briefing: original, translation, or both side by side. The reader's choice is
 * remembered across pages (localStorage). Without JavaScript the page shows the reader's language and
 * the toggle stays hidden. Runs on every page load, including Material's instant navigation (document$).
 */
(function () {
  "use strict";
  var KEY = "ai-briefing.view";

  function load() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function save(view) {
    try { window.localStorage.setItem(KEY, view); } catch (e) { /* private mode: not remembered */ }
  }

  function show(article, toggle, view) {
    var offered = (article.getAttribute("data-views") || "").split(" ");
    if (offered.indexOf(view) < 0) view = article.getAttribute("data-default-view");
    article.setAttribute("data-view", view);
    var buttons = toggle ? toggle.querySelectorAll("button[data-view]") : [];
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-view") === view));
  }

  function setup() {
    var article = document.querySelector(".bilingual");
    if (!article) return;
    var toggle = document.querySelector(".view-toggle");
    var saved = load();
    if (saved) show(article, toggle, saved);
    if (!toggle) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function (ev) {
      var button = ev.target.closest("button[data-view]");
      if (!button) return;
      var view = button.getAttribute("data-view");
      save(view);
      show(article, toggle, view);
    });
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
