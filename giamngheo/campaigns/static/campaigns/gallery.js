/* Click-to-load players of the campaign gallery. Until the visitor clicks "Xem trên <nền tảng>",
   the card is ours alone (title, platform, our thumbnail): no third-party script, frame or cookie.
   The click puts the platform's player in place of the card's picture. */
(function () {
  "use strict";
  function load(button) {
    var src = button.getAttribute("data-embed-src");
    var media = document.getElementById(button.getAttribute("aria-controls"));
    if (!src || !media || src.indexOf("https://") !== 0) { return; }
    var frame = document.createElement("iframe");
    frame.setAttribute("src", src);
    frame.setAttribute("title", button.getAttribute("data-embed-title") || "");
    frame.setAttribute("allow", "fullscreen; encrypted-media; picture-in-picture");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("loading", "lazy");
    media.textContent = "";
    media.appendChild(frame);
    button.setAttribute("aria-expanded", "true");
    button.hidden = true;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-embed-src]") : null;
    if (button) { event.preventDefault(); load(button); }
  });
  // Buttons are shown only when this script runs; without it the card links to the post.
  var buttons = document.querySelectorAll("button[data-embed-src]");
  for (var i = 0; i < buttons.length; i++) { buttons[i].hidden = false; }
})();
