// Notifications in the corner: the outcome of an action, in the server's words.

export function toast(text, kind = "ok") {
  const box = document.getElementById("toasts");
  if (!box) return;
  const item = document.createElement("div");
  item.className = `toast ${kind}`;
  item.setAttribute("role", kind === "error" ? "alert" : "status");
  item.textContent = text;
  box.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}
