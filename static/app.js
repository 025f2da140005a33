// Portal KM: the little JavaScript the pages use; everything also works without it.
(function () {
  "use strict";

  // htmx does not swap error responses: say what went wrong instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    var message = status === 403 ? "Akses ditolak." :
      status === 413 ? "Berkas terlalu besar." :
      "Permintaan gagal (" + status + "). Silakan coba lagi.";
    showFlash(message);
  });
  document.addEventListener("htmx:sendError", function () {
    showFlash("Koneksi terputus. Periksa jaringan lalu coba lagi.");
  });

  function showFlash(message) {
    var main = document.getElementById("main");
    if (!main) { return; }
    var box = main.querySelector(".flashes");
    if (!box) {
      box = document.createElement("div");
      box.className = "flashes";
      box.setAttribute("role", "status");
      main.insertBefore(box, main.firstChild);
    }
    var p = document.createElement("p");
    p.className = "flash flash-error";
    p.textContent = message;
    box.appendChild(p);
  }

  // Programme report: a "print" button (inline onclick is barred by the CSP).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
})();
