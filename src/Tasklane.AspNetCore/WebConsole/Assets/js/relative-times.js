// Times as "3 minutes ago", in the page's language, with the exact local time on hover. The server renders each
// <time data-rel> with its exact UTC time; the browser's own Intl formats say how long ago that is, and keep saying it
// as time passes (the one thing that changes without the server).

import { lang } from "./page.js";
import { onContent } from "./live-regions.js";

const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" });
const exact = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium" });
const steps = [[60, "second"], [3600, "minute", 60], [86400, "hour", 3600], [Infinity, "day", 86400]];

export function describe(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  const [, unit, size = 1] = steps.find(([limit]) => abs < limit);
  return relative.format(Math.round(seconds / size), unit);
}

function update(root) {
  root.querySelectorAll?.("time[data-rel]").forEach((el) => {
    const date = new Date(el.dateTime);
    if (Number.isNaN(date.getTime())) return;
    el.textContent = describe(date);
    el.title = exact.format(date);
  });
}

onContent(update);
setInterval(() => update(document), 15000);
