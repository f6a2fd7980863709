// Filters: inputs show local times while the URL and the API carry UTC ISO times; the statistics presets start at the
// browser's local midnight.

import { onContent } from "./live-regions.js";

const pad2 = (n) => String(n).padStart(2, "0");
const localDate = (d) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
const localDateTime = (d) => `${localDate(d)}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

/** Shows each input's UTC time (data-utc-value, set by the server) as the browser's local date or date-time. */
function localInputs(root) {
  for (const el of root.querySelectorAll?.("input[data-utc-value]") ?? []) {
    const date = new Date(el.dataset.utcValue);
    if (el.dataset.utcValue && !Number.isNaN(date.getTime())) el.value = el.type === "date" ? localDate(date) : localDateTime(date);
  }
}

/** Points the statistics presets at the local start of today, this week (from Monday) or this month. */
function localRanges(root) {
  for (const link of root.querySelectorAll?.("a[data-range]") ?? []) {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    if (link.dataset.range === "week") start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
    if (link.dataset.range === "month") start.setDate(1);
    const url = new URL(link.href, location.href);
    url.searchParams.set("from", start.toISOString());
    link.href = url.pathname + url.search;
  }
}

onContent((root) => { localInputs(root); localRanges(root); });

document.addEventListener("click", (event) => {
  if (event.target.closest?.("a[data-range]")) localRanges(document); // the day may have changed since the page loaded
}, true);

document.addEventListener("submit", (event) => {
  const form = event.target;
  for (const el of form.querySelectorAll("input[data-utc], input[data-date-utc]")) {
    if (!el.value) { el.disabled = true; continue; }
    // Without an offset, Date reads "2030-01-01T10:00" and "2030-01-01T00:00" as local times.
    if (el.hasAttribute("data-utc")) { el.type = "text"; el.value = new Date(el.value).toISOString(); }
    else { el.type = "text"; el.value = new Date(el.value + (el.hasAttribute("data-end") ? "T23:59:59.999" : "T00:00")).toISOString(); }
  }
  for (const el of form.querySelectorAll("input, select")) if (form.method === "get" && el.name && el.value === "") el.disabled = true;
}, true);
