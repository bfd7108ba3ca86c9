(function () {
  "use strict";
  var meta = document.querySelector('meta[name="discrepancy-token"]');
  var section = document.getElementById("discrepancies");
  if (!meta || !section || !window.fetch) { return; }
  var token = meta.getAttribute("content");
  var STATUSES = ["unreviewed", "confirmed", "dismissed", "explained"];
  var KEYS = {c: "confirmed", d: "dismissed", e: "explained"};
  var items = {}, noteRequired = ["dismissed", "explained"], current = null;

  // Every piece of text goes in as textContent or an attribute value: never as markup.
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) { if (attrs.hasOwnProperty(name)) { node.setAttribute(name, attrs[name]); } }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function api(method, path, body) {
    var opts = {method: method, headers: {"X-Discrepancy-Token": token}, cache: "no-store", credentials: "same-origin"};
    if (body) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (data) { return {code: r.status, data: data}; },
        function () { return {code: r.status, data: {error: "the server answered " + r.status}}; });
    }, function () { return {code: 0, data: {error: "the review server is not running (start it again)"}}; });
  }

  var bar = el("div", {id: "review-bar", "class": "review-bar"});
  var progress = el("strong", {id: "review-progress"});
  var message = el("span", {id: "review-message", role: "status", "aria-live": "polite"});
  var helpButton = el("button", {type: "button", "class": "review-help-button"}, "Shortcuts (?)");
  bar.appendChild(progress); bar.appendChild(message); bar.appendChild(helpButton);
  var heading = section.querySelector("h2");
  section.insertBefore(bar, heading ? heading.nextSibling : section.firstChild);
  var help = el("div", {id: "review-help", "class": "review-help", role: "dialog", "aria-label": "Keyboard shortcuts", hidden: ""});
  help.appendChild(el("h3", {}, "Keyboard shortcuts"));
  var keys = el("dl");
  [["j", "next discrepancy"], ["k", "previous discrepancy"], ["c", "confirm"], ["d", "dismiss (with a note)"],
   ["e", "explain (with a note)"], ["Enter", "in the note: save the dismissal or explanation"],
   ["Esc", "leave the note, close this help"], ["?", "show or hide this help"]].forEach(function (k) {
    keys.appendChild(el("dt", {}, k[0])); keys.appendChild(el("dd", {}, k[1]));
  });
  help.appendChild(keys);
  document.body.appendChild(help);
  helpButton.addEventListener("click", function () { help.hidden = !help.hidden; });

  function say(text, kind) { message.textContent = text; message.className = kind || ""; }
  function articleOf(item) { return document.getElementById(item.anchor); }
  function title(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
  function label(item, normalized) {
    for (var i = 0; i < item.values.length; i++) {
      if (item.values[i].normalized === normalized) { return "“" + item.values[i].value + "”"; }
    }
    return normalized;
  }

  function controls(article, item) {
    var box = el("div", {"class": "review", "data-id": item.id});
    box.appendChild(el("p", {"class": "review-state"}));
    box.appendChild(el("div", {"class": "review-stale", hidden: ""}));
    var row = el("div", {"class": "review-actions"});
    var right = el("select", {name: "right", "aria-label": "Which value is right?"});
    right.appendChild(el("option", {value: ""}, "Which value is right? not known"));
    item.values.forEach(function (v) { right.appendChild(el("option", {value: v.normalized}, "Right: “" + v.value + "”")); });
    var note = el("input", {type: "text", name: "note", maxlength: "4000", "aria-label": "Note",
      placeholder: "Note (required to dismiss or explain)"});
    row.appendChild(right); row.appendChild(note);
    ["confirmed", "dismissed", "explained"].forEach(function (status) {
      var key = status.charAt(0);
      var button = el("button", {type: "button", "class": "decide decide-" + status, "data-status": status},
        {confirmed: "Confirm", dismissed: "Dismiss", explained: "Explain"}[status] + " (" + key + ")");
      button.addEventListener("click", function () { setCurrent(article, false); decide(article, status); });
      row.appendChild(button);
    });
    note.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); var pending = article.getAttribute("data-pending");
        if (pending) { decide(article, pending); } else { say("To save the note, press Dismiss or Explain.", "ask"); } }
    });
    box.appendChild(row);
    var metaLine = article.querySelector(".meta");
    article.insertBefore(box, metaLine ? metaLine.nextSibling : article.firstChild);
    article.addEventListener("focusin", function () { setCurrent(article, false); });
    article.addEventListener("click", function () { setCurrent(article, false); });
  }

  function show(item, changedElsewhere) {
    var article = articleOf(item);
    if (!article) { return; }
    if (!article.querySelector(".review")) { controls(article, item); }
    items[item.id] = item;
    article.setAttribute("data-status", item.status);
    var badge = article.querySelector('.meta .badge[class*="status-"]');
    if (badge) { badge.className = "badge status-" + item.status; badge.textContent = item.status; }
    var staleBadge = article.querySelector(".meta .badge.stale");
    if (staleBadge) { staleBadge.hidden = !item.stale; }
    var oldNote = article.querySelector("p.note");
    if (oldNote) { oldNote.hidden = true; }  // the state line below says it, kept current
    var dec = item.decision, text;
    if (dec) {
      text = title(dec.status) + " by " + (dec.reviewer || "someone") + (dec.date ? " on " + dec.date : "") +
        (dec.right ? "; right value: " + label(item, dec.right) : "") + (dec.note ? " — " + dec.note : "");
    } else if (item.stale) {
      text = "Stale: decided earlier on other values; review it again.";
    } else {
      text = "Unreviewed";
    }
    var state = article.querySelector(".review-state");
    state.textContent = text;
    state.className = "review-state state-" + (item.stale && !dec ? "stale" : item.status) + (changedElsewhere ? " elsewhere" : "");
    if (dec) { article.querySelector('select[name="right"]').value = dec.right || ""; }
    staleBlock(article.querySelector(".review-stale"), item);
  }

  function staleBlock(box, item) {
    box.textContent = "";
    box.hidden = !item.stale || !item.earlier.length;
    if (box.hidden) { return; }
    var table = el("table", {"class": "review-compare"});
    var head = el("tr");
    head.appendChild(el("th", {scope: "col"}, "Decided earlier, on the old values"));
    head.appendChild(el("th", {scope: "col"}, "Values now"));
    table.appendChild(el("thead")).appendChild(head);
    var row = el("tr"), old = el("td"), now = el("td");
    item.earlier.forEach(function (d) {
      old.appendChild(el("p", {}, title(d.status) + " by " + (d.reviewer || "someone") + " on " + d.date + (d.note ? " — " + d.note : "")));
      var list = el("ul", {"class": "old-values"});
      d.values.forEach(function (v) { list.appendChild(el("li", {}, v)); });
      old.appendChild(list);
    });
    var listNow = el("ul", {"class": "new-values"});
    item.values.forEach(function (v) { listNow.appendChild(el("li", {}, "“" + v.value + "” (" + v.normalized + ")")); });
    now.appendChild(listNow);
    row.appendChild(old); row.appendChild(now);
    table.appendChild(el("tbody")).appendChild(row);
    box.appendChild(table);
  }

  function counted() {
    var ids = Object.keys(items), done = 0;
    ids.forEach(function (id) { if (items[id].status !== "unreviewed" && !items[id].stale) { done++; } });
    progress.textContent = done + " of " + ids.length + " reviewed";
    var form = document.getElementById("filters");
    if (form) { form.dispatchEvent(new Event("change")); }
  }

  function decide(article, status) {
    var id = null;
    for (var k in items) { if (items.hasOwnProperty(k) && items[k].anchor === article.id) { id = k; } }
    if (!id || article.getAttribute("data-busy")) { return; }
    var item = items[id], noteInput = article.querySelector('input[name="note"]'), note = noteInput.value.trim();
    if (noteRequired.indexOf(status) >= 0 && !note) {
      article.setAttribute("data-pending", status);
      noteInput.focus();
      say("A note is required to " + status.replace(/ed$/, "") + ": type it, then press Enter.", "ask");
      return;
    }
    article.setAttribute("data-busy", "1");
    api("POST", "/api/decisions", {id: id, status: status, note: note,
      right: article.querySelector('select[name="right"]').value, base: item.version}).then(function (r) {
      article.removeAttribute("data-busy");
      if (r.code === 200) {
        article.removeAttribute("data-pending");
        noteInput.value = "";
        show(r.data.item, false);
        say("Saved: " + id + " " + status + ".", "ok");
      } else if (r.code === 409 && r.data.item) {
        show(r.data.item, true);
        var now = r.data.item.decision;
        say("Not saved: " + id + " was decided meanwhile elsewhere" + (now ? " (now " + now.status + " by " + now.reviewer + ")" : "") +
          ". The entry shows the current decision; decide again if you still disagree.", "error");
      } else {
        say("Not saved: " + (r.data.error || "error " + r.code), "error");
      }
      counted();
    });
  }

  function visible() {
    return Array.prototype.filter.call(section.querySelectorAll("article.disc"), function (a) { return !a.hidden; });
  }
  function setCurrent(article, scroll) {
    if (current && current !== article) { current.classList.remove("current"); }
    current = article;
    if (!article) { return; }
    article.classList.add("current");
    if (scroll) { article.scrollIntoView({block: "start"}); }
  }
  function move(step) {
    var list = visible();
    if (!list.length) { return; }
    var i = list.indexOf(current);
    i = i < 0 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + step));
    setCurrent(list[i], true);
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target, tag = t && t.tagName;
    var typing = tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable);
    if (ev.key === "Escape") {
      help.hidden = true;
      if (typing) { t.blur(); }
      return;
    }
    if (typing) { return; }
    if (ev.key === "j") { move(1); } else if (ev.key === "k") { move(-1); } else if (ev.key === "?") {
      help.hidden = !help.hidden;
    } else if (KEYS.hasOwnProperty(ev.key)) {
      if (!current || current.hidden) { move(1); }
      if (current) { decide(current, KEYS[ev.key]); }
    } else { return; }
    ev.preventDefault();
  });

  function load(markChanges) {
    return api("GET", "/api/state").then(function (r) {
      if (r.code !== 200) { say("Cannot read the decisions: " + (r.data.error || r.code), "error"); return; }
      noteRequired = r.data.note_required;
      r.data.items.forEach(function (item) {
        var before = items[item.id];
        show(item, markChanges && before && before.version !== item.version);
      });
      counted();
    });
  }

  var form = document.getElementById("filters");
  if (form && form.elements.status) {
    var have = Array.prototype.map.call(form.elements.status.options, function (o) { return o.value; });
    STATUSES.forEach(function (s) { if (have.indexOf(s) < 0) { form.elements.status.appendChild(el("option", {value: s}, s)); } });
  }
  document.documentElement.setAttribute("data-review", "loading");
  load(false).then(function () { document.documentElement.setAttribute("data-review", "ready"); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { load(true); } });
})();
