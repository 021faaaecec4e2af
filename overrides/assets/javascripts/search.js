/*
 * The search box in the header (overrides/partials/search.html), backed by Pagefind.
 *
 * Nothing of the index is requested until the reader focuses the box (or presses /, s or f, the
 * shortcuts Material's search had): then Pagefind's script is imported from the site's own
 * pagefind/ folder, and each query fetches only the chunks of the index it needs. Pagefind picks
 * the index of the page's <html lang>, so every edition searches its own language. Results are
 * shown as the reader types, with the matched words highlighted, and can be narrowed by company,
 * kind, chapter and year: the filters' values are fetched when the reader opens them, not before
 * (at 10,000 events they weigh more than a query). A link to a page with ?q=words opens the
 * search with those words. When the index cannot be loaded (a preview is rebuilding it, or the
 * network is gone), the box says so, and the reader's next keystroke tries again; so it does when
 * a part of the index failed to arrive, which Pagefind reports as no match at all.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var root = document.querySelector("[data-cv-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;

  var input = root.querySelector("[data-cv-search-query]");
  var form = root.querySelector("[data-cv-search-form]");
  var status = root.querySelector("[data-cv-search-status]");
  var list = root.querySelector("[data-cv-search-results]");
  var more = root.querySelector("[data-cv-search-more]");
  var filterToggle = root.querySelector("[data-cv-search-filters]");
  var filterMenus = document.getElementById(filterToggle.getAttribute("aria-controls"));
  var selects = Array.from(root.querySelectorAll("select[data-filter]"));
  var placeholder = status.textContent.trim();

  // The site's root as an absolute path: Material's configuration names it relative to the page.
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var entryUrl = new URL("pagefind/pagefind-entry.json", base);
  var pagefind = null;
  var started = null;  // the index's entry file as it was when Pagefind loaded the index
  var loading = null;
  var filling = null;
  var attempts = 0;
  var results = [];
  var shown = 0;
  var generation = 0;  // each search's number: results of an older one are dropped

  /** Import Pagefind once; the first call is the first request for anything of the index. After
   * a failure (see failed) it is imported again, at a new address: a browser keeps answering a
   * module address that failed with the same failure. */
  function load() {
    if (!loading) {
      var script = new URL("pagefind/pagefind.js", base);
      if (attempts) script.searchParams.set("attempt", String(attempts));
      attempts += 1;
      loading = Promise.all([import(script.href), entryFile()]).then(function (loaded) {
        pagefind = loaded[0];
        started = loaded[1];
        return pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
      }).then(function () {
        return pagefind.init();
      });
      loading.catch(failed);
    }
    return loading;
  }

  function entryFile() {
    return fetch(entryUrl, { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error(entryUrl + ": " + response.status);
      return response.text();
    });
  }

  /** Pagefind reports a part of the index that it could not fetch as no match, and never asks for
   * it again. So before a search says that nothing matched, check that the index is still there
   * and still the one Pagefind loaded (a preview writes a new one, with new part names, after
   * every save); if not, the search failed. */
  function confirmIndex() {
    return entryFile().then(function (text) {
      if (text !== started) throw new Error("the search index has changed since it was loaded");
    });
  }

  /** The index could not be fetched: say so, and start afresh at the next search, since the
   * module that failed may hold the failure (a preview rebuilds the index after every save). */
  function failed() {
    status.textContent = status.dataset.error;
    if (pagefind) pagefind.destroy();  // its worker, and what it holds of the index
    pagefind = null;
    loading = null;
  }

  /** The filters' values, fetched once, when the reader first opens the filters. */
  function loadFilters() {
    if (!filling) {
      filling = load().then(function () {
        return pagefind.filters();
      }).then(fillFilters);
      filling.catch(function () {
        failed();
        filling = null;  // opening the filters again tries again
      });
    }
    return filling;
  }

  /** One option per value that occurs in the index, with its number of pages. */
  function fillFilters(available) {
    selects.forEach(function (select) {
      var values = available[select.dataset.filter] || {};
      var names = Object.keys(values).sort(function (a, b) {
        return select.dataset.filter === "year" ? b.localeCompare(a) : a.localeCompare(b);
      });
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        option.textContent = name + " (" + values[name] + ")";
        select.append(option);
      });
    });
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.dataset.filter] = select.value;
    });
    return filters;
  }

  /** Pagefind's excerpt is text with <mark> around matches: keep exactly that, as DOM nodes. */
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body;
    var nodes = [];
    parsed.querySelectorAll("p").forEach(function (p) {
      p.childNodes.forEach(function collect(node) {
        if (node.nodeType === Node.TEXT_NODE) {
          nodes.push(document.createTextNode(node.textContent));
        } else if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          nodes.push(mark);
        } else {
          node.childNodes.forEach(collect);
        }
      });
    });
    return nodes;
  }

  function resultItem(data) {
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    var text = document.createElement("p");
    text.append.apply(text, excerptNodes(data.excerpt || ""));
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.append(title, text);
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    link.append(article);
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    item.append(link);
    return item;
  }

  function describe(count) {
    if (count === 0) return status.dataset.none;
    if (count === 1) return status.dataset.one;
    return status.dataset.other.replace("#", String(count));
  }

  /** Show the next page of results: their excerpts are fetched only now, all at once, and each
   * is shown, in order, as soon as it and those above it have arrived. */
  function showMore() {
    var mine = generation;
    var batch = results.slice(shown, shown + PAGE_SIZE).map(function (result) { return result.data(); });
    shown += batch.length;
    return batch.reduce(function (previous, data) {
      return previous.then(function () { return data; }).then(function (item) {
        if (mine === generation) list.append(resultItem(item));
      });
    }, Promise.resolve()).then(function () {
      if (mine === generation) more.hidden = shown >= results.length;
    });
  }

  function search() {
    var query = input.value.trim();
    var filters = chosenFilters();
    generation += 1;
    if (!query && !Object.keys(filters).length) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = placeholder;
      return Promise.resolve();
    }
    var mine = generation;
    return load().then(function () {
      return pagefind.debouncedSearch(query || null, { filters: filters }, 50);
    }).then(function (found) {
      if (!found) return;  // a newer keystroke replaced this search
      return (found.results.length ? Promise.resolve() : confirmIndex()).then(function () {
        if (mine !== generation) return;
        results = found.results;
        shown = 0;
        list.replaceChildren();
        status.textContent = describe(results.length);
        return showMore();
      });
    }).catch(failed);
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function editable(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  input.addEventListener("focus", function () {
    open();
    load();
  });
  input.addEventListener("input", search);
  selects.forEach(function (select) { select.addEventListener("change", search); });
  // A button and a hidden block, not <details>: a closed <details> still lays its menus out on
  // a phone, where they could widen the page.
  filterToggle.addEventListener("click", function () {
    var open = filterMenus.hidden;
    filterMenus.hidden = !open;
    filterToggle.setAttribute("aria-expanded", String(open));
    if (open) loadFilters();
  });
  more.addEventListener("click", showMore);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    window.setTimeout(search);  // after the form has emptied the box
  });
  // The magnifier in the header (a label for the toggle) opens the panel: put the cursor in the box.
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if (["/", "s", "f"].indexOf(event.key) !== -1 && !editable(document.activeElement)) {
        event.preventDefault();
        open();
        input.focus();
        input.select();
      }
      return;
    }
    var items = links();
    var index = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = index === -1 ? (step === 1 ? 0 : items.length - 1) : index + step;
      if (next < 0 || next >= items.length) input.focus();
      else items[next].focus();
    }
  });

  var shared = new URLSearchParams(window.location.search).get("q");
  if (shared) {
    input.value = shared;
    open();
    input.focus();
    search();
  }
})();
