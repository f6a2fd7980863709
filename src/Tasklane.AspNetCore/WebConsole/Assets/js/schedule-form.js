// The worker page's schedule editor shows the fields of the chosen kind only.

import { onContent } from "./live-regions.js";

onContent((root) => {
  const select = root.querySelector?.("[data-kind]");
  if (!select) return;
  const apply = () => document.querySelectorAll("[data-for-kind]").forEach((el) => { el.hidden = el.dataset.forKind !== select.value; });
  select.addEventListener("change", apply);
  apply();
});
