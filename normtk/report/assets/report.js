// normtk report: builds the example rows on demand and filters the editor's view.
// Input text only ever reaches the page through textContent, never as markup.
"use strict";
(function () {
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Examples: rows are built from the embedded JSON, a page at a time.
  var source = document.getElementById("examples-data");
  var list = document.getElementById("examples-list");
  var more = document.getElementById("examples-more");
  var count = document.getElementById("examples-count");
  var PAGE = 20;
  var data = source ? JSON.parse(source.textContent) : { systems: [], rows: [] };
  var shown = 0;

  function words(text) {
    return text.split(/(\s+)/);
  }
  function key(word) {
    return word.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }
  function highlighted(text, refs) {
    var bag = {};
    refs.forEach(function (ref) {
      var own = {};
      words(ref).forEach(function (w) {
        var k = key(w);
        if (k) own[k] = (own[k] || 0) + 1;
      });
      Object.keys(own).forEach(function (k) { bag[k] = Math.max(bag[k] || 0, own[k]); });
    });
    var cell = el("td", "text");
    words(text).forEach(function (w) {
      var k = key(w);
      if (!k || /^\s+$/.test(w)) { cell.appendChild(document.createTextNode(w)); return; }
      if (bag[k] > 0) { bag[k] -= 1; cell.appendChild(document.createTextNode(w)); return; }
      cell.appendChild(el("span", "miss", w));
    });
    return cell;
  }
  function row(table, cls, name, cell, score) {
    var tr = el("tr", cls);
    tr.appendChild(el("td", "name", name));
    tr.appendChild(cell);
    tr.appendChild(score || el("td", "score", ""));
    table.appendChild(tr);
  }
  function render(item) {
    var box = el("div", "ex");
    box.appendChild(el("h4", null, item.loc + " · spread " + item.spread.toFixed(2) + " " + data.metric));
    var table = el("table");
    if (item.src !== null) row(table, "src", "source", el("td", "text", item.src));
    item.refs.forEach(function (ref, i) {
      row(table, "ref", item.refs.length > 1 ? "reference " + (i + 1) : "reference", el("td", "text", ref));
    });
    var best = Math.max.apply(null, item.scores), worst = Math.min.apply(null, item.scores);
    data.systems.forEach(function (name, i) {
      var s = item.scores[i];
      var score = el("td", "score" + (s === best ? " best" : s === worst ? " worst" : ""), s.toFixed(2));
      row(table, "hyp", name, highlighted(item.hyps[i], item.refs), score);
    });
    box.appendChild(table);
    return box;
  }
  function showMore() {
    var end = Math.min(shown + PAGE, data.rows.length);
    for (; shown < end; shown++) list.appendChild(render(data.rows[shown]));
    if (count) count.textContent = shown + " of " + data.rows.length + " shown";
    if (more) more.hidden = shown >= data.rows.length;
  }
  if (list) {
    if (more) more.addEventListener("click", showMore);
    showMore();
  }

  // Editor's view: filter findings by rule and severity.
  var form = document.getElementById("editor-filters");
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll("#editor li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("#editor mark[data-f]"));
  var segments = Array.prototype.slice.call(document.querySelectorAll("#editor .seg"));
  var output = document.getElementById("editor-count");
  var only = document.getElementById("editor-only");
  function apply() {
    var on = { rule: {}, severity: {} };
    form.querySelectorAll("input[data-filter]").forEach(function (box) {
      on[box.dataset.filter][box.value] = box.checked;
    });
    var visible = {}, n = 0;
    findings.forEach(function (li) {
      var show = on.rule[li.dataset.rule] && on.severity[li.dataset.severity];
      li.classList.toggle("hidden", !show);
      if (show) { visible[li.id] = true; n += 1; }
    });
    marks.forEach(function (mark) {
      var any = mark.dataset.f.split(" ").some(function (id) { return visible[id]; });
      mark.classList.toggle("off", !any);
    });
    segments.forEach(function (seg) {
      var any = seg.querySelector("li.finding:not(.hidden)") !== null;
      seg.classList.toggle("hidden", only.checked && !any);
    });
    output.textContent = n + " of " + findings.length + " findings shown";
    output.dataset.shown = String(n);
  }
  form.addEventListener("change", apply);
  apply();
})();
