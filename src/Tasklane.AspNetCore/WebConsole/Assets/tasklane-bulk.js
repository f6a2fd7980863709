// Tasklane console: bulk actions on the task lists (/tasks, /tasks/failed). A checkbox per row, "select all N matching
// this filter", and Retry / Cancel / Run now / Delete on the selection through POST /api/tasks/bulk, confirmed with the
// count and answered with matched / changed / skipped. The selection survives the list's live re-renders.
// Every user string is written with textContent, never innerHTML.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? "";
const selected = new Set();
let allMatching = false;

const bar = () => document.querySelector("[data-bulk]");
const boxes = () => [...document.querySelectorAll("input[data-bulk-id]")];
const fill = (template, values) => (template || "").replace(/\{(\w+)\}/g, (_, k) => (values[k] !== undefined ? String(values[k]) : ""));

function toast(text, kind = "ok") {
  const box = document.getElementById("toasts");
  if (!box) return;
  const item = document.createElement("div");
  item.className = `toast ${kind}`;
  item.setAttribute("role", kind === "error" ? "alert" : "status");
  item.textContent = text;
  box.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 6000);
}

function confirmCount(text) {
  const dialog = document.getElementById("confirm");
  if (!dialog || typeof dialog.showModal !== "function") return Promise.resolve(window.confirm(text));
  dialog.querySelector("[data-confirm-text]").textContent = text;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    dialog.querySelector("[data-confirm-ok]")?.focus();
  });
}

/** How many tasks the selection stands for: the ids ticked, or every task matching the filter. */
function count() {
  const el = bar();
  return allMatching ? Number(el?.dataset.bulkTotal ?? 0) : selected.size;
}

/** Shows the rows' ticks and the bar as the selection is (after any re-render of the list). */
function render() {
  const el = bar();
  if (!el) return;
  const rows = boxes();
  for (const box of rows) box.checked = allMatching || selected.has(box.dataset.bulkId);
  const page = document.querySelector("input[data-bulk-page]");
  if (page) page.checked = rows.length > 0 && rows.every((b) => b.checked);
  const n = count();
  el.hidden = n === 0;
  const label = el.querySelector("[data-bulk-count]");
  const text = allMatching ? el.dataset.bulkAllSelected : fill(el.dataset.bulkSelected, { count: n });
  // Only a real change: writing the same text is a mutation too, and the observer below would loop on it.
  if (label && label.textContent !== text) label.textContent = text;
  const all = el.querySelector("[data-bulk-all]");
  if (all) all.hidden = allMatching;
}

document.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  if (target.matches("input[data-bulk-id]")) {
    if (allMatching) {
      // Leaving "all matching": keep the ticks of this page, less the one just cleared.
      allMatching = false;
      for (const box of boxes()) selected.add(box.dataset.bulkId);
    }
    if (target.checked) selected.add(target.dataset.bulkId);
    else selected.delete(target.dataset.bulkId);
  } else if (target.matches("input[data-bulk-page]")) {
    allMatching = false;
    for (const box of boxes()) target.checked ? selected.add(box.dataset.bulkId) : selected.delete(box.dataset.bulkId);
  } else return;
  render();
});

document.addEventListener("click", async (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target || !bar()?.contains(target)) return;
  if (target.closest("[data-bulk-all]")) {
    allMatching = true;
    render();
  } else if (target.closest("[data-bulk-clear]")) {
    allMatching = false;
    selected.clear();
    render();
  } else if (target.closest("[data-bulk-action]")) {
    await run(target.closest("[data-bulk-action]"));
  }
});

async function run(button) {
  const el = bar();
  const n = count();
  if (n === 0 || !(await confirmCount(fill(button.dataset.confirmTemplate, { count: n })))) return;
  const body = { action: button.dataset.bulkAction };
  if (allMatching) body.filter = JSON.parse(el.dataset.bulkFilter || "{}");
  else body.ids = [...selected].map(Number);
  button.disabled = true;
  try {
    const response = await fetch(el.dataset.bulkUrl, {
      method: "POST",
      headers: { "X-CSRF-TOKEN": meta("csrf-token"), Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const json = await response.json().catch(() => null);
    if (!response.ok) throw new Error(json?.detail || json?.title || `${response.status} ${response.statusText}`);
    toast(fill(el.dataset.bulkDone, json));
    allMatching = false;
    selected.clear();
    // The list changed: show it as it is now (the answer stays in the toast).
    setTimeout(() => location.reload(), 1500);
  } catch (error) {
    toast(error.message, "error");
  } finally {
    button.disabled = false;
  }
}

// The live refresh re-renders the list's main part: tick its new checkboxes again.
new MutationObserver(() => render()).observe(document.body, { childList: true, subtree: true });
render();
