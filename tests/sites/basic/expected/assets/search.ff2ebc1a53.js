// The search page: the archive's static index (sitegen/search/), searched in the reader's browser.
//
// A query fetches only what it needs: for each word the list of terms that
// start like it, the postings of the terms it matches, the documents of any
// speaker, topic, place or outlet chosen, and the titles and dates of the
// results shown. Every word must match (the last one as the start of a word,
// so results follow typing); results come newest first, or oldest first.
//
// Names and titles come from content that pull requests change, so they go
// into the page as text, never as HTML. The page's Content-Security-Policy
// runs only the site's own scripts.
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root) { return; }
  var INDEX = root.getAttribute("data-index");
  var BASE = root.getAttribute("data-base");
  var FACETS = [["speaker", "Speaker"], ["topic", "Topic"], ["place", "Place"], ["outlet", "Outlet"]];
  var PAGE = 10;      // results shown at a time
  var SHORT = 8;      // facet values shown before the rest are found by typing
  var FACET_MATCHES = 30; // facet values shown for what is typed in a facet's filter
  var EXPANSIONS = 12; // terms a word's start may stand for, the most common first
  var state = { query: "", chosen: {}, year: "", order: "newest", results: [], shown: 0, token: 0 };
  var meta = null, facets = null, prefixes = [];
  var cache = {};

  function fetchJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(INDEX + path).then(function (response) {
        if (!response.ok) { throw new Error(path + ": " + response.status); }
        return response.json();
      });
    }
    return cache[path];
  }

  // Terms as sitegen/search/terms.py makes them.
  function terms(text) {
    var folded = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    return (folded.match(/[\p{L}\p{N}]+/gu) || []).filter(function (t) { return t.length >= 2; });
  }

  function hex(text) {
    return Array.prototype.map.call(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  // The numbers of a term's or a facet value's documents, as sitegen/search/postings.py writes
  // them: "b" and a bitmap (a bit a document), or "g" and the gaps between them in varints.
  function numbers(text) {
    var bytes = atob(text.slice(1)), out = [], i, bit;
    if (text.charAt(0) === "b") {
      for (i = 0; i < bytes.length; i++) {
        var byte = bytes.charCodeAt(i);
        for (bit = 0; byte && bit < 8; bit++) { if (byte >> bit & 1) { out.push(i * 8 + bit); } }
      }
      return out;
    }
    var at = -1, gap = 0, shift = 0;
    for (i = 0; i < bytes.length; i++) {
      var b = bytes.charCodeAt(i);
      gap += (b & 0x7f) * Math.pow(2, shift);
      if (b & 0x80) { shift += 7; continue; }
      at += gap;
      out.push(at);
      gap = 0;
      shift = 0;
    }
    return out;
  }

  function union(lists) {
    var seen = {};
    lists.forEach(function (list) { list.forEach(function (n) { seen[n] = true; }); });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) { i++; } else { j++; }
    }
    return out;
  }

  // The documents of one word: the term itself, or (as it is typed) the terms it starts.
  function documentsOf(word, whole) {
    var prefix = hex(Array.from(word).slice(0, 2).join(""));
    if (prefixes.indexOf(prefix) < 0) { return Promise.resolve([]); }  // no term starts so
    return fetchJson("terms/" + prefix + ".json").then(function (list) {
      var matched = Object.keys(list).filter(function (term) {
        return whole ? term === word : term.indexOf(word) === 0;
      }).sort(function (a, b) { return list[b][0] - list[a][0]; }).slice(0, whole ? 1 : EXPANSIONS);
      return Promise.all(matched.map(function (term) {
        var file = list[term][1];
        return fetchJson("postings/" + file + ".json").then(function (data) {
          return numbers(file.charAt(0) === "w" ? data : data[term]);
        });
      })).then(union);
    }, function () { return []; });  // no term starts so: no documents
  }

  function chosenDocuments() {
    var kinds = Object.keys(state.chosen);
    return Promise.all(kinds.map(function (kind) {
      return Promise.all(state.chosen[kind].map(function (id) {
        return fetchJson("facet/" + kind + "/" + id + ".json").then(numbers);
      })).then(union);
    }));
  }

  // --- what is shown ------------------------------------------------------------------------

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  var form = element("form", { "class": "search-form", role: "search", action: "" });
  var input = element("input", { id: "search-q", name: "q", type: "search", autocomplete: "off",
                                  placeholder: "Words, names, places…" });
  var year = element("select", { id: "search-year", name: "year", "aria-label": "Year" });
  var order = element("select", { id: "search-sort", "aria-label": "Order of results" });
  order.appendChild(element("option", { value: "newest" }, "Newest first"));
  order.appendChild(element("option", { value: "oldest" }, "Oldest first"));
  form.appendChild(element("label", { "for": "search-q" }, "Search the archive"));
  form.appendChild(input);
  form.appendChild(year);
  form.appendChild(order);
  var facetBox = element("div", { "class": "facets", "aria-label": "Narrow the results" });
  var status = element("p", { "class": "search-status", role: "status", "aria-live": "polite" });
  var list = element("ol", { "class": "results" });
  var more = element("button", { type: "button", "class": "more", hidden: "" }, "Show more results");
  [form, facetBox, status, list, more].forEach(function (node) { root.appendChild(node); });

  // A facet lists its values with the most documents; facets/<facet>.json has them all, fetched
  // when a reader types in the facet's filter.
  function drawFacets() {
    facetBox.textContent = "";
    FACETS.forEach(function (pair) {
      var key = pair[0], listed = facets[key];
      if (!listed || !listed.rows.length) { return; }
      var group = element("fieldset", { "class": "facet" });
      group.appendChild(element("legend", {}, pair[1]));
      var box = null;
      if (listed.values > Math.min(SHORT, listed.rows.length)) {
        box = element("input", { type: "search", "class": "facet-filter", "aria-label": "Find a " + pair[1].toLowerCase(),
                                 placeholder: "Find a " + pair[1].toLowerCase() + "…" });
        group.appendChild(box);
      }
      var options = element("ul", {});
      group.appendChild(options);
      function draw(rows, wanted) {  // rows: [id, name, documents], most documents first
        options.textContent = "";
        var chosen = state.chosen[key] || [], shown = 0;
        rows.forEach(function (row, index) {
          var checked = chosen.indexOf(row[0]) >= 0;
          var fits = wanted ? terms(row[1]).join(" ").indexOf(wanted) >= 0 : index < SHORT;
          if (!(checked || (fits && shown < FACET_MATCHES))) { return; }
          shown += 1;
          var id = "f-" + key + "-" + index;
          var item = element("li", {});
          var check = element("input", { type: "checkbox", id: id });
          check.checked = checked;
          check.addEventListener("change", function () { choose(key, row[0], check.checked); });
          item.appendChild(check);
          var name = element("label", { "for": id }, row[1]);
          name.appendChild(element("span", { "class": "count" }, " " + row[2]));
          item.appendChild(name);
          options.appendChild(item);
        });
        if (wanted && !shown) { options.appendChild(element("li", { "class": "none" }, "None match.")); }
      }
      draw(listed.rows, "");
      if (box) {
        box.addEventListener("input", function () {
          var wanted = terms(box.value).join(" ");
          var all = wanted && listed.values > listed.rows.length ? fetchJson("facets/" + key + ".json")
                                                                 : Promise.resolve(listed.rows);
          all.then(function (rows) {
            if (terms(box.value).join(" ") === wanted) { draw(rows, wanted); }
          }, function () { draw(listed.rows, wanted); });
        });
      }
      facetBox.appendChild(group);
    });
  }

  function choose(key, id, on) {
    var ids = (state.chosen[key] || []).filter(function (v) { return v !== id; });
    if (on) { ids.push(id); }
    if (ids.length) { state.chosen[key] = ids; } else { delete state.chosen[key]; }
    run();
  }

  function showMore() {
    var token = state.token;
    var batch = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += batch.length;
    more.hidden = state.shown >= state.results.length;
    var chunks = {};
    batch.forEach(function (n) { chunks[Math.floor(n / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return fetchJson("docs/" + c + ".json").then(function (docs) { chunks[c] = docs; });
    })).then(function () {
      if (token !== state.token) { return; }
      batch.forEach(function (n) {
        var doc = chunks[Math.floor(n / meta.chunk)][n % meta.chunk];  // [url, title, date, speakers, summary]
        var item = element("li", { "class": "result" });
        var title = element("h2", {});
        title.appendChild(element("a", { href: BASE + doc[0] }, doc[1]));
        item.appendChild(title);
        item.appendChild(element("p", { "class": "meta" }, [doc[2], doc[3]].filter(Boolean).join(" · ")));
        if (doc[4]) { item.appendChild(element("p", { "class": "excerpt" }, doc[4])); }
        list.appendChild(item);
      });
    });
  }

  function run() {
    var token = ++state.token;
    var words = terms(state.query);
    var filtering = Object.keys(state.chosen).length > 0 || state.year;
    if (!words.length && !filtering) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    var typing = /[\p{L}\p{N}]$/u.test(state.query);  // the last word may still be growing
    var lookups = words.map(function (word, i) { return documentsOf(word, !(typing && i === words.length - 1)); });
    return Promise.all([Promise.all(lookups), chosenDocuments()]).then(function (found) {
      if (token !== state.token) { return; }
      var sets = found[0].concat(found[1]);
      var matched = null;
      sets.forEach(function (set) { matched = matched === null ? set : intersect(matched, set); });
      if (matched === null) {  // only a year: every document of it
        matched = [];
        for (var n = 0; n < meta.documents; n++) { matched.push(n); }
      }
      if (state.year) {
        var span = meta.years.filter(function (y) { return String(y[0]) === state.year; })[0];
        matched = span ? matched.filter(function (n) { return n >= span[1] && n <= span[2]; }) : [];
      }
      if (state.order === "newest") { matched = matched.slice().reverse(); }  // numbered oldest first
      state.results = matched;
      state.shown = 0;
      list.textContent = "";
      status.textContent = matched.length === 0 ? "No items match." :
        matched.length === 1 ? "1 item." : matched.length + " items, " + (state.order === "oldest" ? "oldest" : "newest") + " first.";
      return showMore();
    });
  }

  var waiting = null;
  input.addEventListener("input", function () {
    state.query = input.value;
    clearTimeout(waiting);
    waiting = setTimeout(run, 150);
  });
  year.addEventListener("change", function () { state.year = year.value; run(); });
  order.addEventListener("change", function () { state.order = order.value; run(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); state.query = input.value; run(); });
  more.addEventListener("click", showMore);

  Promise.all([fetchJson("meta.json"), fetchJson("facets.json")]).then(function (loaded) {
    meta = loaded[0];
    facets = loaded[1];
    prefixes = meta.prefixes;
    year.appendChild(element("option", { value: "" }, "Any year"));
    meta.years.forEach(function (y) { year.appendChild(element("option", { value: String(y[0]) }, String(y[0]))); });
    drawFacets();
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; state.query = query; }
    return run();
  }).catch(function () {
    status.textContent = "Search could not be loaded. Every item can still be found by browsing, below.";
  });
})();
