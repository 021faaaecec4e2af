/*
 * The feed links in <head> stay in the HTML for feed readers, which read the page's source.
 * Material's script, though, fetches a sitemap.xml for every <link rel="alternate"> (to map
 * pages between languages), so each page view downloaded the whole sitemap once per feed: take
 * the feeds out of its way before it looks (it looks once the document has loaded). Links to
 * other languages (hreflang) are left to it.
 */
(function () {
  "use strict";
  document.querySelectorAll('link[rel="alternate"][type]').forEach(function (link) {
    link.setAttribute("rel", "feed");
  });
})();
