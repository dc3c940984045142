// Redaction boxes drawn on the photo (issue 13 item 8). Each drag on the image adds a line
// "x1, y1, x2, y2" in pixels of the original to the form's boxes field, which stays the
// keyboard way to enter, correct or remove them. Without this script the drawing area stays
// hidden and the field works as before.
(function () {
  "use strict";

  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }

  function setUp(area) {
    var field = document.getElementById(area.getAttribute("data-redact-boxes"));
    var frame = area.querySelector(".fb-redact-frame");
    var image = frame && frame.querySelector("img");
    if (!field || !image) {
      return;
    }
    var form = field.form;
    var start = null;
    var drawing = null;

    function point(event) {
      var rect = image.getBoundingClientRect();
      return {
        x: clamp(event.clientX - rect.left, 0, rect.width),
        y: clamp(event.clientY - rect.top, 0, rect.height),
        scaleX: image.naturalWidth / rect.width,
        scaleY: image.naturalHeight / rect.height,
      };
    }

    function place(box, a, b) {
      box.style.left = Math.min(a.x, b.x) + "px";
      box.style.top = Math.min(a.y, b.y) + "px";
      box.style.width = Math.abs(a.x - b.x) + "px";
      box.style.height = Math.abs(a.y - b.y) + "px";
    }

    function chooseBoxesMode() {
      var radio = form && form.querySelector("input[name='mode'][value='boxes']");
      if (radio) {
        radio.checked = true;
      }
    }

    // A press and move on an <img> otherwise starts the browser's own drag of the picture,
    // which cancels the pointer (the box was lost, at random, depending on timing).
    image.setAttribute("draggable", "false");
    image.addEventListener("dragstart", function (event) {
      event.preventDefault();
    });

    image.addEventListener("pointerdown", function (event) {
      if (!image.naturalWidth) {
        return;
      }
      event.preventDefault();
      image.setPointerCapture(event.pointerId);
      start = point(event);
      drawing = document.createElement("span");
      drawing.className = "fb-redact-box";
      frame.appendChild(drawing);
      place(drawing, start, start);
    });

    image.addEventListener("pointermove", function (event) {
      if (start) {
        place(drawing, start, point(event));
      }
    });

    function finish(event) {
      if (!start) {
        return;
      }
      var end = point(event);
      var x1 = Math.round(Math.min(start.x, end.x) * start.scaleX);
      var y1 = Math.round(Math.min(start.y, end.y) * start.scaleY);
      var x2 = Math.round(Math.max(start.x, end.x) * start.scaleX);
      var y2 = Math.round(Math.max(start.y, end.y) * start.scaleY);
      x2 = Math.min(x2, image.naturalWidth);
      y2 = Math.min(y2, image.naturalHeight);
      if (x2 - x1 < 2 || y2 - y1 < 2) {
        drawing.remove();
      } else {
        var lines = field.value.replace(/\s+$/, "");
        field.value = (lines ? lines + "\n" : "") + [x1, y1, x2, y2].join(", ");
        chooseBoxesMode();
      }
      start = null;
      drawing = null;
    }

    image.addEventListener("pointerup", finish);
    image.addEventListener("pointercancel", finish);

    var clear = area.querySelector("[data-redact-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        field.value = "";
        Array.prototype.forEach.call(frame.querySelectorAll(".fb-redact-box"), function (box) {
          box.remove();
        });
      });
    }
    area.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-redact-boxes]"), setUp);
})();
