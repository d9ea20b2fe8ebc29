/*
 * Full-text search in Material's search box, on this language site's Pagefind index (pagefind/ at the
 * site's root, written by build_tools/site/search_index.py). Pagefind fetches only the fragments of the
 * index that the typed words need. Results use Material's markup and classes, so they look like
 * Material's in light and dark mode and on a phone. Keys: "/" or "s" (or Ctrl-K / Cmd-K) open search,
 * Escape closes it, the arrow keys move through the results. ?h= on a result's address highlights the
 * words on that page; ?q= on any page opens search with that query (the 404 page's form).
 * Text from the index is never inserted as HTML: titles are text, and excerpts (Pagefind escapes the
 * page's < and >, and marks the matches) are rebuilt from their text and <mark> elements only.
 * Chinese text is indexed with a space between its words (build_tools/site/search_words.py): the
 * spaces and marks put in for search are taken out of every title and excerpt shown (see visible()).
 * The most frequent words (the, of, 的, 了: data-pf-stop-words) are in no index: they are taken out of
 * a query, and their characters, which the index keeps moved to the Private Use Area, shown as
 * written (see asWritten()).
 */
(function () {
  "use strict";
  var PAGE = 10;             // results rendered at once; more as the list is scrolled
  // Typing pauses shorter than this do not start a search. The index chunks of what is typed are
  // loaded at every key (preload), so the wait after the last key is mostly this: 60 ms rather than
  // 120 ms halved the slowest first results at 3,000 briefings (bench/results/2026-12-06-search-stop-words.txt).
  var DEBOUNCE_MS = 60;

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
  var stopWords = {};
  (dialog.getAttribute("data-pf-stop-words") || "").split(" ").forEach(function (w) {
    if (w) stopWords[w] = true;
  });
  var commonOnly = dialog.getAttribute("data-pf-common") || "";
  var words = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter(language, { granularity: "word" }) : null;
  var t = config.translations || {};

  var engine = null;         // Promise of the Pagefind module, loaded on first use
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

  // Chinese as the index holds it: a space between two words, "^ " where a word meets Latin text
  // (使用^ GPT), "^" between the parts of a long word (人工^智能). A reader sees none of them: a space
  // or "^" goes when Chinese is on both sides of it, a "^ " when Chinese is on either side.
  var CHINESE = /^(?:[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]|(?![\x00-\x7f])[\p{P}\p{S}])$/u;

  function chinese(c) {
    return c !== undefined && CHINESE.test(c);
  }

  // A character of a word the index leaves out, as written: U+E000 + an ASCII code, U+F0000 + any
  // other code of the Basic Multilingual Plane (build_tools/site/search_words.py: hidden()).
  function asWritten(c) {
    var code = c.codePointAt(0);
    if (code >= 0xE000 && code < 0xE080) return String.fromCodePoint(code - 0xE000);
    if (code >= 0xF0000 && code < 0x100000) return String.fromCodePoint(code - 0xF0000);
    return c;
  }

  // The query without its stop words (the index has none of them); "" when it is nothing else.
  // A stop word joined to its neighbour (text-to-image) stays: the index keeps such words whole.
  // A quoted phrase with one loses its quotes: the other words are searched, not as a phrase.
  var JOINER = /^[-'\u2019]$/;
  function searchable(query) {
    var pieces = words ? Array.from(words.segment(query), function (s) { return s.segment; })
      : query.split(/(\s+)/);
    var dropped = false;
    var rest = pieces.map(function (piece, i) {
      if (!stopWords[piece.toLowerCase()]) return piece;
      if (JOINER.test(pieces[i - 1] || "") || JOINER.test(pieces[i + 1] || "")) return piece;
      dropped = true;
      return " ";
    }).join("").replace(/\s+/g, " ").trim();
    if (dropped && rest.indexOf('"') >= 0) rest = rest.replace(/"/g, " ").replace(/\s+/g, " ").trim();
    return rest;
  }

  // For each character of ``chars`` (an array), whether it is shown.
  function visible(chars) {
    var keep = chars.map(function () { return true; });
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (c === "^" && i + 1 === chars.length) {
        keep[i] = false;  // an excerpt that ends inside a "^ " (its next word not shown)
      } else if (c === "^" && chars[i + 1] === " ") {
        if (chinese(chars[i - 1]) || chinese(chars[i + 2])) { keep[i] = false; keep[i + 1] = false; }
        i++;
      } else if ((c === " " || c === "^") && chinese(chars[i - 1]) && chinese(chars[i + 1])) {
        keep[i] = false;
      }
    }
    return keep;
  }

  // A title as written.
  function titleText(text) {
    var chars = Array.from(text).map(asWritten);
    var keep = visible(chars);
    return chars.filter(function (_, i) { return keep[i]; }).join("");
  }

  // Text and <mark> only, whatever the excerpt holds; the index's spaces in Chinese taken out.
  function excerptNodes(html, into) {
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    var chars = [];
    var marked = [];
    doc.body.childNodes.forEach(function (node) {
      var isMark = node.nodeType === 1 && node.nodeName === "MARK";
      Array.from(node.textContent).forEach(function (c) { chars.push(asWritten(c)); marked.push(isMark); });
    });
    var keep = visible(chars);
    var run = "";
    var runMarked = false;
    function flush() {
      if (!run) return;
      if (runMarked) {
        var mark = document.createElement("mark");
        mark.textContent = run;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(run));
      }
      run = "";
    }
    chars.forEach(function (c, i) {
      if (!keep[i]) return;
      if (marked[i] !== runMarked) { flush(); runMarked = marked[i]; }
      run += c;
    });
    flush();
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    // Pagefind's meta values are the page's text as written (not HTML).
    title.textContent = titleText((data.meta && data.meta.title) || data.url);
    article.appendChild(title);
    if (data.meta && data.meta.date) {
      var date = document.createElement("time");
      date.className = "pf-date";
      date.textContent = data.meta.date;
      article.appendChild(date);
    }
    var p = document.createElement("p");
    excerptNodes(data.excerpt || "", p);
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
      all.forEach(function (data) { list.appendChild(item(data)); });
      result.setAttribute("data-pf-state", "done");
    });
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
    var asked = searchable(query);
    if (query && !asked && !Object.keys(chosen).length) {
      current = []; shown = 0;
      list.textContent = "";
      meta.textContent = commonOnly;
      result.setAttribute("data-pf-state", "done");
      return;
    }
    result.setAttribute("data-pf-state", "searching");
    pagefind().then(function (pf) {
      return pf.search(asked || null, options());
    }).then(function (search) {
      if (mine !== generation) return;
      current = search.results;
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
  }

  function preload(query) {
    query = searchable(query);
    if (!query) return;
    pagefind().then(function (pf) { return pf.preload(query); }).catch(function () { return null; });
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
