(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var names = ["kind", "severity", "status"];
  function apply() {
    var shown = 0;
    var items = document.querySelectorAll("article.disc");
    for (var i = 0; i < items.length; i++) {
      var el = items[i], ok = true;
      for (var j = 0; j < names.length; j++) {
        var want = form.elements[names[j]].value;
        if (want && el.getAttribute("data-" + names[j]) !== want) { ok = false; }
      }
      el.hidden = !ok;
      if (ok) { shown++; }
    }
    document.getElementById("filter-count").textContent = shown + " of " + items.length + " shown";
  }
  form.addEventListener("change", apply);
  apply();
})();
