// The search page: Pagefind's index, searched in the reader's browser, shown by this script.
//
// Everything the index holds (titles, names, excerpts) comes from content that
// pull requests change, so nothing of it is ever given to the page as HTML: text
// goes in as text, and an excerpt's <mark> highlights are rebuilt element by
// element from the words around them. The page's Content-Security-Policy allows
// only scripts from the site itself, so no markup planted in the index could run.
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root) { return; }
  var bundle = root.getAttribute("data-bundle");
  var base = root.getAttribute("data-base");
  var FACETS = [["speaker", "Speaker"], ["topic", "Topic"], ["place", "Place"], ["year", "Year"]];
  var PAGE = 10;      // results shown at a time
  var SHORT = 8;      // facet values shown before "show all"
  var state = { query: "", chosen: {}, sort: "relevance", results: [], shown: 0, token: 0 };
  var pagefind = null;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // An excerpt as text with its highlights, whatever else the string holds.
  function excerptNode(excerpt) {
    var out = element("p", { "class": "excerpt" });
    var parsed = new DOMParser().parseFromString("<body>" + (excerpt || ""), "text/html");
    (function copy(from) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          out.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
          out.appendChild(element("mark", {}, node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          copy(node);
        }
      });
    })(parsed.body);
    return out;
  }

  // --- the form ---------------------------------------------------------------------------

  var form = element("form", { "class": "search-form", role: "search", action: "" });
  var label = element("label", { "for": "search-q" }, "Search the archive");
  var input = element("input", { id: "search-q", name: "q", type: "search", autocomplete: "off",
                                  placeholder: "Words, names, places…" });
  var sort = element("select", { id: "search-sort", "aria-label": "Order of results" });
  sort.appendChild(element("option", { value: "relevance" }, "Best match first"));
  sort.appendChild(element("option", { value: "newest" }, "Newest first"));
  sort.appendChild(element("option", { value: "oldest" }, "Oldest first"));
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sort);
  var facets = element("div", { "class": "facets", "aria-label": "Narrow the results" });
  var status = element("p", { "class": "search-status", role: "status", "aria-live": "polite" });
  var list = element("ol", { "class": "results" });
  var more = element("button", { type: "button", "class": "more", hidden: "" }, "Show more results");
  root.appendChild(form);
  root.appendChild(facets);
  root.appendChild(status);
  root.appendChild(list);
  root.appendChild(more);

  // --- facets: values by count, zeros hidden, long lists filtered by typing -----------------

  function drawFacets(counts) {
    facets.textContent = "";
    FACETS.forEach(function (pair) {
      var key = pair[0];
      var values = Object.keys(counts[key] || {})
        .filter(function (value) { return counts[key][value] > 0 || (state.chosen[key] || []).indexOf(value) >= 0; })
        .sort(function (a, b) {
          if (key === "year") { return Number(b) - Number(a); }
          return counts[key][b] - counts[key][a] || a.localeCompare(b);
        });
      if (!values.length) { return; }
      var group = element("fieldset", { "class": "facet" });
      group.appendChild(element("legend", {}, pair[1]));
      var box = null;
      if (values.length > SHORT) {
        box = element("input", { type: "search", "class": "facet-filter", "aria-label": "Find a " + pair[1].toLowerCase(),
                                 placeholder: "Find a " + pair[1].toLowerCase() + "…" });
        group.appendChild(box);
      }
      var options = element("ul", {});
      values.forEach(function (value, index) {
        var id = "f-" + key + "-" + index;
        var item = element("li", {});
        var check = element("input", { type: "checkbox", id: id });
        check.checked = (state.chosen[key] || []).indexOf(value) >= 0;
        check.addEventListener("change", function () { choose(key, value, check.checked); });
        item.appendChild(check);
        var name = element("label", { "for": id }, value);
        name.appendChild(element("span", { "class": "count" }, " " + (counts[key][value] || 0)));
        item.appendChild(name);
        if (index >= SHORT && !check.checked) { item.hidden = true; }
        options.appendChild(item);
      });
      group.appendChild(options);
      if (box) {
        box.addEventListener("input", function () {
          var wanted = box.value.trim().toLowerCase();
          Array.prototype.forEach.call(options.children, function (item, index) {
            var text = item.querySelector("label").firstChild.textContent.toLowerCase();
            item.hidden = wanted ? text.indexOf(wanted) < 0 : index >= SHORT;
          });
        });
      }
      facets.appendChild(group);
    });
  }

  function choose(key, value, on) {
    var values = (state.chosen[key] || []).filter(function (v) { return v !== value; });
    if (on) { values.push(value); }
    if (values.length) { state.chosen[key] = values; } else { delete state.chosen[key]; }
    run();
  }

  // --- results ------------------------------------------------------------------------------

  function showMore() {
    var token = state.token;
    var batch = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += batch.length;
    more.hidden = state.shown >= state.results.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (found) {
      if (token !== state.token) { return; }
      found.forEach(function (data) {
        var meta = data.meta || {};
        var item = element("li", { "class": "result" });
        var title = element("h3", {});
        title.appendChild(element("a", { href: data.url }, meta.title || data.url));
        item.appendChild(title);
        var line = [meta.date_shown, meta.speakers].filter(Boolean).join(" · ");
        if (line) { item.appendChild(element("p", { "class": "meta" }, line)); }
        item.appendChild(excerptNode(data.excerpt));
        list.appendChild(item);
      });
    });
  }

  function run() {
    var token = ++state.token;
    var query = state.query.trim();
    var filters = {};
    Object.keys(state.chosen).forEach(function (key) { filters[key] = { any: state.chosen[key] }; });
    var options = { filters: filters };
    if (state.sort === "newest") { options.sort = { date: "desc" }; }
    if (state.sort === "oldest") { options.sort = { date: "asc" }; }
    var chosen = Object.keys(filters).length > 0;
    if (!query && !chosen) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      return pagefind.filters().then(function (counts) { if (token === state.token) { drawFacets(counts); } });
    }
    return pagefind.search(query || null, options).then(function (search) {
      if (token !== state.token || !search) { return; }
      state.results = search.results;
      state.shown = 0;
      list.textContent = "";
      var count = search.results.length;
      status.textContent = count === 0 ? "No items match." : count === 1 ? "1 item." : count + " items.";
      drawFacets(search.filters);
      return showMore();
    });
  }

  var waiting = null;
  input.addEventListener("input", function () {
    state.query = input.value;
    clearTimeout(waiting);
    waiting = setTimeout(run, 200);
  });
  sort.addEventListener("change", function () { state.sort = sort.value; run(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); state.query = input.value; run(); });
  more.addEventListener("click", showMore);

  import(bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: base });
  }).then(function () {
    return pagefind.filters();  // loaded once: searches then count their results per value
  }).then(function () {
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; state.query = query; }
    return run();
  }).catch(function () {
    status.textContent = "Search could not be loaded. Every item can still be found by browsing, below.";
  });
})();
