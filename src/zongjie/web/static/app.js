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

// Draft page: start the draft without leaving the page, then poll its status and show each section as it
// finishes (the server renders the section's HTML; it is escaped there).
function renderStatus(box, status) {
  const list = document.getElementById("sections");
  const state = document.getElementById("draft-state");
  const start = document.getElementById("start");
  const next = document.getElementById("to-review");
  for (const s of status.sections) {
    let item = list.querySelector(`li[data-id="${CSS.escape(s.id)}"]`);
    if (!item) {
      item = document.createElement("li");
      item.dataset.id = s.id;
      item.innerHTML = '<div class="section-head"><span class="heading"></span> <span class="phase"></span></div><div class="section-body"></div>';
      list.appendChild(item);
    }
    item.className = `section phase-${s.phase}`;
    item.querySelector(".heading").textContent = s.heading;
    item.querySelector(".phase").textContent = s.phase_words;
    let badge = item.querySelector(".badge");
    if (s.status) {
      if (!badge) { badge = document.createElement("span"); item.querySelector(".section-head").appendChild(badge); }
      badge.className = `badge status-${s.status}`;
      badge.textContent = s.status_words;
    }
    const body = item.querySelector(".section-body");
    if (body.dataset.html !== s.html) { body.innerHTML = s.html; body.dataset.html = s.html; }
  }
  const done = status.sections.filter((s) => !["waiting", "start"].includes(s.phase)).length;
  if (status.running) {
    state.textContent = `正在起草：已完成 ${done} / ${status.sections.length} 节`;
    start.disabled = true;
    start.textContent = "正在起草…";
    next.hidden = true;
  } else {
    start.disabled = false;
    start.textContent = "重新起草";
    if (status.error) state.textContent = status.error;
    else if (status.summary) state.textContent = `起草完成：${status.summary}；${status.errors} 处错误，${status.warnings} 处提示`;
    next.hidden = !!status.error;
  }
}

async function poll(box) {
  for (;;) {
    const response = await fetch(box.dataset.status, { headers: { Accept: "application/json" } });
    const status = await response.json();
    if (response.ok) renderStatus(box, status);
    if (!response.ok || !status.running) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("draft");
  if (!box) return;
  const form = document.getElementById("start-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const state = document.getElementById("draft-state");
    const start = document.getElementById("start");
    start.disabled = true;
    const response = await fetch(box.dataset.start, { method: "POST", headers: { Accept: "application/json" } });
    if (!response.ok) {
      const body = await response.json().catch(() => ({ error: `出错了（${response.status}）` }));
      state.textContent = body.error;
      start.disabled = false;
      return;
    }
    poll(box);
  });
  if (box.dataset.running === "true") poll(box);
});

// Facts form: a figure that is not a number is marked as it is typed (the save still runs check's rules).
document.addEventListener("input", (event) => {
  const input = event.target;
  const suggested = input.closest && input.closest("tbody.sugg");
  if (suggested) suggested.classList.remove("sugg");  // filled in: no longer just a suggestion
  if (!(input instanceof HTMLInputElement) || input.inputMode !== "decimal") return;
  const plain = input.value.normalize("NFKC").replace(/[,，\s]/g, "");
  // Arabic figures, or Chinese numerals (the facts loader reads 九十七 as 97).
  const bad = plain !== "" && !/^(\d+(\.\d+)?|[零〇一二两三四五六七八九十百千万亿点]+)$/.test(plain);
  input.classList.toggle("invalid", bad);
  input.title = bad ? "请填写数字（单位写在“单位”一栏）" : "";
});
