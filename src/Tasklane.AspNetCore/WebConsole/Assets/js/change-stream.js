// The page's change signal: on the pages that follow it (body[data-changes]), while the page has live regions and is visible, one Server-Sent Events stream ({prefix}/live)
// says when tasks changed (at most once a second, fed by the engine's notifications and one store read per tick for
// all pages); each signal makes the regions fetch themselves again. A hidden tab closes its stream; when it shows again,
// the stream resumes from the last signal it saw, and a change made meanwhile is signalled at once.

import { refreshRegions } from "./live-regions.js";

const url = document.body.dataset.changes;
let source = null;
let lastId = document.body.dataset.stamp ?? "";

function open() {
  if (source || !url || !document.querySelector("[data-region]") || typeof EventSource === "undefined") return;
  source = new EventSource(`${url}?stamp=${encodeURIComponent(lastId)}`, { withCredentials: true });
  source.addEventListener("changed", (event) => {
    lastId = event.lastEventId || lastId;
    refreshRegions({ fromFeed: true });
  });
}

function close() {
  source?.close();
  source = null;
}

document.addEventListener("visibilitychange", () => (document.hidden ? close() : open()));
window.addEventListener("pagehide", close);
open();
