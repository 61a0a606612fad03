// graphkit view: collects the script errors of the page where the tests read them.
// Runs first, in <head>, so that it sees errors of vis-network and of view.js too.
window.__gkErrors = [];
(function () {
  function put(m) {
    window.__gkErrors.push(String(m));
    var p = document.getElementById("gk-errors");
    if (p) { p.textContent = JSON.stringify(window.__gkErrors); }
  }
  window.__gkError = put;
  window.addEventListener("error", function (e) {
    put((e.message || "error") + " @" + (e.filename || "") + ":" + (e.lineno || 0));
  });
  window.addEventListener("unhandledrejection", function (e) {
    put("unhandled rejection: " + (e.reason && e.reason.message || e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    put("CSP blocked " + e.violatedDirective + " " + (e.blockedURI || ""));
  });
  document.addEventListener("DOMContentLoaded", function () {
    var p = document.getElementById("gk-errors");
    if (p && window.__gkErrors.length) { p.textContent = JSON.stringify(window.__gkErrors); }
  });
})();
