/* The run page: ask the server every two seconds how the run is doing; reload when done.
   Plain JavaScript, no build step; without JavaScript the page refreshes itself. */
(function () {
  "use strict";
  var box = document.querySelector("[data-status-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var label = box.querySelector("[data-run-label]");
  var progress = box.querySelector("[data-run-progress]");

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (label) { label.textContent = state.status_label; }
        if (progress) { progress.textContent = state.progress; }
        if (state.done) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
