// What Material's "content" and "palette" components did, without measuring the page at start.
//
// overrides/hooks/startup.py explains why Material no longer mounts those two components here
// (they cost a phone most of each page's blocking time) and what it builds into the pages in
// their place: the copy buttons, which Material's page-wide clipboard handler still serves, and
// the tables' scroll wrappers. This file does the rest, with listeners that wait for the reader
// and with no layout read while the page starts:
//
// 1. the palette toggle: the scheme on <body>, which of the two buttons shows, the choice kept
//    for the next pages (Material's own `__palette` entry, which its inline script reads);
// 2. tabs: choosing "PyTorch" or "Keras" switches every tab set on the page, keeps the clicked
//    set where it was on screen, and is remembered for the next pages (Material's `__tabs`
//    entry, which its inline script applies as each page loads);
// 3. `?h=terms` (what a search result links to): the terms are marked on the page;
// 4. a box that scrolls sideways (code, a notebook cell or output, a table, display math) is
//    reachable by Tab, so a keyboard can scroll it (axe-core: scrollable-region-focusable);
// 5. a link into a closed <details> opens it; printing opens them all.
// Everything here is checked in Chromium by tests/test_startup.py.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var features = config.features || [];

  // 1. The palette ------------------------------------------------------------------------
  var palette = document.querySelector('[data-rx-component="palette"]');
  if (palette) {
    var inputs = Array.prototype.slice.call(palette.querySelectorAll("input[name=__palette]"));
    var COLORS = ["media", "scheme", "primary", "accent"];
    var colorOf = function (input) {
      var color = {};
      COLORS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
      return color;
    };
    // Each input's label is the button that switches to the *next* palette: show the current
    // input's label only.
    var show = function (index) {
      inputs.forEach(function (input, i) {
        var label = input.nextElementSibling;
        if (label instanceof HTMLElement) label.hidden = i !== index;
      });
    };
    // The scheme on <body> was set before the first paint (saved choice, else the browser's
    // preference): mark the matching input, without writing to <body> again.
    var scheme = document.body.getAttribute("data-md-color-scheme");
    var current = inputs.findIndex(function (input) {
      return input.getAttribute("data-md-color-scheme") === scheme;
    });
    if (current < 0) current = 0;
    inputs[current].checked = true;
    show(current);
    palette.addEventListener("change", function (event) {
      var index = inputs.indexOf(event.target);
      if (index < 0) return;
      var color = colorOf(inputs[index]);
      // No colour transitions while the whole page changes scheme (Material's own switch).
      document.body.setAttribute("data-md-color-switching", "");
      COLORS.forEach(function (key) { document.body.setAttribute("data-md-color-" + key, color[key]); });
      show(index);
      __md_set("__palette", { index: index, color: color });
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
      });
    });
    // By keyboard, Tab reaches the palette's radio input ("Switch to dark mode"); arrow keys
    // switch it natively, and Enter switches to the next palette, keeping the focus on the
    // palette (as Material's component did).
    palette.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var now = inputs.findIndex(function (input) { return input.checked; });
      var next = inputs[(now + 1) % inputs.length];
      next.click();
      next.focus();
    });
  }

  // 2. Tabs that switch together ----------------------------------------------------------
  if (features.indexOf("content.tabs.link") >= 0) {
    document.addEventListener("change", function (event) {
      var input = event.target;
      if (!(input instanceof HTMLInputElement) || !input.parentElement ||
          !input.parentElement.classList.contains("tabbed-set")) return;
      var set = input.parentElement;
      var label = set.querySelector('.tabbed-labels > label[for="' + CSS.escape(input.id) + '"]');
      if (!label) return;
      var name = label.textContent.trim();
      var before = set.getBoundingClientRect().top;
      // Checking a radio from a script fires no change event: no cascade.
      document.querySelectorAll(".tabbed-set").forEach(function (other) {
        if (other === set) return;
        other.querySelectorAll(":scope > .tabbed-labels > label").forEach(function (each) {
          if (each.textContent.trim() === name) document.getElementById(each.htmlFor).checked = true;
        });
      });
      // Sets above this one may have changed height: keep the clicked set where it was.
      window.scrollBy(0, set.getBoundingClientRect().top - before);
      var seen = __md_get("__tabs") || [];
      __md_set("__tabs", [name].concat(seen.filter(function (each) { return each !== name; })));
    });
  }

  // 3. Search terms marked on the page ----------------------------------------------------
  // The terms come from the address, i.e. from anyone: they are matched as plain text (escaped
  // for the RegExp) and marked with created elements, never parsed as markup.
  var content = document.querySelector('[data-rx-component="content"]');
  var wanted = new URLSearchParams(location.search).get("h");
  if (content && wanted && features.indexOf("search.highlight") >= 0) {
    var terms = wanted.split(/[\s:"+\-~^*]+/).filter(function (term) {
      return term.length >= 2 && term.length <= 64;
    }).slice(0, 10).map(function (term) { return term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (terms.length) {
      var pattern = new RegExp("(" + terms.join("|") + ")", "gi");
      var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          return node.parentElement.closest("script, style, mark, svg, .md-code__nav")
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        },
      });
      var found = [];
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        pattern.lastIndex = 0;
        if (pattern.test(node.data)) found.push(node);
      }
      found.forEach(function (node) {
        var parts = node.data.split(pattern);  // the capture group keeps the matches, at odd places
        var pieces = document.createDocumentFragment();
        parts.forEach(function (part, i) {
          if (!part) return;
          if (i % 2) {
            var mark = document.createElement("mark");
            mark.setAttribute("data-md-highlight", "");
            mark.textContent = part;
            pieces.appendChild(mark);
          } else {
            pieces.appendChild(document.createTextNode(part));
          }
        });
        node.replaceWith(pieces);
      });
    }
  }

  // 4. Boxes that scroll sideways are reachable by Tab --------------------------------------
  // A ResizeObserver reports each box after it is laid out (and again when the window
  // changes), so its widths are read when they are known anyway, never forcing a layout.
  var BOXES = ".md-typeset pre > code, .md-typeset__scrollwrap, .md-typeset math[display=block], " +
    ".jupyter-wrapper .highlight-ipynb, .jupyter-wrapper .jp-OutputArea-output";
  var ours = new WeakSet();
  var sized = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var box = entry.target;
      if (box.scrollWidth > box.clientWidth) {
        if (!box.hasAttribute("tabindex")) { box.tabIndex = 0; ours.add(box); }
      } else if (ours.has(box)) {
        box.removeAttribute("tabindex");
        ours.delete(box);
      }
    });
  });
  document.querySelectorAll(BOXES).forEach(function (box) { sized.observe(box); });

  // 5. <details> ----------------------------------------------------------------------------
  var openTarget = function () {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (malformed) { return; }
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var box = target.closest("details"); box; box = box.parentElement.closest("details")) {
      if (!box.open) { box.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  };
  openTarget();
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (box) { box.open = true; });
  });
})();
