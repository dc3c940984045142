/* Check-in by QR code on a staff phone: the camera's frames are read by the browser's own
   BarcodeDetector where it has one, else by jsQR (served from our static files). A code read
   is sent in the background (fetch, a small JSON answer: the page is not reloaded, the camera
   stays on) and the answer shown in the admin's messages; the typed code is the fallback (the
   form posts as a page). If the camera was on when the page was left, it comes back on. */
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

  // The ticket just sent stays in front of the camera a while: it is not sent again (the next
  // ticket is).
  var last = window.sessionStorage.getItem("training-last-code");
  var count = document.getElementById("checkin-count");

  function show(text, type) {
    document.dispatchEvent(new CustomEvent("w-messages:add", {
      detail: { clear: true, text: text, type: type }
    }));
  }

  function send(text) {
    var data = new FormData(form);
    data.set("code", text);
    data.set("scanned", "True");
    return window.fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json();
    }).then(function (answer) {
      show(answer.message, answer.ok ? "success" : "error");
      if (answer.ok && count && answer.count) { count.textContent = answer.count; }
      return null;
    });
  }

  function found(text) {
    if (sent || !text || text === last) { window.requestAnimationFrame(tick); return; }
    sent = true;
    last = text;
    window.sessionStorage.setItem("training-last-code", text);
    input.value = text;
    if (scanned) { scanned.value = "True"; }
    send(text).catch(function () {
      // No answer (network, session ended): post the form as a page, which says why.
      form.submit();
    }).then(function () {
      input.value = "";
      sent = false;
      window.requestAnimationFrame(tick);
      return null;
    });
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
