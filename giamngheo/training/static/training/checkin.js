/* Check-in by QR code on a staff phone: the camera's frames are read by the browser's own
   BarcodeDetector where it has one, else by jsQR (served from our static files). A code read
   fills the ticket box and sends the form; the typed code is the fallback. Once the camera is
   on, it comes back on after each check-in (sessionStorage), so a queue is scanned in a row. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var button = document.getElementById("btn-camera");
  var video = document.getElementById("checkin-video");
  if (!form || !button || !video) { return; }
  var input = form.querySelector("input[name=code]");
  var scanned = form.querySelector("input[name=scanned]");
  var status = document.getElementById("camera-status");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  var sent = false;

  function say(text) { if (status) { status.textContent = text; } }

  // The ticket just sent stays in front of the camera while the page comes back: it is not sent
  // again (the next ticket is).
  var last = window.sessionStorage.getItem("training-last-code");

  function found(text) {
    if (sent || !text || text === last) { window.requestAnimationFrame(tick); return; }
    sent = true;
    window.sessionStorage.setItem("training-last-code", text);
    input.value = text;
    if (scanned) { scanned.value = "True"; }
    form.submit();
  }

  function tick() {
    if (sent || video.readyState < 2) { window.requestAnimationFrame(tick); return; }
    if (detector) {
      detector.detect(video).then(function (codes) {
        if (codes.length) { found(codes[0].rawValue); } else { window.requestAnimationFrame(tick); }
        return null;
      }).catch(function () { detector = null; window.requestAnimationFrame(tick); });
      return;
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR ? window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" }) : null;
    if (code && code.data) { found(code.data); } else { window.requestAnimationFrame(tick); }
  }

  function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(button.dataset.unsupported);
      return;
    }
    if ("BarcodeDetector" in window) {
      try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        window.sessionStorage.setItem("training-camera", "on");
        say(button.dataset.scanning);
        window.requestAnimationFrame(tick);
      })
      .catch(function () { say(button.dataset.denied); });
  }

  button.addEventListener("click", start);
  if (window.sessionStorage.getItem("training-camera") === "on") { start(); }
}());
