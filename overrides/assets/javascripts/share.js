// Share control (overrides/partials/page-tools.html): the phone's share sheet
// where there is one; otherwise a menu with the WhatsApp link and a copy-link
// button. Also the print button of the one-page summaries, the header's
// "save for offline" entry, and the loading of the listen control's script. No third-party script. A build without the
// site's public address (no SITE_URL) gives no data-url: then the page
// shares, and prints, the address it is read at.
(function () {
  "use strict";

  // The address the reader is on, without the part after '#'
  function here() {
    return location.href.split("#")[0];
  }

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
    var url = box.dataset.url || here();
    var status = box.querySelector(".dc-share__status");
    var native = box.querySelector(".dc-share__native");
    var copyButton = box.querySelector(".dc-share__copy");
    var whatsapp = box.querySelector(".dc-share__whatsapp");
    if (!box.dataset.url) {
      // The link works without JavaScript with the title only
      whatsapp.href = "https://wa.me/?text=" + encodeURIComponent(box.dataset.title + " " + url);
    }
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

  // Paper without a QR code still says where the page was read, and where
  // its links lead (the build wrote them when it knew the public address).
  // A copy opened from a file has no address worth printing.
  var NOT_A_PAGE = /^(?:[a-z][a-z0-9+.\-]*:|#|\/\/)/i;
  function writeAddresses() {
    if (!/^https?:$/.test(location.protocol)) return;
    document.querySelectorAll("[data-dc-here]").forEach(function (note) {
      note.querySelector("strong").textContent = new URL(note.dataset.dcHere, here()).href;
      note.hidden = false;
    });
    document.querySelectorAll(".md-content a[href]:not([data-print-url])").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href && !NOT_A_PAGE.test(href)) link.dataset.printUrl = new URL(href, here()).href;
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

  // The listen control's script (listen.js) is fetched only where the phone
  // has a voice of its own for the page's language: most phones have none
  // for Nahuatl, Tsotsil or Mixtec, and they download nothing for it
  function primary(tag) {
    return String(tag || "").split(/[-_]/)[0].toLowerCase();
  }
  function loadListen() {
    var box = document.querySelector("[data-dc-listen]");
    var synth = window.speechSynthesis;
    if (!box || !box.dataset.script || !synth || typeof synth.getVoices !== "function") return;
    var lang = primary(document.documentElement.lang);
    function check() {
      if (box.dataset.loaded) return;
      var local = (synth.getVoices() || []).some(function (voice) {
        return voice.localService === true && primary(voice.lang) === lang;
      });
      if (!local) return;
      box.dataset.loaded = "1";
      var script = document.createElement("script");
      script.src = new URL(box.dataset.script, location.href).href;
      document.head.appendChild(script);
    }
    // Voices arrive after the page loads
    if (typeof synth.addEventListener === "function") {
      synth.addEventListener("voiceschanged", check);
    } else {
      synth.onvoiceschanged = check;
    }
    check();
  }

  function init() {
    writeAddresses();
    loadListen();
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
