// The one way the console updates itself: server-rendered parts of the page, swapped in place by htmx.
// A live region is an element with data-region, an id and hx-get/hx-select of the page it belongs to (LiveRegion.razor);
// htmx fetches the page with HX-Request (the server then renders only <main>) and swaps the region's new rendering in.
// Nothing here formats data: the HTML is the server's.

/* global htmx */

/** A region the user is working in (a ticked box, an open detail, a focused field) waits until they are done. */
function busy(region) {
  return region.querySelector("input[type=checkbox]:checked:not([data-toggle-url]), details[open]") !== null
    || (region.contains(document.activeElement) && document.activeElement.matches("input, select, textarea"));
}

/** Asks every live region of the page (or those with the given ids) to fetch itself again; busy ones skip a signal from the feed. */
export function refreshRegions({ ids, fromFeed = false } = {}) {
  for (const region of document.querySelectorAll("[data-region]")) {
    if (ids && !ids.includes(region.id)) continue;
    if (fromFeed && busy(region)) continue;
    htmx.trigger(region, "tasklane:refresh");
  }
}

/** Fetches the whole page again and swaps its <main> (R, and after an action that changes the page). */
export function refreshMain() {
  return htmx.ajax("GET", location.href, { target: "main", select: "main", swap: "outerHTML" });
}

/** Runs setup(root) for the page's content now (modules run once the page is parsed) and for every part htmx swaps in later. */
export function onContent(setup) {
  setup(document.body);
  htmx.on("htmx:load", (event) => { if (event.detail.elt !== document.body) setup(event.detail.elt); });
}
