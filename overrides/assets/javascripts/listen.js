// "Listen" (overrides/partials/page-tools.html): the phone reads the page
// aloud with its own voices (Web Speech API). Only voices on the phone
// (localService), so the text never leaves it; shown only where the phone
// has one for the page's language. Each block is read with a voice of its
// own language (lang="es" fallback text with a Spanish voice) when the phone
// has one, else with the page's voice.
(function () {
  "use strict";

  var box = document.querySelector("[data-dc-listen]");
  var synth = window.speechSynthesis;
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;

  // Read in this order; a block's text leaves out the blocks inside it,
  // which are read on their own (a list item's paragraphs, a nested list)
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, figcaption";
  // Not read: the page's controls, the sources list (long references the
  // printed page and the footnotes give), heading anchors, footnote marks,
  // forms and what is not text
  var SKIPPED = ".dc-tools, .dc-listen, .dc-audio, .dc-sources, .dc-print, .headerlink, .dc-fact__ref, " +
    "form, script, style, svg, template, button";
  var READING = "dc-listen__reading";

  var article = box.closest("article") || document.querySelector("article");
  var play = box.querySelector(".dc-listen__play");
  var stop = box.querySelector(".dc-listen__stop");
  var labels = {
    start: play.querySelector(".dc-listen__start"),
    pause: play.querySelector(".dc-listen__pause"),
    resume: play.querySelector(".dc-listen__resume")
  };
  var pageLang = document.documentElement.lang;
  var state = "stopped"; // or "speaking", "paused"
  var queue = [];
  var current = null;
  var run = 0; // a new reading ignores the events of the one it replaced

  function primary(tag) {
    // Android names voices "es_MX", others "es-MX"
    return String(tag || "").split(/[-_]/)[0].toLowerCase();
  }

  function voiceFor(lang) {
    var wanted = primary(lang);
    var found = synth.getVoices().filter(function (voice) {
      return voice.localService === true && primary(voice.lang) === wanted;
    });
    return found.filter(function (voice) { return voice.default; })[0] || found[0] || null;
  }

  function shown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  }

  // The block's text, and how many characters of it each language has
  function textOf(element, counts) {
    var text = "";
    element.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        var lang = node.parentElement.closest("[lang]");
        lang = lang ? lang.lang : pageLang;
        counts[lang] = (counts[lang] || 0) + node.nodeValue.trim().length;
        text += node.nodeValue;
      } else if (node.nodeType === Node.ELEMENT_NODE && !node.matches(BLOCKS) && !node.matches(SKIPPED) && shown(node)) {
        text += textOf(node, counts);
      }
    });
    return text;
  }

  function blocks() {
    var found = [];
    article.querySelectorAll(BLOCKS).forEach(function (element) {
      if (element.closest(SKIPPED) || !shown(element)) return;
      var counts = {};
      var text = textOf(element, counts).replace(/\s+/g, " ").trim();
      if (!text) return;
      // Read in the language most of its text is in (fallback text is
      // marked lang="es" inside the block)
      var lang = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
      found.push({ element: element, text: text, lang: lang });
    });
    return found;
  }

  function showLabel(name) {
    Object.keys(labels).forEach(function (key) { labels[key].hidden = key !== name; });
  }

  function highlight(element) {
    var old = article.querySelector("." + READING);
    if (old) old.classList.remove(READING);
    if (element) {
      element.classList.add(READING);
      element.scrollIntoView({ block: "center" });
    }
  }

  function setState(next) {
    state = next;
    showLabel(next === "speaking" ? "pause" : next === "paused" ? "resume" : "start");
    stop.hidden = next === "stopped";
  }

  function finish() {
    run += 1;
    queue = [];
    current = null;
    highlight(null);
    setState("stopped");
  }

  function speakNext(reading) {
    if (reading !== run) return;
    current = queue.shift();
    if (!current) {
      finish();
      return;
    }
    var voice = voiceFor(current.lang) || voiceFor(pageLang);
    var utterance = new SpeechSynthesisUtterance(current.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.onend = function () { speakNext(reading); };
    utterance.onerror = function (event) {
      // Our own cancel() ends the utterance with "interrupted" or "canceled"
      if (reading === run && event.error !== "interrupted" && event.error !== "canceled") finish();
    };
    highlight(current.element);
    synth.speak(utterance);
  }

  function start() {
    synth.cancel();
    run += 1;
    queue = blocks();
    setState("speaking");
    speakNext(run);
  }

  play.addEventListener("click", function () {
    if (state === "stopped") {
      start();
    } else if (state === "speaking") {
      synth.pause();
      setState("paused");
    } else {
      synth.resume();
      setState("speaking");
    }
  });
  stop.addEventListener("click", function () {
    finish();
    synth.cancel();
  });

  // Voices arrive after the page loads, and may change (a voice installed)
  function update() {
    if (voiceFor(pageLang)) {
      box.hidden = false;
    } else if (state === "stopped") {
      box.hidden = true;
    }
  }
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", update);
  } else {
    synth.onvoiceschanged = update;
  }
  update();

  // Browsers keep speaking after the reader leaves the page
  window.addEventListener("pagehide", function () {
    if (state !== "stopped") {
      finish();
      synth.cancel();
    }
  });
})();
