/*
 * Filters for the timeline page (/timeline/).
 *
 * The page is complete without this script: every event is in the HTML. The script reads each
 * item's data attributes (data-company, data-kind, data-themes, data-direction, data-outcome),
 * builds one <select> per facet with live counts, and keeps the chosen filters in the URL query
 * (?company=meta&kind=copy) so that a filtered view can be shared and reloads as it was.
 * Option labels come from the hidden .cv-facets lists that the generator writes beside the items;
 * on a page in another language those lists also carry the filters' own words (data-label,
 * data-all, and on .cv-facets data-show-all, data-filter-label, data-count, data-not-a-copy).
 *
 * Past the page limit the timeline is an index with a page per year. The links to the years
 * (.cv-timeline__years) carry the filters of the page's address, so a filtered view stays filtered
 * from year to year, and a filter whose value a year lacks is kept (it shows none of that year's
 * events) rather than dropped. The index has no filters of its own: opened with filters in its
 * address (a shared view, a chapter's link to its copies), it says that its year links keep them.
 */
(function () {
  "use strict";

  // `attribute` is the item's data attribute; `key` is the URL query parameter.
  var FACETS = [
    { key: "company", attribute: "company", label: "Company", all: "All companies" },
    { key: "kind", attribute: "kind", label: "Kind", all: "All kinds" },
    { key: "theme", attribute: "themes", label: "Chapter", all: "All chapters" },
    { key: "direction", attribute: "direction", label: "Direction of copying", all: "All directions" },
    { key: "outcome", attribute: "outcome", label: "Outcome of copies", all: "All outcomes" }
  ];

  // The filters' words in English; a page in another language gives its own (see above).
  var WORDS = { showAll: "Show all", filterLabel: "Filter the timeline", count: "{shown} of {total} events", notACopy: "Not a copy" };

  /** The page's words for the filters, and each facet with its label in the page's language. */
  function localWords(root) {
    var facets = root.querySelector(".cv-facets");
    return Object.assign({}, WORDS, facets ? facets.dataset : {});
  }

  function localFacet(root, facet) {
    var list = root.querySelector('.cv-facets [data-facet="' + facet.key + '"]');
    var data = list ? list.dataset : {};
    return Object.assign({}, facet, { label: data.label || facet.label, all: data.all || facet.all });
  }

  /** "cn-us" -> "CN→US": directions are country codes joined by a hyphen. */
  function directionLabel(value, words) {
    return value === "none" ? words.notACopy : value.toUpperCase().replace("-", "→");
  }

  /** Value -> label, in the order the generator listed them. */
  function readLabels(root, facet) {
    var labels = new Map();
    if (facet.key === "direction") return labels;
    root.querySelectorAll('.cv-facets [data-facet="' + facet.key + '"] > li').forEach(function (li) {
      labels.set(li.dataset.value, li.textContent.trim());
    });
    return labels;
  }

  /** The values that occur in the items, labelled and ordered: known labels first. A `requested`
   * value that none of the items has is an option too when it is a real one (it has a label), so
   * that a year without it still honours it. */
  function facetOptions(facet, items, labels, words, requested) {
    var present = new Set();
    items.forEach(function (item) {
      item.values[facet.key].forEach(function (value) { present.add(value); });
    });
    if (labels.has(requested) || (facet.key === "direction" && /^([a-z]{2}-[a-z]{2}|none)$/.test(requested))) {
      present.add(requested);
    }
    var known = Array.from(labels.keys()).filter(function (value) { return present.has(value); });
    var others = Array.from(present).filter(function (value) { return !labels.has(value); }).sort();
    if (facet.key === "direction") {
      others = others.filter(function (value) { return value !== "none"; });
      if (present.has("none")) others.push("none");
    }
    return known.concat(others).map(function (value) {
      var label = labels.get(value) || (facet.key === "direction" ? directionLabel(value, words) : value);
      return { value: value, label: label };
    });
  }

  function matches(item, state, skipKey) {
    for (var i = 0; i < FACETS.length; i++) {
      var key = FACETS[i].key;
      if (key !== skipKey && state[key] && item.values[key].indexOf(state[key]) === -1) return false;
    }
    return true;
  }

  function element(tag, properties, children) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (name) { node[name] = properties[name]; });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  function setUp(timeline) {
    if (timeline.dataset.filtersReady) return;
    timeline.dataset.filtersReady = "true";
    var root = timeline.parentElement;
    var items = Array.from(timeline.querySelectorAll("li[data-kind]")).map(function (li) {
      var values = {};
      FACETS.forEach(function (facet) {
        values[facet.key] = (li.getAttribute("data-" + facet.attribute) || "").split(" ").filter(Boolean);
      });
      return { element: li, values: values };
    });
    var years = Array.from(timeline.querySelectorAll(".cv-year"));

    var params = new URLSearchParams(window.location.search);
    var state = {};
    var words = localWords(root);
    var controls = FACETS.map(function (facet) {
      facet = localFacet(root, facet);
      var requested = params.get(facet.key) || "";
      var options = facetOptions(facet, items, readLabels(root, facet), words, requested);
      var known = options.some(function (option) { return option.value === requested; });
      state[facet.key] = known ? requested : "";
      var select = element("select", { id: "cv-filter-" + facet.key, name: facet.key }, [
        element("option", { value: "" })
      ].concat(options.map(function (option) {
        return element("option", { value: option.value });
      })));
      select.value = state[facet.key];
      var field = element("div", { className: "cv-filter" }, [
        element("label", { htmlFor: select.id, textContent: facet.label }), select
      ]);
      return { facet: facet, options: options, select: select, field: field };
    });

    var count = element("p", { className: "cv-count" });
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    var reset = element("button", { type: "button", className: "md-button cv-reset", textContent: words.showAll });
    var form = element("form", { className: "cv-filters" },
      controls.map(function (control) { return control.field; }).concat([reset]));
    form.setAttribute("aria-label", words.filterLabel);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var facets = root.querySelector(".cv-facets");  // it kept the form's room: no layout shift
    if (facets) facets.replaceWith(form, count);
    else timeline.before(form, count);

    function writeUrl() {
      var query = new URLSearchParams(window.location.search);
      FACETS.forEach(function (facet) {
        if (state[facet.key]) query.set(facet.key, state[facet.key]);
        else query.delete(facet.key);
      });
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
      keepFilters(query);
    }

    function render() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item, state, null);
        if (item.element.hidden === visible) item.element.hidden = !visible;  // touch only what changes
        if (visible) shown += 1;
      });
      years.forEach(function (year) {
        var empty = !year.querySelector("li[data-kind]:not([hidden])");
        year.hidden = empty;
        var heading = year.querySelector("h2[id]");
        if (heading) {
          // Material lists the table of contents twice: in the sidebar and in the mobile drawer.
          var selector = '.md-nav--secondary a[href="#' + CSS.escape(heading.id) + '"]';
          document.querySelectorAll(selector).forEach(function (link) { link.parentElement.hidden = empty; });
        }
      });
      controls.forEach(function (control) {
        var key = control.facet.key;
        var counts = new Map();
        var total = 0;
        items.forEach(function (item) {
          if (!matches(item, state, key)) return;
          total += 1;
          item.values[key].forEach(function (value) { counts.set(value, (counts.get(value) || 0) + 1); });
        });
        var optionElements = control.select.options;
        optionElements[0].textContent = control.facet.all + " (" + total + ")";
        control.options.forEach(function (option, index) {
          optionElements[index + 1].textContent = option.label + " (" + (counts.get(option.value) || 0) + ")";
        });
      });
      var filtered = FACETS.some(function (facet) { return state[facet.key]; });
      reset.disabled = !filtered;
      count.textContent = words.count.replace("{shown}", shown).replace("{total}", items.length);
    }

    controls.forEach(function (control) {
      control.select.addEventListener("change", function () {
        state[control.facet.key] = control.select.value;
        render();
        writeUrl();
      });
    });
    reset.addEventListener("click", function () {
      controls.forEach(function (control) {
        state[control.facet.key] = "";
        control.select.value = "";
      });
      render();
      writeUrl();
      controls[0].select.focus();
    });

    render();
    writeUrl();
  }

  /** Point each year link at its year with the filters of `query` (and no others). */
  function keepFilters(query) {
    document.querySelectorAll(".cv-timeline__years a[href]").forEach(function (link) {
      var url = new URL(link.href);
      FACETS.forEach(function (facet) {
        if (query.get(facet.key)) url.searchParams.set(facet.key, query.get(facet.key));
        else url.searchParams.delete(facet.key);
      });
      link.href = url.href;
    });
  }

  /** The index of a split timeline, opened with filters in its address. */
  function setUpIndex() {
    var query = new URLSearchParams(window.location.search);
    var note = document.querySelector(".cv-timeline__filtered");
    if (!note || !FACETS.some(function (facet) { return query.get(facet.key); })) return;
    keepFilters(query);
    note.classList.add("cv-timeline__filtered--shown");
  }

  function setUpAll() {
    document.querySelectorAll(".cv-timeline").forEach(setUp);
    setUpIndex();
  }

  // Material publishes each (re)loaded page on document$; without it, wait for the DOM.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
