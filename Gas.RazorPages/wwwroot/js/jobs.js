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

  // While the file goes to the store: a disabled button and a progress bar. A store on this site (embedded) is posted to
  // by XHR, which reports progress; any other (S3) gets the plain form post with a bar that only says "uploading".
  if (form) {
    form.addEventListener("submit", function (e) {
      if (e.defaultPrevented) { return; }
      var button = form.querySelector("button[type=submit]");
      var bar = document.getElementById("upload-progress");
      button.disabled = true;
      button.textContent = "Uploading…";
      bar.hidden = false;
      var action = new URL(form.action, window.location.href);
      if (action.origin !== window.location.origin) { bar.removeAttribute("value"); return; }
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", action.href);
      xhr.upload.addEventListener("progress", function (p) {
        if (p.lengthComputable) { bar.max = p.total; bar.value = p.loaded; }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) { window.location.assign(xhr.responseURL); return; }
        var box = document.getElementById("upload-error");
        var xml = new DOMParser().parseFromString(xhr.responseText || "", "application/xml");
        var message = xml.querySelector("Message");
        box.textContent = message ? "The store refused the upload: " + message.textContent : "The upload failed (HTTP " + xhr.status + "); reload the page and try again.";
        box.hidden = false;
        bar.hidden = true;
        button.disabled = false;
        button.textContent = "Annotate";
      });
      xhr.addEventListener("error", function () {
        var box = document.getElementById("upload-error");
        box.textContent = "The upload did not reach the store; check your connection, reload the page and try again.";
        box.hidden = false;
        bar.hidden = true;
        button.disabled = false;
        button.textContent = "Annotate";
      });
      xhr.send(new FormData(form));
    });
  }

  // A Free user's download window: count down from what the server said (the viewer's clock may be wrong), then offer the upgrade.
  var windowBox = document.getElementById("download-window");
  if (windowBox) {
    var started = Date.now();
    var total = parseInt(windowBox.getAttribute("data-seconds-left"), 10);
    var countdown = windowBox.querySelector(".countdown");
    var tick = function () {
      var left = total - Math.floor((Date.now() - started) / 1000);
      if (left <= 0) {
        clearInterval(ticker);
        var link = document.getElementById("results-link");
        if (link) { link.remove(); }
        windowBox.hidden = true;
        document.getElementById("upgrade-prompt").hidden = false;
        return;
      }
      countdown.textContent = left < 60 ? "in " + left + " s"
        : left < 3600 ? "in " + Math.ceil(left / 60) + " min"
        : left < 86400 ? "in " + Math.floor(left / 3600) + " h " + Math.floor(left % 3600 / 60) + " min"
        : "in " + Math.floor(left / 86400) + " d " + Math.floor(left % 86400 / 3600) + " h";
    };
    var ticker = setInterval(tick, 1000);
  }

  // Results being restored: ask every few seconds, reload once they are back (the page then offers the download).
  var restoring = document.getElementById("restoring");
  if (restoring) {
    var statusUrl = "/annotations/" + encodeURIComponent(restoring.getAttribute("data-job-id")) + "?handler=Status";
    var restoreTimer = setInterval(function () {
      fetch(statusUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (s && s.archive === "Hot") { clearInterval(restoreTimer); window.location.reload(); }
        })
        .catch(function () { /* try again next tick */ });
    }, 3000);
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
