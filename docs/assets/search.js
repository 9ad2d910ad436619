/* The guide's search (overrides/partials/search.html): Pagefind's JS API on the bundle of the page's language
   (in the language's folder: data-bundle). Nothing is loaded until the reader goes to the search field; then
   pagefind.js loads its WebAssembly and the index chunks the query needs. Results are a list of plain links:
   Tab (or the down arrow) moves from the field to them, Escape closes them and goes back to the field.

   Ranking: Pagefind's, with the title and the alternative names (metadata "names", overrides/main.html)
   weighted as in RANKING, after the pages named exactly what the reader typed: a second search, for the
   one-word key of the query (guide/search.py search_key), finds those in the metadata "keys". Pagefind
   scores words, not whole names: without it "e-commerce manager" ties with every page whose title has
   both words. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-guide-search]");
  if (!form) return;
  var input = form.querySelector("input");
  var panel = form.querySelector(".guide-search__results");
  var list = form.querySelector(".guide-search__list");
  var count = form.querySelector(".guide-search__count");
  var status = form.querySelector("[data-guide-search-status]");
  var more = form.querySelector(".guide-search__more");
  var PAGE = 10;
  // Pagefind's defaults but a milder page-length penalty (default 0.75) and a title match worth twice the default
  // 5 (names like the default title): compared on the real content in each language, e.g. "leading teams" then
  // has "Leading e-commerce teams" first. The other parameters made no difference there.
  var RANKING = { pageLength: 0.4, metaWeights: { title: 10.0, names: 5.0 } };
  var pagefind = null;
  var results = [];
  var shown = 0;
  var latest = 0;
  var timer = null;

  function load() {
    if (!pagefind) {
      var bundle = new URL(form.getAttribute("data-bundle"), location.href).href;
      pagefind = import(bundle + "pagefind.js").then(function (api) {
        return api.options({ ranking: RANKING, excerptLength: 20 }).then(function () { api.init(); return api; });
      });
    }
    return pagefind;
  }

  function key(text) { // as search_key in guide/search.py
    return "zq" + text.normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]|\p{M}/gu, "") + "qz";
  }

  function say(total) {
    var text = total === 0 ? form.getAttribute("data-none")
      : total === 1 ? form.getAttribute("data-one")
      : form.getAttribute("data-other").replace("#", total);
    count.textContent = text;
    status.textContent = text;
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(link);
    if (data.excerpt) {
      var excerpt = document.createElement("p");
      excerpt.innerHTML = data.excerpt; // Pagefind escapes the page's text and adds only <mark>
      li.appendChild(excerpt);
    }
    return li;
  }

  function showMore(run) {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (run !== latest) return;
      pages.forEach(function (data) { list.appendChild(item(data)); });
      more.hidden = shown >= results.length;
    });
  }

  function open(on) {
    panel.hidden = !on;
  }

  function search() {
    var query = input.value.trim();
    var run = ++latest;
    if (!query) { open(false); status.textContent = ""; return; }
    clearTimeout(timer);
    timer = setTimeout(function () {
      load().then(function (api) {
        return Promise.all([api.search(key(query)), api.search(query)]);
      }).then(function (found) {
        if (run !== latest) return; // a later keystroke took over
        var ids = found[0].results.map(function (r) { return r.id; });
        var named = found[1].results.filter(function (r) { return ids.indexOf(r.id) >= 0; }); // excerpts of the query
        var exact = named.length === ids.length ? named : found[0].results;
        results = exact.concat(found[1].results.filter(function (r) { return ids.indexOf(r.id) < 0; }));
        shown = 0;
        list.textContent = "";
        say(results.length);
        open(true);
        return showMore(run);
      });
    }, 150);
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  more.addEventListener("click", function () {
    var index = shown;
    showMore(latest).then(function () {
      var link = list.querySelectorAll("a")[index];
      if (link) link.focus();
    });
  });
  form.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      if (panel.hidden) { input.blur(); return; }
      open(false);
      input.focus();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      open(true);
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  form.addEventListener("focusin", function (event) { // coming back to the field from elsewhere
    if (!form.contains(event.relatedTarget) && input.value.trim() && list.childElementCount) open(true);
  });
  form.addEventListener("focusout", function (event) { // tabbing away (a click outside: below)
    if (event.relatedTarget && !form.contains(event.relatedTarget)) open(false);
  });
  document.addEventListener("pointerdown", function (event) {
    if (!form.contains(event.target)) open(false);
  });
  /* "/" anywhere (but in a field) goes to the search field, as Material's search did. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    input.focus();
  });
})();
