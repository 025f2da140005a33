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

  // A wide table scrolls inside its .table-scroll; when it really overflows, the wrapper gets a tab
  // stop so that the keyboard can scroll it too (a table that fits adds no stop).
  function markScrollingTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (box) {
      if (box.scrollWidth > box.clientWidth + 1) { box.setAttribute("tabindex", "0"); } else { box.removeAttribute("tabindex"); }
    });
  }
  document.addEventListener("DOMContentLoaded", markScrollingTables);
  document.addEventListener("htmx:afterSettle", markScrollingTables);
  window.addEventListener("resize", markScrollingTables);

  // Programme report: a "print" button (inline onclick is barred by the CSP).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
})();

// Meeting form (communities): add an attendee chip from the look-up, keep Enter in the
// look-up box from sending the whole form, show the Triwulan of the chosen date, cancel.
(function () {
  "use strict";
  var ROMAN = ["I", "II", "III", "IV"];
  document.documentElement.classList.add("js");

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-attendee]");
    if (add) { addAttendee(add); return; }
    var clear = event.target.closest("[data-clear]");
    var box = clear && document.getElementById(clear.getAttribute("data-clear"));
    if (box) { box.innerHTML = ""; }
  });

  function addAttendee(button) {
    var chips = document.getElementById("attendee_chips");
    var template = button.parentNode.querySelector("template");
    if (!chips || !template) { return; }
    var present = chips.querySelector('input[value="' + button.getAttribute("data-add-attendee") + '"]');
    if (present) { present.checked = true; } else { chips.appendChild(template.content.cloneNode(true)); }
    button.disabled = true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-attendee-search]")) { event.preventDefault(); }
  });

  document.addEventListener("input", function (event) {
    var output = document.getElementById("held_on_quarter");
    if (event.target.id !== "held_on" || !output) { return; }
    var v = event.target.value;
    var m = /^(\d{4})-(\d{2})-\d{2}$/.exec(v) || /^\d{1,2}[\/-](\d{1,2})[\/-](\d{4})$/.exec(v);
    if (!m) { output.textContent = "\u2014"; return; }
    var year = m[1].length === 4 ? m[1] : m[2], month = Number(m[1].length === 4 ? m[2] : m[1]);
    var pattern = output.getAttribute("data-pattern") || "Triwulan {q} {year}";  // translated by the page
    output.textContent = month >= 1 && month <= 12 ?
      pattern.replace("{q}", ROMAN[Math.floor((month - 1) / 3)]).replace("{year}", year) : "\u2014";
  });
})();

// Assets: upload progress and a size check before sending (links are slow; everything
// also works without this). Forms marked data-upload show a <progress> while htmx sends.
(function () {
  "use strict";

  function uploadForm(event) {
    var form = event.target;
    return form && form.matches && form.matches("form[data-upload]") ? form : null;
  }

  function setProgress(form, loaded, total) {
    var box = form.querySelector("[data-upload-progress]");
    if (!box) { return; }
    box.hidden = false;
    var percent = total ? Math.floor(loaded * 100 / total) : 0;
    box.querySelector("progress").value = percent;
    box.querySelector("[data-upload-percent]").textContent = percent + "%";
  }

  document.addEventListener("htmx:xhr:loadstart", function (event) {
    var form = uploadForm(event);
    if (form) { setProgress(form, 0, 0); }
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = uploadForm(event);
    if (form && event.detail.lengthComputable) { setProgress(form, event.detail.loaded, event.detail.total); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = uploadForm(event);
    var box = form && form.querySelector("[data-upload-progress]");
    if (box) { box.hidden = true; }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-upload-cancel]");
    if (button && window.htmx) { window.htmx.trigger(button.closest("form"), "htmx:abort"); }
  });

  // Refuse a too-large file at once instead of after minutes of sending it.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) { return; }
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    var message = "";
    Array.prototype.forEach.call(input.files || [], function (file) {
      if (!message && file.size > limit) {
        message = input.getAttribute("data-too-large").replace("{name}", file.name);
      }
    });
    input.setCustomValidity(message);
    if (message) { input.reportValidity(); }
  });
})();

// Forms marked data-validate: required fields are checked here before anything is sent (a
// large file takes minutes on a slow link), with the server's own messages, which the page
// carries in data-msg-required; the browser's bubbles are switched off (novalidate). Files
// kept from an earlier try ([data-kept]) count as chosen until "Pilih berkas lain" puts them aside.
(function () {
  "use strict";

  function prepare(root) {
    var forms = root.querySelectorAll ? root.querySelectorAll("form[data-validate]") : [];
    Array.prototype.forEach.call(forms, function (form) { form.noValidate = true; });
    if (root.matches && root.matches("form[data-validate]")) { root.noValidate = true; }
    var buttons = root.querySelectorAll ? root.querySelectorAll("[data-choose-other]") : [];
    Array.prototype.forEach.call(buttons, function (button) { button.hidden = false; });
  }
  prepare(document);
  document.addEventListener("htmx:load", function (event) { prepare(event.target); });

  function isEmpty(element, form) {
    if (element.type === "file") {
      return !(element.files && element.files.length) && !form.querySelector("[data-kept] input[type=hidden]");
    }
    if (element.tagName !== "INPUT" && element.tagName !== "SELECT" && element.tagName !== "TEXTAREA") {
      return !element.querySelector("input:checked");  // a group of radio buttons
    }
    return !element.value.trim();
  }

  function problemOf(element, form) {
    if (element.validity && element.validity.customError) { return element.validationMessage; }  // too large
    return isEmpty(element, form) ? element.getAttribute("data-msg-required") : "";
  }

  function clearError(element) {
    var box = element.closest(".field") || element.parentNode;
    Array.prototype.forEach.call(box.querySelectorAll("[data-client-error]"), function (p) { p.remove(); });
    if (element.hasAttribute("data-client-invalid")) {
      element.removeAttribute("data-client-invalid");
      element.removeAttribute("aria-invalid");
      if (box.classList.contains("field")) { box.classList.remove("has-error"); }
    }
  }

  function showError(element, message) {
    var box = element.closest(".field") || element.parentNode;
    var p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.setAttribute("data-client-error", "");
    p.textContent = message;
    box.appendChild(p);
    element.setAttribute("aria-invalid", "true");
    element.setAttribute("data-client-invalid", "");
    if (box.classList.contains("field")) { box.classList.add("has-error"); }
  }

  function check(form) {
    var first = null;
    // A group of radio buttons is checked as one, by its list (its buttons repeat the message).
    var fields = form.querySelectorAll("[data-msg-required]:not([type=radio]), input[type=file]");
    Array.prototype.forEach.call(fields, function (element) {
      clearError(element);
      var message = problemOf(element, form);
      if (message) {
        showError(element, message);
        first = first || element;
      }
    });
    if (first) { (first.matches("input, select, textarea") ? first : first.querySelector("input")).focus(); }
    return !first;
  }

  // Capture phase: runs before htmx's own listener on the form, so nothing is sent at all.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-validate]")) { return; }
    if (event.submitter && event.submitter.hasAttribute("formnovalidate")) { return; }
    if (!check(form)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  function fixed(event) {
    var element = event.target.closest && event.target.closest("[data-client-invalid]");
    var form = element && element.closest("form[data-validate]");
    if (form && !problemOf(element, form)) { clearError(element); }
  }
  document.addEventListener("input", fixed);
  document.addEventListener("change", fixed);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-choose-other]");
    if (!button) { return; }
    var form = button.closest("form");
    var kept = button.closest("[data-kept]");
    var input = form && form.querySelector("input[type=file]");
    if (kept) { kept.remove(); }
    if (input) {
      input.required = true;
      input.focus();
      input.click();
    }
  });
})();
