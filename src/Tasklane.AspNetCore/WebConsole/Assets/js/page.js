// What every module reads from the page: its <meta> values, the server's texts (#i18n) and the language.

export const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? "";
export const base = meta("tasklane-base");
export const csrf = meta("csrf-token");
export const i18n = document.getElementById("i18n")?.dataset ?? {};
export const lang = document.documentElement.lang || "en";

/** Fills {name} placeholders of a server text with an API answer's fields. */
export function fill(template, values) {
  return (template || i18n.done || "Done.").replace(/\{(\w+)\}/g, (_, k) => (values && values[k] !== undefined ? String(values[k]) : ""));
}
