// "Run again" (the task detail's clone form): the edited data must be JSON; the form is sent to
// POST /api/tasks/:id/clone with the page's anti-forgery token, the server's refusal (data that does not fit the
// action, a bad queue) is shown on the page, and a new task opens its detail. Every string is set as text.
const form = document.querySelector("[data-run-again-form]");
const editor = form?.querySelector("[data-json-editor]");
const errorBox = document.querySelector("[data-run-again-error]");
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";

function showError(text) {
  errorBox.textContent = text;
  errorBox.hidden = false;
}

function parse() {
  try {
    const data = JSON.parse(editor.value);
    editor.setCustomValidity("");
    return { data };
  } catch (error) {
    editor.setCustomValidity(error.message);
    return { error: `${form.dataset.badJson}: ${error.message}` };
  }
}

if (form && editor && errorBox) {
  editor.addEventListener("input", parse);
  editor.addEventListener("blur", () => {
    const { data } = parse();
    if (data !== undefined) editor.value = JSON.stringify(data, null, 2);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { data, error } = parse();
    if (error) { showError(error); return; }
    const value = (name) => form.elements[name]?.value ?? "";
    const body = { data, priority: value("priority") };
    if (value("queue")) body.queue = value("queue");
    if (value("run_at")) body.run_at = new Date(value("run_at") + "Z").toISOString();
    const submit = form.querySelector("[type=submit]");
    submit.disabled = true;
    try {
      const response = await fetch(form.dataset.clone, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-TOKEN": csrf, Accept: "application/json", "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => null);
      if (!response.ok) {
        const field = answer?.field ? `${answer.field}: ` : "";
        showError(field + (answer?.detail || answer?.title || `${response.status} ${response.statusText}`));
        return;
      }
      location.assign(form.dataset.detail + answer.id);
    } catch (failure) {
      showError(failure.message);
    } finally {
      submit.disabled = false;
    }
  });
}
