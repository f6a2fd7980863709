// The header's "My tasks" menu: its list is a server-rendered fragment ({prefix}/recent-tasks), fetched when the menu
// opens and every 2 s while it stays open.

/* global htmx */

const menu = document.querySelector("[data-recent]");
const list = menu?.querySelector("[data-recent-list]");
let timer = 0;

function load() {
  clearTimeout(timer);
  if (!menu.open) return;
  htmx.trigger(list, "tasklane:refresh");
  timer = setTimeout(load, 2000);
}

menu?.addEventListener("toggle", load);
