// Tasklane console: live updates, actions, shortcuts and relative times. No build step, no dependencies.
// Every user string is written with textContent, never innerHTML.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? "";
const base = meta("tasklane-base");
const csrf = meta("csrf-token");
const i18n = document.getElementById("i18n")?.dataset ?? {};
const lang = document.documentElement.lang || "en";
const FAST = 2000;
const SLOW = 25000;

// ---- Notifications and confirmation -------------------------------------------------------

function toast(text, kind = "ok") {
  const box = document.getElementById("toasts");
  if (!box) return;
  const item = document.createElement("div");
  item.className = `toast ${kind}`;
  item.setAttribute("role", kind === "error" ? "alert" : "status");
  item.textContent = text;
  box.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}

function confirmDialog(text) {
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

function fill(template, values) {
  return (template || i18n.done || "Done.").replace(/\{(\w+)\}/g, (_, k) => (values && values[k] !== undefined ? String(values[k]) : ""));
}

async function api(url, method = "POST", body) {
  const headers = { "X-CSRF-TOKEN": csrf, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    const detail = json?.detail || json?.title || `${response.status} ${response.statusText}`;
    throw new Error(detail);
  }
  return json;
}

// ---- Buttons that call the API ---------------------------------------------------------------

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-api]");
  if (!button) return;
  event.preventDefault();
  if (button.dataset.confirm && !(await confirmDialog(button.dataset.confirm))) return;
  button.disabled = true;
  try {
    const body = button.dataset.body ? JSON.parse(button.dataset.body) : undefined;
    const result = await api(button.dataset.api, button.dataset.method || "POST", body);
    toast(fill(button.dataset.done, result));
    if (button.dataset.then) { location.assign(button.dataset.then); return; }
    if (button.hasAttribute("data-reload")) await swapMain();
    else refreshNow();
  } catch (error) {
    toast(`${i18n.failed || "Failed"}: ${error.message}`, "error");
  } finally {
    button.disabled = false;
  }
});

// Worker active switches.
document.addEventListener("change", async (event) => {
  const box = event.target.closest("[data-toggle-url]");
  if (!box) return;
  const on = box.checked;
  try {
    await api(`${box.dataset.toggleUrl}/${on ? "activate" : "deactivate"}`);
    toast(on ? box.dataset.on : box.dataset.off);
    const label = box.parentElement.querySelector("span");
    if (label) label.textContent = on ? "✓" : "—";
  } catch (error) {
    box.checked = !on;
    toast(`${i18n.failed || "Failed"}: ${error.message}`, "error");
  }
});

// The "New task" form: worker/action, JSON data, options; on success, the new task's page.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (form.dataset.taskForm === undefined) return;
  event.preventDefault();
  const value = (name) => form.elements[name]?.value ?? "";
  const [worker, action] = value("target").split("/");
  let data;
  try {
    data = JSON.parse(value("data") || "{}");
  } catch (error) {
    toast(`${i18n.failed || "Failed"}: data: ${error.message}`, "error");
    return;
  }
  const body = { worker, action, data, priority: value("priority") };
  if (value("queue")) body.queue = value("queue");
  if (value("run_at")) body.run_at = new Date(value("run_at") + "Z").toISOString();
  try {
    const task = await api(form.dataset.taskForm, "POST", body);
    location.assign(form.dataset.detail + task.id);
  } catch (error) {
    toast(`${i18n.failed || "Failed"}: ${error.message}`, "error");
  }
});

// Forms that send JSON (users, settings) and the worker settings form.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (form.dataset.jsonForm === undefined && form.dataset.workerForm === undefined) return;
  event.preventDefault();
  const submit = form.querySelector("[type=submit]");
  if (submit) submit.disabled = true;
  try {
    let url, method, body;
    if (form.dataset.workerForm !== undefined) {
      url = form.dataset.workerForm; method = "PUT"; body = workerBody(form);
    } else {
      url = form.dataset.jsonForm; method = form.dataset.method || "POST"; body = {};
      for (const el of form.elements) {
        if (!el.name || el.disabled || el.type === "submit") continue;
        // Checkboxes of one name marked data-type="list" send the checked values as an array (permissions).
        if (el.dataset.type === "list") { (body[el.name] ||= []).push(...(el.checked ? [el.value] : [])); continue; }
        body[el.name] = el.dataset.type === "number" ? Number(el.value) : el.type === "checkbox" ? el.checked : el.value;
      }
    }
    const result = await api(url, method, body);
    toast(fill(form.dataset.done, result));
    if (form.hasAttribute("data-reload")) await swapMain();
  } catch (error) {
    toast(`${i18n.failed || "Failed"}: ${error.message}`, "error");
  } finally {
    if (submit) submit.disabled = false;
  }
});

function workerBody(form) {
  const value = (name) => form.elements[name]?.value ?? "";
  const kind = value("kind");
  const schedule = { kind, action: value("action"), enabled: form.elements.enabled?.checked ?? false, time_zone: value("time_zone") || "UTC" };
  if (kind === "once" && value("run_at")) schedule.run_at = new Date(value("run_at") + "Z").toISOString();
  if (kind === "periodic") {
    schedule.period = value("period");
    if (schedule.period === "hourly") schedule.minute = Number(value("minute") || 0);
    else schedule.at = value("at");
    if (schedule.period === "weekly") schedule.day_of_week = value("day_of_week");
  }
  if (kind === "regular") Object.assign(schedule, { every: Number(value("every") || 1), unit: value("unit"), from: value("from"), to: value("to") });
  if (kind === "cron") schedule.cron = value("cron");
  const settings = {};
  for (const el of form.querySelectorAll("[data-setting]")) {
    const type = el.dataset.type;
    settings[el.dataset.setting] = type === "bool" ? el.checked : type === "number" ? (el.value === "" ? null : Number(el.value)) : el.value;
  }
  return { schedule, settings };
}

function showKindFields() {
  const select = document.querySelector("[data-kind]");
  if (!select) return;
  const apply = () => document.querySelectorAll("[data-for-kind]").forEach((el) => { el.hidden = el.dataset.forKind !== select.value; });
  select.addEventListener("change", apply);
  apply();
}

// ---- Relative times -------------------------------------------------------------------------

function relative(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 5) return i18n.now || "just now";
  const text = abs < 60 ? `${abs} ${i18n.s}` : abs < 3600 ? `${Math.round(abs / 60)} ${i18n.m}` : abs < 86400 ? `${Math.round(abs / 3600)} ${i18n.h}` : `${Math.round(abs / 86400)} ${i18n.d}`;
  return (seconds < 0 ? i18n.ago || "{0} ago" : i18n.in || "in {0}").replace("{0}", text);
}

function exact(date) {
  return date.toLocaleString(lang, { dateStyle: "medium", timeStyle: "medium" });
}

function timeElement(iso) {
  if (!iso) { const dash = document.createElement("span"); dash.className = "muted"; dash.textContent = "—"; return dash; }
  const el = document.createElement("time");
  el.dateTime = iso;
  el.dataset.rel = "";
  const date = new Date(iso);
  el.title = exact(date);
  el.textContent = relative(date);
  return el;
}

function updateTimes(root = document) {
  root.querySelectorAll("time[data-rel]").forEach((el) => {
    const date = new Date(el.dateTime);
    if (Number.isNaN(date.getTime())) return;
    el.textContent = relative(date);
    el.title = exact(date);
  });
}

// ---- Task rows: badges, bars, live lists ------------------------------------------------------

const statusText = {};
function rememberStatusTexts() {
  document.querySelectorAll(".badge[data-f=status]").forEach((el) => {
    const s = [...el.classList].find((c) => c.startsWith("s-"))?.slice(2);
    if (s) statusText[s] = el.textContent;
  });
}

function setStatus(el, status) {
  if (!el) return;
  el.className = `badge s-${status}`;
  el.textContent = statusText[status] || status;
}

function setBar(el, progress) {
  if (!el) return;
  const value = Math.round((progress ?? 0) * 10) / 10;
  const bar = el.querySelector("progress");
  if (bar) bar.value = value;
  const pct = el.querySelector(".pct");
  if (pct) pct.textContent = `${value}%`;
}

/** The attempt as AttemptText.razor renders it: "2/3" in the first round, else the server's data-round-format. */
function setAttempt(el, attempt, base, max) {
  if (!el) return;
  el.dataset.base = String(base);
  el.dataset.max = String(max);
  el.textContent = base === 0
    ? `${attempt}/${max}`
    : (el.dataset.roundFormat ?? "{0} ({1}/{2})").replace("{0}", String(attempt)).replace("{1}", String(attempt - base)).replace("{2}", String(max));
}

function signature(task) {
  return [task.id, task.status, task.progress, task.message, task.attempt, task.cancel_requested].join("|");
}

/** Refreshes one [data-live] table from its JSON source; true when anything changed. */
async function refreshTable(table) {
  const response = await fetch(table.dataset.live, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) return false;
  const data = await response.json();
  const items = data.items ?? [];
  const rows = [...table.querySelectorAll("tbody tr[data-task-id]")];
  const shown = rows.map((r) => r.dataset.taskId).join(",");
  const now = items.map((t) => String(t.id)).join(",");
  const seen = table.dataset.sig ?? "";
  const sig = items.map(signature).join(";");
  table.dataset.sig = sig;
  if (shown !== now) return (await swapMain(), true); // rows came or went: re-render the page's main part
  for (const task of items) {
    const row = table.querySelector(`tr[data-task-id="${task.id}"]`);
    if (!row) continue;
    const badge = row.querySelector("[data-f=status]");
    if (badge && !badge.classList.contains(`s-${task.status}`)) setStatus(badge, task.status);
    setBar(row.querySelector("[data-f=bar]"), task.progress);
    const message = row.querySelector("[data-f=message]");
    if (message && message.textContent !== (task.message ?? "")) message.textContent = task.message ?? "";
    setAttempt(row.querySelector("[data-f=attempt]"), task.attempt, task.attempt - (task.round_attempt ?? task.attempt), task.max_attempts);
  }
  // Fast while something moves: a change since the last poll, or (on the first poll) a task that is not final.
  return seen !== sig && (seen !== "" || items.some((t) => t.status === "running" || t.status === "pending"));
}

async function refreshCounters(box) {
  const statuses = ["pending", "running", "completed", "failed"];
  const totals = await Promise.all([...statuses.map((s) => `status=${s}&`), ""].map(async (q) => {
    const r = await fetch(`${base}/api/tasks?${q}page_size=1`, { headers: { Accept: "application/json" } });
    return r.ok ? (await r.json()).total : null;
  }));
  let changed = false;
  [...statuses, "total"].forEach((key, i) => {
    const el = box.querySelector(`[data-count="${key}"]`);
    if (el && totals[i] !== null && el.textContent !== String(totals[i])) { el.textContent = String(totals[i]); changed = true; }
  });
  return changed;
}

/** Fetches this page again and swaps its main part (after an action that changes the list). */
async function swapMain() {
  const activeTab = document.querySelector("[data-tabs] [data-tab].active")?.dataset.tab;
  const response = await fetch(location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
  if (!response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const next = doc.querySelector("main");
  const main = document.querySelector("main");
  if (next && main) {
    main.replaceChildren(...[...next.childNodes].map((n) => document.importNode(n, true)));
    rememberStatusTexts();
    updateTimes(main);
    localInputs(main);
    localRanges(main);
    showKindFields();
    if (activeTab) showTab(activeTab); // a task detail page keeps its tab
    liveTask();
    startSubtasks();
  }
}

// ---- Adaptive polling ---------------------------------------------------------------------------

let delay = FAST;
let timer = 0;

async function tick() {
  let changed = false;
  try {
    for (const table of document.querySelectorAll("[data-live]")) changed = (await refreshTable(table)) || changed;
    const counters = document.querySelector("[data-counters]");
    if (counters) changed = (await refreshCounters(counters)) || changed;
  } catch {
    // A failed poll is retried at the slower pace.
  }
  updateTimes();
  delay = changed ? FAST : Math.min(SLOW, delay * 2);
  schedule();
}

function schedule() {
  clearTimeout(timer);
  if (document.querySelector("[data-live], [data-counters]")) timer = setTimeout(tick, delay);
  else timer = setTimeout(() => { updateTimes(); schedule(); }, 15000);
}

function refreshNow() {
  delay = FAST;
  clearTimeout(timer);
  tick();
}

// ---- Task detail: Server-Sent Events ----------------------------------------------------------

function formatEta(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} ${i18n.s}` : s < 3600 ? `${Math.floor(s / 60)} ${i18n.m} ${s % 60} ${i18n.s}` : `${Math.floor(s / 3600)} ${i18n.h} ${Math.floor((s % 3600) / 60)} ${i18n.m}`;
}

let taskSource = null;

function liveTask() {
  if (taskSource) { taskSource.close(); taskSource = null; } // after a swap, the new page part gets its own stream
  const root = document.querySelector("[data-task-live]");
  if (!root || root.dataset.final === "1" || typeof EventSource === "undefined") return;
  const log = root.querySelector("[data-log]");
  let lastSeq = Number(root.dataset.lastSeq || 0);
  // Only the lines the page has not rendered yet; a reconnect resumes from Last-Event-ID.
  const url = root.dataset.events + (root.dataset.events.includes("?") ? "&" : "?") + "after=" + lastSeq;
  const source = new EventSource(url, { withCredentials: true });
  taskSource = source;
  const field = (name) => root.querySelector(`[data-f="${name}"]`);
  source.addEventListener("log", (event) => {
    const line = JSON.parse(event.data);
    if (line.seq <= lastSeq) return;
    lastSeq = line.seq;
    const li = document.createElement("li");
    li.className = `log-line l-${line.level}`;
    li.dataset.seq = String(line.seq);
    const msg = document.createElement("span");
    msg.className = "log-msg";
    msg.textContent = line.message;
    li.append(timeElement(line.at), msg);
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(li);
    if (atBottom) log.scrollTop = log.scrollHeight;
  });
  source.addEventListener("progress", (event) => {
    const p = JSON.parse(event.data);
    setBar(field("bar"), p.progress);
    if (p.total !== null && p.total !== undefined) field("counts").textContent = `${p.processed ?? 0} / ${p.total}`;
    field("eta").textContent = formatEta(p.eta_seconds);
    field("message").textContent = p.message ?? "";
  });
  source.addEventListener("status", (event) => {
    const s = JSON.parse(event.data);
    if (s.status === "deleted") { source.close(); return; }
    setStatus(field("status"), s.status);
    const attempt = field("attempt");
    if (s.attempt !== undefined && attempt) setAttempt(attempt, s.attempt, Number(attempt.dataset.base || 0), Number(attempt.dataset.max || 1));
    if (s.error) { field("error").hidden = false; field("error-text").textContent = s.error; }
    if (["completed", "failed", "cancelled"].includes(s.status)) {
      source.close();
      field("eta").textContent = "—";
      root.dataset.final = "1";
      setTimeout(swapMain, 300); // buttons and facts follow the final state
    }
  });
  source.onerror = () => { if (root.dataset.final === "1") source.close(); };
}

function showTab(name) {
  const bar = document.querySelector("[data-tabs]");
  if (!bar || ![...bar.querySelectorAll("[data-tab]")].some((t) => t.dataset.tab === name)) return;
  bar.querySelectorAll("[data-tab]").forEach((t) => t.classList.toggle("active", t.dataset.tab === name));
  document.querySelectorAll("[data-panel]").forEach((p) => { p.hidden = p.dataset.panel !== name; });
}

// Delegated, so the tabs keep working after the page's main part is swapped.
document.addEventListener("click", (event) => {
  const tab = event.target.closest("[data-tabs] [data-tab]");
  if (tab) showTab(tab.dataset.tab);
});

// ---- Task detail: subtasks --------------------------------------------------------------------
// While the parent is not final, poll its subtasks (and its status) every 2 s; when anything changed,
// re-fetch the page and swap the subtasks part (table and graph). When the parent ends, swap the whole main part.

let subtaskTimer = 0;
let subtaskSig = "";
let subtaskRun = 0; // one polling loop at a time: a restart makes the older loop stop

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  return response.ok ? response.json() : null;
}

async function swapSubtasks() {
  const response = await fetch(location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
  if (!response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const next = doc.querySelector("[data-subtasks]");
  const box = document.querySelector("[data-subtasks]");
  if (!next || !box) return;
  const fresh = document.importNode(next, true);
  box.replaceWith(fresh);
  updateTimes(fresh);
  const count = document.querySelector("[data-subtask-count]");
  const nextCount = doc.querySelector("[data-subtask-count]");
  if (count && nextCount) count.textContent = nextCount.textContent;
  if (fresh.dataset.liveSubtasks !== "1") await swapMain(); // the parent ended: its facts and buttons follow
}

async function pollSubtasks(run) {
  if (run !== subtaskRun) return;
  const box = document.querySelector("[data-subtasks]");
  if (!box || box.dataset.liveSubtasks !== "1") return;
  try {
    const [list, parent] = await Promise.all([getJson(box.dataset.source), getJson(box.dataset.parentSource)]);
    if (list) {
      const sig = [parent?.status ?? "", ...(list.items ?? []).map((t) => [t.id, t.status, t.progress, t.attempt, t.response_code, t.response_message].join("|"))].join(";");
      const changed = sig !== subtaskSig;
      subtaskSig = sig;
      if (changed) await swapSubtasks();
    }
  } catch {
    // The next poll tries again.
  }
  if (run === subtaskRun && document.querySelector("[data-subtasks]")?.dataset.liveSubtasks === "1") subtaskTimer = setTimeout(pollSubtasks, FAST, run);
}

function startSubtasks() {
  clearTimeout(subtaskTimer);
  subtaskSig = "";
  const run = ++subtaskRun;
  if (document.querySelector("[data-subtasks][data-live-subtasks='1']")) subtaskTimer = setTimeout(pollSubtasks, FAST, run);
}

// ---- Recent tasks dropdown ----------------------------------------------------------------------

function recentTasks() {
  const menu = document.querySelector("[data-recent]");
  if (!menu) return;
  const list = menu.querySelector("[data-recent-list]");
  let handle = 0;
  const load = async () => {
    clearTimeout(handle);
    try {
      const r = await fetch(`${base}/api/user-tasks`, { headers: { Accept: "application/json" } });
      if (r.ok) render((await r.json()).items ?? []);
    } catch { /* next poll */ }
    handle = setTimeout(load, menu.open ? FAST : SLOW);
  };
  const render = (items) => {
    if (items.length === 0) {
      const p = document.createElement("p");
      p.className = "muted";
      p.textContent = i18n.none || "No tasks";
      list.replaceChildren(p);
      return;
    }
    list.replaceChildren(...items.map((t) => {
      const a = document.createElement("a");
      a.href = `${base}/tasks/${t.id}`;
      a.className = "recent-item";
      const title = document.createElement("span");
      title.textContent = `#${t.id} ${t.worker}.${t.action}`;
      const badge = document.createElement("span");
      setStatus(badge, t.status);
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = t.progress ?? 0;
      a.append(title, badge, bar);
      return a;
    }));
  };
  menu.addEventListener("toggle", load);
  load();
}

// ---- Keyboard shortcuts ----------------------------------------------------------------------------

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const help = document.getElementById("help");
  if (event.key === "Escape" && help && !help.hidden) { help.hidden = true; return; }
  switch (event.key) {
    case "?": if (help) help.hidden = !help.hidden; break;
    case "r": case "R": refreshNow(); toast(i18n.done || "Done."); break;
    case "d": case "D": location.assign(`${base}/`); break;
    case "w": case "W": location.assign(`${base}/workers`); break;
    case "s": case "S": location.assign(`${base}/statistics`); break;
    default: return;
  }
  event.preventDefault();
});

document.getElementById("help")?.addEventListener("click", (event) => { if (event.target.id === "help") event.currentTarget.hidden = true; });

// ---- Filters: inputs show local times; the URL and the API carry UTC ISO times ------------------------

const pad2 = (n) => String(n).padStart(2, "0");
const localDate = (d) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
const localDateTime = (d) => `${localDate(d)}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

/** Shows each input's UTC time (data-utc-value, set by the server) as the browser's local date or date-time. */
function localInputs(root = document) {
  for (const el of root.querySelectorAll("input[data-utc-value]")) {
    const date = new Date(el.dataset.utcValue);
    if (el.dataset.utcValue && !Number.isNaN(date.getTime())) el.value = el.type === "date" ? localDate(date) : localDateTime(date);
  }
}

/** Points the statistics presets at the local start of today, this week (from Monday) or this month. */
function localRanges(root = document) {
  for (const link of root.querySelectorAll("a[data-range]")) {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    if (link.dataset.range === "week") start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
    if (link.dataset.range === "month") start.setDate(1);
    const url = new URL(link.href, location.href);
    url.searchParams.set("from", start.toISOString());
    link.href = url.pathname + url.search;
  }
}

document.addEventListener("click", (event) => {
  if (event.target.closest?.("a[data-range]")) localRanges(); // the day may have changed since the page loaded
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

// ---- Start ------------------------------------------------------------------------------------------

rememberStatusTexts();
updateTimes();
localInputs();
localRanges();
showKindFields();
liveTask();
startSubtasks();
recentTasks();
schedule();
