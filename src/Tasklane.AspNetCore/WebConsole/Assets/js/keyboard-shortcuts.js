// Keyboard shortcuts (not while typing in a field): R refreshes the page's content in place, D dashboard, W workers,
// S statistics, ? the help overlay.

import { base, i18n } from "./page.js";
import { refreshMain } from "./live-regions.js";
import { toast } from "./toasts.js";

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

async function refresh() {
  try {
    await refreshMain();
    toast(i18n.done || "Done.");
  } catch (error) {
    toast(`${i18n.failed || "Failed"}: ${error.message}`, "error");
  }
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const help = document.getElementById("help");
  if (event.key === "Escape" && help && !help.hidden) { help.hidden = true; return; }
  switch (event.key) {
    case "?": if (help) help.hidden = !help.hidden; break;
    case "r": case "R": refresh(); break;
    case "d": case "D": location.assign(`${base}/`); break;
    case "w": case "W": location.assign(`${base}/workers`); break;
    case "s": case "S": location.assign(`${base}/statistics`); break;
    default: return;
  }
  event.preventDefault();
});

document.getElementById("help")?.addEventListener("click", (event) => { if (event.target.id === "help") event.currentTarget.hidden = true; });
