// Calls to the HTTP API with the session's anti-forgery token; a refusal becomes an Error with the problem's detail.

import { csrf } from "./page.js";

export async function api(url, method = "POST", body) {
  const headers = { "X-CSRF-TOKEN": csrf, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new Error(json?.detail || json?.title || `${response.status} ${response.statusText}`);
  return json;
}
