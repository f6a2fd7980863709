// The Tasklane console's script: small ES modules, each named after what it does. The pages are server-rendered and
// their live parts are swapped in place by htmx (htmx.min.js, vendored) with the server's own rendering of them;
// no module formats the server's data. Every user string is written with textContent, never innerHTML.

import "./js/live-regions.js";
import "./js/change-stream.js";
import "./js/task-stream.js";
import "./js/api-actions.js";
import "./js/tabs.js";
import "./js/schedule-form.js";
import "./js/relative-times.js";
import "./js/local-times.js";
import "./js/recent-tasks.js";
import "./js/keyboard-shortcuts.js";
