// Progressive enhancement of the feedback form: without it the form works as is.
(function () {
  "use strict";
  var unit = document.querySelector("[data-province-select]");
  if (unit) {
    var province = document.getElementById(unit.getAttribute("data-province-select"));
    var groups = Array.prototype.slice.call(unit.querySelectorAll("optgroup[data-province]"));
    var filter = function () {
      var chosen = province.value;
      groups.forEach(function (group) {
        var show = !chosen || group.getAttribute("data-province") === chosen;
        group.hidden = !show;
        group.disabled = !show;
        if (!show && unit.selectedOptions[0] && unit.selectedOptions[0].parentNode === group) {
          unit.value = "";
        }
      });
    };
    province.addEventListener("change", filter);
    filter();
  }
  var identity = document.getElementById("fb-identity");
  var modes = document.querySelectorAll("input[name='identity_mode']");
  if (identity && modes.length) {
    var sync = function () {
      var checked = document.querySelector("input[name='identity_mode']:checked");
      identity.hidden = checked !== null && checked.value === "anonymous";
    };
    Array.prototype.forEach.call(modes, function (m) { m.addEventListener("change", sync); });
    sync();
  }
  var summary = document.getElementById("fb-errors");
  if (summary) { summary.focus(); }
})();
