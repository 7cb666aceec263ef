// Tell the server the viewer's time zone so times render in it; re-render once on the first visit.
(function () {
  "use strict";
  var zone = (Intl.DateTimeFormat().resolvedOptions() || {}).timeZone;
  if (zone) {
    var had = document.cookie.split("; ").some(function (c) { return c === "tz=" + encodeURIComponent(zone); });
    document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
    if (!had) {
      document.querySelectorAll("time[datetime]").forEach(function (el) {
        var d = new Date(el.getAttribute("datetime"));
        if (!isNaN(d)) { el.textContent = d.toLocaleString() + " (" + zone + ")"; }
      });
    }
  }

  // Forms that ask before they go (no inline handlers: the Content-Security-Policy forbids them).
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });

  // Free users: refuse an oversized file before it is sent (the store refuses it anyway).
  var form = document.getElementById("upload-form");
  if (form) {
    form.addEventListener("submit", function (e) {
      var input = document.getElementById("upload-file");
      var box = document.getElementById("upload-error");
      var max = parseInt(form.getAttribute("data-max-bytes"), 10);
      var file = input && input.files && input.files[0];
      if (file && file.size > max) {
        e.preventDefault();
        box.hidden = false;
        box.innerHTML = form.getAttribute("data-free") === "true"
          ? "This file is " + Math.ceil(file.size / 1024) + " KB; Free accounts can annotate files up to " + Math.floor(max / 1024) +
            " KB. <a href=\"/subscribe\">Upgrade to Premium</a> to annotate larger files."
          : "This file is larger than the " + Math.floor(max / 1048576) + " MB limit.";
      }
    });
  }

  // Refresh the status of jobs that are still pending or running.
  var watched = Array.prototype.slice.call(document.querySelectorAll("[data-job-id][data-poll=true]"));
  if (watched.length === 0) { return; }
  var onDetails = document.querySelector("dl.details[data-job-id]") !== null;
  var timer = setInterval(function () {
    watched = watched.filter(function (el) { return el.getAttribute("data-poll") === "true"; });
    if (watched.length === 0) { clearInterval(timer); return; }
    watched.forEach(function (el) {
      var id = el.getAttribute("data-job-id");
      fetch("/annotations/" + encodeURIComponent(id) + "?handler=Status", { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { return; }
          var badge = el.querySelector("[data-status]");
          if (badge && badge.getAttribute("data-status") !== s.status) {
            badge.setAttribute("data-status", s.status);
            badge.textContent = s.status;
            badge.className = "status status-" + s.status.toLowerCase();
          }
          if (s.finished) {
            el.setAttribute("data-poll", "false");
            if (onDetails) { window.location.reload(); }
          }
        })
        .catch(function () { /* try again next tick */ });
    });
  }, 2000);
})();
