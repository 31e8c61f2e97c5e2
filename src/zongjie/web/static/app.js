// zongjie serve: the little the pages need — add/remove rows, dismiss questions, draft progress, edit toggles.
"use strict";

let counter = 1000;

function addRow(button) {
  const list = button.closest("[data-prefix]");
  const tpl = document.getElementById(list.dataset.tpl);
  const html = tpl.innerHTML.split("__P__").join(list.dataset.prefix).split("__N__").join(String(counter++));
  const rows = list.querySelector(":scope > .rows");
  rows.insertAdjacentHTML("beforeend", html);
  const added = rows.lastElementChild;
  const first = added && added.querySelector("input:not([type=hidden]), select, textarea");
  if (first) first.focus();
}

function dismiss(button) {
  // A question answered: drop it from the row's hidden comments so saving no longer carries it.
  const row = button.closest(".row") || document.getElementById("facts-form");
  const hidden = row.querySelector(':scope input[name$="__c"]');
  if (hidden) {
    const grouped = JSON.parse(hidden.value || "{}");
    for (const key of Object.keys(grouped)) grouped[key] = grouped[key].filter((c) => c !== button.dataset.dismiss);
    hidden.value = JSON.stringify(grouped);
  }
  button.closest("li").remove();
}

document.addEventListener("click", (event) => {
  const target = event.target.closest("button");
  if (!target) return;
  if (target.hasAttribute("data-add")) addRow(target);
  else if (target.hasAttribute("data-remove")) target.closest(".row").remove();
  else if (target.hasAttribute("data-dismiss")) dismiss(target);
  else if (target.hasAttribute("data-toggle")) {
    const box = document.getElementById(target.dataset.toggle);
    box.hidden = !box.hidden;
    if (!box.hidden) { const first = box.querySelector("textarea, input"); if (first) first.focus(); }
  }
});
