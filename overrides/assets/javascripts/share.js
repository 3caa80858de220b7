// Share control (overrides/partials/page-tools.html): the phone's share sheet
// where there is one; otherwise a menu with the WhatsApp link and a copy-link
// button. Also the print button of the one-page summaries and the header's
// "save for offline" entry. No third-party script.
(function () {
  "use strict";

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers, or a copy opened as a file
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "dc-share__field";
      document.body.appendChild(field);
      field.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      field.remove();
      if (done) { resolve(); } else { reject(); }
    });
  }

  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var url = box.dataset.url;
    var status = box.querySelector(".dc-share__status");
    var native = box.querySelector(".dc-share__native");
    var copyButton = box.querySelector(".dc-share__copy");
    var menu = box.querySelector(".dc-share__menu");
    if (typeof navigator.share === "function") {
      // Same label and size as the menu it replaces: nothing moves
      native.hidden = false;
      menu.hidden = true;
      native.addEventListener("click", function () {
        navigator.share({ title: box.dataset.title, url: url }).catch(function () {});
      });
      return;
    }
    copyButton.hidden = false;
    // The menu closes as a tap elsewhere or Escape leaves it
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    copyButton.addEventListener("click", function () {
      copy(url).then(function () {
        status.textContent = box.dataset.copied;
      }, function () {
        status.textContent = box.dataset.copyFailed + " " + url;
      });
    });
  }

  // The header's entry (partials/offline-entry.html) brings the reader to the
  // save control, which stays at the end of the page with its explanation
  function toSaveControl() {
    var start = document.querySelector(".dc-offline__start");
    if (!start) return;
    start.scrollIntoView({ block: "center" });
    start.focus({ preventScroll: true });
  }

  function init() {
    document.querySelectorAll("[data-dc-share]").forEach(setUp);
    document.querySelectorAll(".dc-offline-entry").forEach(function (entry) {
      entry.onclick = toSaveControl;
    });
    document.querySelectorAll("[data-dc-print]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
  }

  // Material's instant navigation swaps pages without a new load
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    init();
  }
})();
