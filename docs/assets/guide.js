/* Evidence behind a citation marker (a link to "#claim-..." with an aria-label, made by the cite macro of
   guide/pages/templates/_macros.md.j2): the quote of each
   claim it cites, in the article's language, with the claim in the page's language. It opens on hover, on
   keyboard focus and on a first tap; a click (or a second tap) follows the marker's link to the claim on
   its source page, which is all a marker does without JavaScript. The claims come from the claims.json
   beside the source's page, fetched the first time one of its markers opens. All text is set as text. */
(function () {
  "use strict";
  var loaded = {};
  var box = null;
  var shownFor = null;
  var hideTimer = null;
  var lastPointer = "mouse";
  var openWhenPressed = false;  /* was the evidence of the pressed marker already shown when the press began? */
  var MARKER = "a[aria-label][href*='#claim-']";

  function marker(target) {
    return target && target.closest ? target.closest(MARKER) : null;
  }

  function claimsUrl(link) {
    var url = new URL(link.href, location.href);
    url.hash = "";
    return url.href.replace(/[^/]*$/, "") + "claims.json";
  }

  function claimIds(link) {
    var listed = link.getAttribute("data-claims");
    return listed ? listed.split(" ") : [decodeURIComponent(link.hash.replace(/^#claim-/, ""))];
  }

  function load(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
      loaded[url].catch(function () { delete loaded[url]; });
    }
    return loaded[url];
  }

  function popup() {
    if (!box) {
      box = document.createElement("div");
      box.id = "guide-evidence";
      box.className = "guide-evidence";
      box.setAttribute("role", "tooltip");
      box.hidden = true;
      box.addEventListener("mouseenter", keep);
      box.addEventListener("mouseleave", hideSoon);
      box.addEventListener("click", function () { if (shownFor) location.href = shownFor.href; });
      document.body.appendChild(box);
    }
    return box;
  }

  function element(tag, className, text, lang) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    if (lang) node.lang = lang;
    return node;
  }

  function fill(data, link) {
    var content = [];
    claimIds(link).forEach(function (id) {
      var claim = data.claims[id];
      if (!claim) return;
      content.push(element("blockquote", "guide-evidence__quote", "\u201c" + claim.quote + "\u201d", data.language));
      content.push(element("p", "guide-evidence__claim", claim.text));
    });
    content.push(element("p", "guide-evidence__source", (link.getAttribute("aria-label") || "") + ": " + data.title));
    popup().replaceChildren.apply(box, content);
  }

  function place(link) {
    var mark = link.getBoundingClientRect();
    var width = Math.min(26 * 16, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(mark.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = (mark.bottom + window.scrollY + 6) + "px";
  }

  function show(link) {
    keep();
    if (shownFor === link && !popup().hidden) return;
    shownFor = link;
    load(claimsUrl(link)).then(function (data) {
      if (shownFor !== link) return;
      fill(data, link);
      box.hidden = false;
      place(link);
      link.setAttribute("aria-describedby", box.id);
    }, function () { shownFor = null; });
  }

  function hide() {
    keep();
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    if (box) box.hidden = true;
  }

  function keep() {
    if (hideTimer) clearTimeout(hideTimer);
    hideTimer = null;
  }

  function hideSoon() {
    keep();
    hideTimer = setTimeout(hide, 300);
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    var link = marker(event.target);
    /* a tap also focuses the marker, which shows its evidence before the click: remember the state before */
    openWhenPressed = !!(link && box && !box.hidden && shownFor === link);
  }, true);
  document.addEventListener("mouseover", function (event) {
    var link = marker(event.target);
    if (link && lastPointer === "mouse") show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = marker(event.target);
    if (link && !(event.relatedTarget && box && box.contains(event.relatedTarget))) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = marker(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    if (marker(event.target)) hideSoon();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) hide();
  });
  document.addEventListener("click", function (event) {
    var link = marker(event.target);
    var tapped = event.pointerType ? event.pointerType !== "mouse" : event.detail > 0 && lastPointer !== "mouse";
    if (link && tapped && !openWhenPressed) {
      event.preventDefault();  /* a first tap opens the evidence; a second one follows the link */
      show(link);
    } else if (!link && box && !box.contains(event.target)) {
      hide();
    }
  });
})();

/* The reader's pick in the language menu is remembered: the site root then stops sending them to their
   browser's language (overrides/main.html). */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link) return;
  try { localStorage.setItem("guide.language", link.getAttribute("hreflang")); } catch (e) { /* private mode */ }
});
