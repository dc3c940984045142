// Suggestions as you type under the search box: titles (and document numbers) from
// /tim-kiem/goi-y/?q=…, folded like the search. Without this script the box is a plain form.
(function () {
  "use strict";
  var input = document.querySelector("[data-suggest-url]");
  if (!input) {
    return;
  }
  var box = document.getElementById(input.getAttribute("aria-controls"));
  var timer = null;
  var last = "";
  function show(html) {
    box.innerHTML = html;
    box.hidden = !html.trim();
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var q = input.value.trim();
      if (q === last) {
        return;
      }
      last = q;
      if (q.length < 2) {
        show("");
        return;
      }
      fetch(input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(q), {
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          if (q === last) {
            show(html);
          }
        })
        .catch(function () {
          show("");
        });
    }, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      show("");
    }
  });
})();
