// "Run again" (the task detail's clone form): checks that the edited data is JSON before the form is sent, and
// formats it. The server checks it again against the action, and shows its refusal on the page.
const form = document.querySelector('[data-run-again-form]');
const editor = form?.querySelector('[data-json-editor]');

if (form && editor) {
  const check = () => {
    try {
      JSON.parse(editor.value);
      editor.setCustomValidity('');
      return true;
    } catch (error) {
      editor.setCustomValidity(error.message);
      return false;
    }
  };
  editor.addEventListener('input', check);
  editor.addEventListener('blur', () => {
    if (check()) editor.value = JSON.stringify(JSON.parse(editor.value), null, 2);
  });
  form.addEventListener('submit', (event) => {
    if (!check()) {
      event.preventDefault();
      editor.reportValidity();
    }
  });
}
