// Buttons and forms that call the HTTP API: [data-api] buttons, worker active switches, the New task form, JSON forms
// (users, settings) and the worker settings form. Each says how it went in a notification; then the page's parts that
// changed are fetched again from the server (live-regions.js): data-reload → the whole <main>, data-refresh="id …" →
// those regions, else the page's live regions.

import { api } from "./api.js";
import { confirmDialog } from "./confirm-dialog.js";
import { fill, i18n } from "./page.js";
import { refreshMain, refreshRegions } from "./live-regions.js";
import { toast } from "./toasts.js";

const failed = (error) => toast(`${i18n.failed || "Failed"}: ${error.message}`, "error");

function afterAction(element) {
  if (element.hasAttribute("data-reload")) return refreshMain();
  const ids = element.dataset.refresh?.split(" ").filter(Boolean);
  refreshRegions(ids && ids.length > 0 ? { ids } : {});
  return undefined;
}

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
    await afterAction(button);
  } catch (error) {
    failed(error);
  } finally {
    button.disabled = false;
  }
});

// Worker active switches: the row is rendered again by the server, so its label keeps the server's wording.
document.addEventListener("change", async (event) => {
  const box = event.target.closest("[data-toggle-url]");
  if (!box) return;
  const on = box.checked;
  try {
    await api(`${box.dataset.toggleUrl}/${on ? "activate" : "deactivate"}`);
    toast(on ? box.dataset.on : box.dataset.off);
    await afterAction(box);
  } catch (error) {
    box.checked = !on;
    failed(error);
  }
});

// The New task form: worker/action, JSON data, options; on success, the new task's page.
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
    failed(error);
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
    if (form.hasAttribute("data-reload") || form.dataset.refresh) await afterAction(form);
  } catch (error) {
    failed(error);
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
