// The task detail's tabs (log, data, attempts, subtasks); a swapped page keeps the tab that was open.

import { onContent } from "./live-regions.js";

let current = null;

export function showTab(name) {
  const bar = document.querySelector("[data-tabs]");
  if (!bar || ![...bar.querySelectorAll("[data-tab]")].some((t) => t.dataset.tab === name)) return;
  current = name;
  bar.querySelectorAll("[data-tab]").forEach((t) => t.classList.toggle("active", t.dataset.tab === name));
  document.querySelectorAll("[data-panel]").forEach((p) => { p.hidden = p.dataset.panel !== name; });
}

document.addEventListener("click", (event) => {
  const tab = event.target.closest("[data-tabs] [data-tab]");
  if (tab) showTab(tab.dataset.tab);
});

onContent((root) => {
  if (current && root.querySelector?.("[data-tabs]")) showTab(current);
});
