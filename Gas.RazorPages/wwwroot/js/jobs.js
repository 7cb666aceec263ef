// Job pages: the upload form's optional name, and the jobs list that picks up jobs submitted in another tab.
// A static file because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  // The name field has no name attribute (the store must not see it): carry it to job creation in the redirect.
  var form = document.getElementById("upload-form");
  var nameLabel = document.getElementById("upload-name-label");
  if (form && nameLabel) {
    nameLabel.hidden = false;
    form.addEventListener("submit", function (e) {
      if (e.defaultPrevented) { return; }
      var name = document.getElementById("upload-name").value.trim();
      var build = document.getElementById("upload-build");
      var option = build.options[build.selectedIndex];
      var base = option.value.split("&name=")[0];
      option.value = name ? base + "&name=" + encodeURIComponent(name) : base;
    });
  }

  // The first page of the list refreshes its rows while the tab is visible.
  var rows = document.getElementById("job-rows");
  var url = rows && rows.getAttribute("data-live");
  if (!url) { return; }
  var table = rows.closest("table");
  var empty = document.getElementById("jobs-empty");
  var last = rows.innerHTML.trim();
  setInterval(function () {
    if (document.hidden) { return; }
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null || html.trim() === last) { return; }
        last = html.trim();
        rows.innerHTML = html;
        var any = rows.querySelector("tr") !== null;
        table.hidden = !any;
        if (empty) { empty.hidden = any; }
      })
      .catch(function () { /* try again next tick */ });
  }, 3000);
})();
