// The log page: the server writes each time in UTC inside <time datetime="…Z">; show it in the viewer's time zone.
(function () {
  "use strict";
  var zone = (Intl.DateTimeFormat().resolvedOptions() || {}).timeZone;
  if (!zone) { return; }
  // Swedish order reads as ISO (2026-12-02 08:26:14), which matches the rest of the site.
  var format = new Intl.DateTimeFormat("sv-SE", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false
  });
  document.querySelectorAll("pre.log time[datetime]").forEach(function (el) {
    var d = new Date(el.getAttribute("datetime"));
    if (!isNaN(d)) {
      el.title = el.textContent;
      el.textContent = format.format(d) + " (" + zone + ")";
    }
  });
})();
