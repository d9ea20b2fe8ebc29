/*
 * Full-text search in Material's search box, on this language site's Pagefind index (pagefind/ at the
 * site's root, written by build_tools/site/search_index.py). Pagefind fetches only the fragments of the
 * index that the typed words need. Results use Material's markup and classes, so they look like
 * Material's in light and dark mode and on a phone. Keys: "/" or "s" (or Ctrl-K / Cmd-K) open search,
 * Escape closes it, the arrow keys move through the results. ?h= on a result's address highlights the
 * words on that page; ?q= on any page opens search with that query (the 404 page's form).
 * Text from the index is never inserted as HTML: titles are text, and excerpts (Pagefind escapes the
 * page's < and >, and marks the matches) are rebuilt from their text and <mark> elements only.
 */
(function () {
  "use strict";
  var PAGE = 10;             // results rendered at once; more as the list is scrolled
  var DEBOUNCE_MS = 120;     // typing pauses shorter than this do not start a search
  var EXCERPT_BEFORE = 24;   // characters of a Traditional excerpt before the first match ...
  var EXCERPT_AFTER = 72;    // ... and from it on

  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var toggle = document.getElementById("__search");
  var dialog = document.querySelector(".pf-search");
  if (!toggle || !dialog) return;
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector(".md-search__form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var scroller = dialog.querySelector(".md-search__scrollwrap");
  var result = dialog.querySelector(".md-search-result");
  var filtersBox = dialog.querySelector(".pf-filters");
  var selects = dialog.querySelectorAll("select[data-pf-filter]");
  var sortSelect = dialog.querySelector("select[data-pf-sort]");
  var language = dialog.getAttribute("data-pf-language");
  var t = config.translations || {};

  var engine = null;         // Promise of the Pagefind module, loaded on first use
  var toSimplified = null;   // Promise of the Traditional -> Simplified character map (zh-hant)
  var current = [];          // the results of the last search, in order
  var shown = 0;
  var generation = 0;        // a newer search makes the answers of older ones stale

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, highlightParam: "h" }).then(function () {
          return pf;
        });
      });
    }
    return engine;
  }

  // The Traditional site's index also holds the Simplified text each page was converted from, which
  // Pagefind segments better: a Traditional query is searched in both scripts (開源 and 开源).
  function simplifiedMap() {
    if (language !== "zh-hant") return Promise.resolve(null);
    if (!toSimplified) {
      toSimplified = fetch(new URL("pagefind/t2s.json", root).href)
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return toSimplified;
  }

  // The query with each Traditional character that has a Simplified form replaced (no map: as typed).
  function simplified(query, map) {
    if (!map) return query;
    return Array.from(query).map(function (c) { return map[c] || c; }).join("");
  }

  function countLine(n) {
    if (n === 0) return t["search.result.none"] || "No matching documents";
    if (n === 1) return t["search.result.one"] || "1 matching document";
    return (t["search.result.other"] || "# matching documents").replace("#", String(n));
  }

  function filters() {
    var chosen = {};
    for (var i = 0; i < selects.length; i++) {
      if (selects[i].value) chosen[selects[i].getAttribute("data-pf-filter")] = selects[i].value;
    }
    return chosen;
  }

  function options() {
    var opts = { filters: filters() };
    if (sortSelect && sortSelect.value) {
      var parts = sortSelect.value.split(":");
      opts.sort = {};
      opts.sort[parts[0]] = parts[1];
    }
    return opts;
  }

  // Text and <mark> only, whatever the excerpt holds.
  function excerptNodes(html, into) {
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  // On the Traditional site a page may have been found through the Simplified text it holds for search
  // (see build_tools/site/search_index.py): the excerpt is cut from its Traditional text, around the
  // first place that says what the reader typed.
  function traditionalExcerpt(content, query, into) {
    var text = content.replace(/\u200b/g, "");
    var terms = query.split(/\s+/).filter(function (w) { return /[\u3400-\u9fff]/.test(w); });
    var at = -1;
    terms.forEach(function (w) {
      var i = text.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    if (at < 0) return false;
    var start = Math.max(0, at - EXCERPT_BEFORE);
    var piece = text.slice(start, at + EXCERPT_AFTER);
    var pattern = new RegExp(terms.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "g");
    var last = 0;
    piece.replace(pattern, function (match, offset) {
      into.appendChild(document.createTextNode(piece.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.textContent = match;
      into.appendChild(mark);
      last = offset + match.length;
      return match;
    });
    into.appendChild(document.createTextNode(piece.slice(last) + "…"));
    if (start > 0) into.insertBefore(document.createTextNode("…"), into.firstChild);
    return true;
  }

  function item(data, query) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    // Pagefind's meta values are the page's text as written (not HTML).
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    if (data.meta && data.meta.date) {
      var date = document.createElement("time");
      date.className = "pf-date";
      date.textContent = data.meta.date;
      article.appendChild(date);
    }
    var p = document.createElement("p");
    if (!(language === "zh-hant" && query && traditionalExcerpt(data.content || "", query, p))) {
      excerptNodes(data.excerpt || "", p);
    }
    article.appendChild(p);
    var topics = (data.filters && data.filters.topic) || [];
    if (topics.length) {
      var nav = document.createElement("nav");
      nav.className = "md-tags";
      topics.forEach(function (label) {
        var tag = document.createElement("span");
        tag.className = "md-tag";
        tag.textContent = label;
        nav.appendChild(tag);
      });
      article.appendChild(nav);
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function renderMore(mine) {
    var answered = result.getAttribute("data-pf-query") || "";
    if (result.getAttribute("data-pf-state") === "loading") return;
    if (shown >= current.length) {
      if (mine === generation) result.setAttribute("data-pf-state", "done");
      return;
    }
    var batch = current.slice(shown, shown + PAGE);
    shown += batch.length;
    result.setAttribute("data-pf-state", "loading");
    Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
      if (mine !== generation) return;
      all.forEach(function (data) { list.appendChild(item(data, answered)); });
      result.setAttribute("data-pf-state", "done");
    });
  }

  // Results of the query as typed, then those found only by its Simplified form (Traditional site).
  function merged(searches) {
    var seen = {};
    var out = [];
    searches.forEach(function (s) {
      if (!s) return;
      s.results.forEach(function (r) {
        if (!seen[r.id]) { seen[r.id] = true; out.push(r); }
      });
    });
    return out;
  }

  function run() {
    var mine = ++generation;
    var query = input.value.trim();
    var chosen = filters();
    // What the list shows, for tests and assistive tools that wait for an answer to settle.
    result.setAttribute("data-pf-query", query);
    if (!query && !Object.keys(chosen).length) {
      current = []; shown = 0;
      list.textContent = "";
      meta.textContent = t["search.result.placeholder"] || "Type to start searching";
      result.setAttribute("data-pf-state", "done");
      return;
    }
    result.setAttribute("data-pf-state", "searching");
    Promise.all([pagefind(), simplifiedMap()]).then(function (loaded) {
      var pf = loaded[0];
      var map = loaded[1];
      var terms = [query || null];
      if (query) {
        var simple = simplified(query, map);
        // Sorted by date, one search keeps one order: the Simplified text every briefing holds.
        if (simple !== query) terms = sortSelect && sortSelect.value ? [simple] : [query, simple];
      }
      return Promise.all(terms.map(function (q) { return pf.search(q, options()); }));
    }).then(function (searches) {
      if (mine !== generation) return;
      current = merged(searches);
      shown = 0;
      list.textContent = "";
      meta.textContent = countLine(current.length);
      result.removeAttribute("data-pf-state");
      renderMore(mine);
    });
  }

  // While the reader moves to the box and types, Pagefind loads what every search needs (its
  // WebAssembly and the index's meta file) and the index chunks of the words typed so far: the first
  // results then wait only for the search itself. Loading stays lazy: nothing is fetched before the
  // reader comes to the search box.
  function warm() {
    pagefind().then(function (pf) { return pf.init(); }).catch(function () { return null; });
    simplifiedMap();
  }

  function preload(query) {
    if (!query) return;
    Promise.all([pagefind(), simplifiedMap()]).then(function (loaded) {
      var map = loaded[1];
      loaded[0].preload(query);
      var simple = simplified(query, map);
      if (simple !== query) loaded[0].preload(simple);
    }).catch(function () { return null; });
  }

  var timer = 0;
  function schedule() {
    window.clearTimeout(timer);
    preload(input.value.trim());
    timer = window.setTimeout(run, DEBOUNCE_MS);
  }

  function loadFilters() {
    pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
      selects.forEach(function (select) {
        var key = select.getAttribute("data-pf-filter");
        var counts = all[key] || {};
        var names = Object.keys(counts).sort(function (x, y) {
          return key === "year" ? y.localeCompare(x) : x.localeCompare(y, language);
        });
        names.forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          option.textContent = name + " (" + counts[name] + ")";
          select.appendChild(option);
        });
      });
    });
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      open();
      return;
    }
    if (!toggle.checked) {
      if ((event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey
          && !typing(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var all = links();
      if (!all.length) return;
      var at = all.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? all.length - 1 : at - 1);
      event.preventDefault();
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    }
  });

  input.addEventListener("focus", function () { open(); warm(); });
  input.addEventListener("input", schedule);
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { run(); input.focus(); }, 0);
  });
  scroller.addEventListener("scroll", function () {
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40) renderMore(generation);
  });
  selects.forEach(function (select) { select.addEventListener("change", run); });
  if (sortSelect) sortSelect.addEventListener("change", run);
  if (filtersBox) {
    filtersBox.addEventListener("toggle", function once() {
      if (!filtersBox.open) return;
      filtersBox.removeEventListener("toggle", once);
      loadFilters();
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    input.value = params.get("q");
    open();
    run();
  }
  if (params.get("h")) {
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function (module) {
      new module.default({ highlightParam: "h", markContext: "article.md-content__inner", addStyles: false });
    });
  }
})();
