// The task detail page follows its task by Server-Sent Events (/api/tasks/{id}/events): new log lines are appended,
// the progress bar and counts move at once; what the server formats (status, ETA, attempts, buttons, subtasks) is
// fetched again as the page's live regions, at most once a second. When the task ends, the whole page part is.

import { refreshMain, refreshRegions, onContent } from "./live-regions.js";
import { describe } from "./relative-times.js";

let source = null;
let pending = new Set();
let timer = 0;

function soon(ids) {
  ids.forEach((id) => pending.add(id));
  if (timer) return;
  timer = setTimeout(() => {
    timer = 0;
    const ids = [...pending];
    pending = new Set();
    refreshRegions({ ids });
  }, 1000);
}

function logLine(line) {
  const li = document.createElement("li");
  li.className = `log-line l-${line.level}`;
  li.dataset.seq = String(line.seq);
  const time = document.createElement("time");
  time.dateTime = line.at;
  time.dataset.rel = "";
  time.textContent = describe(new Date(line.at));
  const msg = document.createElement("span");
  msg.className = "log-msg";
  msg.textContent = line.message;
  li.append(time, msg);
  return li;
}

function setBar(root, progress) {
  const bar = root.querySelector("[data-f=bar] progress");
  if (bar) bar.value = progress ?? 0;
  const pct = root.querySelector("[data-f=bar] .pct");
  if (pct) pct.textContent = `${Math.round((progress ?? 0) * 10) / 10}%`;
}

function start(root) {
  source?.close();
  source = null;
  if (root.dataset.final === "1" || typeof EventSource === "undefined") return;
  const log = root.querySelector("[data-log]");
  let lastSeq = Number(root.dataset.lastSeq || 0);
  // Only the lines the page has not rendered yet; a reconnect resumes from Last-Event-ID.
  const url = root.dataset.events + (root.dataset.events.includes("?") ? "&" : "?") + "after=" + lastSeq;
  const stream = new EventSource(url, { withCredentials: true });
  source = stream;
  // The first status and progress events tell what the page already shows.
  let seenStatus = false;
  let seenProgress = false;
  stream.addEventListener("log", (event) => {
    const line = JSON.parse(event.data);
    if (line.seq <= lastSeq) return;
    lastSeq = line.seq;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(logLine(line));
    if (atBottom) log.scrollTop = log.scrollHeight;
  });
  stream.addEventListener("progress", (event) => {
    const p = JSON.parse(event.data);
    setBar(root, p.progress);
    const counts = root.querySelector("[data-f=counts]");
    if (counts && p.total !== null && p.total !== undefined) counts.textContent = `${p.processed ?? 0} / ${p.total}`;
    const message = root.querySelector("[data-f=message]");
    if (message) message.textContent = p.message ?? "";
    // The subtasks' table is fetched again only when there are subtasks (a step's end moves the parent's progress).
    if (seenProgress) soon(document.querySelector("[data-subtask-table]") ? ["task-facts", "task-subtasks"] : ["task-facts"]);
    seenProgress = true;
  });
  stream.addEventListener("status", (event) => {
    const s = JSON.parse(event.data);
    if (s.status === "deleted") { stream.close(); return; }
    if (["completed", "failed", "cancelled"].includes(s.status)) {
      stream.close();
      root.dataset.final = "1";
      setTimeout(refreshMain, 300); // buttons and facts follow the final state
      return;
    }
    if (seenStatus) soon(["task-facts", "task-actions", "task-error", "task-subtasks", "subtask-count"]);
    seenStatus = true;
  });
  stream.onerror = () => { if (root.dataset.final === "1") stream.close(); };
}

onContent((root) => {
  const live = root.matches?.("[data-task-live]") ? root : root.querySelector?.("[data-task-live]");
  if (live) start(live);
});
