/* Self-checks: "¿Se respetan tus derechos?". The build
   (build_tools/reader/self_check.py) writes the list of questions, each with
   its guide link, and hidden beside it the answers, the button and the
   result, in the page's language. This script gives each question its
   answers (yes / no / don't know) and shows the result in the page.

   An employer may look at a worker's phone, so nothing is kept or sent:
   no storage, no cookie, no request, no change to the address or the
   history. The answers live in the form only, and the form is emptied when
   the page is shown again from the back/forward cache. */
(function () {
  "use strict";

  // Class names the stylesheet uses are written out whole below: the deploy
  // step keeps only the rules whose names it finds in pages and scripts
  var C = "dc-self-check";

  function part(root, name) {
    return root.querySelector("." + C + "__" + name);
  }

  // The question and its guide link, for the result (footnote numbers left out)
  function resultItem(item) {
    var li = document.createElement("li");
    var question = part(item, "question").cloneNode(true);
    Array.prototype.forEach.call(question.querySelectorAll("sup"), function (sup) { sup.remove(); });
    li.appendChild(question);
    var guide = part(item, "guide");
    if (guide) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(guide.cloneNode(true));
    }
    return li;
  }

  function SelfCheck(form, number) {
    this.form = form;
    this.result = part(form, "result");
    this.items = Array.prototype.slice.call(form.querySelectorAll("." + C + "__questions > li"));
    var choices = part(form, "choices");
    this.items.forEach(function (item, index) {
      var question = part(item, "question");
      if (!question) return;
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.appendChild(question);
      fieldset.appendChild(legend);
      var answers = choices.cloneNode(true);
      Array.prototype.forEach.call(answers.querySelectorAll("input"), function (input) {
        input.name = C + "-" + number + "-" + index;
      });
      fieldset.appendChild(answers);
      item.insertBefore(fieldset, item.firstChild);
    });
    choices.remove();
    // The reader's state: the link goes to its section of the page of offices
    this.state = form.querySelector(".dc-self-check__state select");
    this.stateLink = part(form, "state-link");
    if (this.state && this.stateLink) {
      var link = this.stateLink.querySelector("a");
      var base = link.getAttribute("href").split("#")[0];
      var self = this;
      // Her state's name after the link, for the printout too
      var name = document.createElement("span");
      self.stateLink.appendChild(name);
      this.state.addEventListener("change", function () {
        var option = self.state.options[self.state.selectedIndex];
        if (self.state.value) link.setAttribute("href", base + "#" + self.state.value);
        name.textContent = self.state.value ? ": " + option.textContent : "";
        if (option.lang) name.lang = option.lang; else name.removeAttribute("lang");
        self.stateLink.hidden = !self.state.value;
      });
    }
  }

  SelfCheck.prototype.answer = function (item) {
    var checked = item.querySelector("input:checked");
    return checked ? checked.value : "unknown";
  };

  SelfCheck.prototype.show = function () {
    var self = this;
    var found = { no: 0, unknown: 0 };
    ["no", "unknown"].forEach(function (answer) {
      var group = self.result.querySelector('[data-answer="' + answer + '"]');
      var list = group.querySelector("ul");
      list.textContent = "";
      self.items.forEach(function (item) {
        if (part(item, "question") && self.answer(item) === answer) {
          list.appendChild(resultItem(item));
          found[answer] += 1;
        }
      });
      group.hidden = !found[answer];
    });
    part(this.result, "none").hidden = found.no + found.unknown > 0;
    this.result.hidden = false;
    // The printout is the result alone (self-check.css)
    document.documentElement.classList.add("dc-self-check-printing");
    // Focus, not a #fragment: the address and the history stay as they were
    this.result.focus();
    this.result.scrollIntoView({ block: "start" });
  };

  SelfCheck.prototype.clear = function () {
    this.form.reset();
    if (this.stateLink) this.stateLink.hidden = true;
    this.result.hidden = true;
    Array.prototype.forEach.call(this.result.querySelectorAll("ul"), function (list) { list.textContent = ""; });
    document.documentElement.classList.remove("dc-self-check-printing");
  };

  var checks = Array.prototype.map.call(document.querySelectorAll("form." + C), function (form, index) {
    var check = new SelfCheck(form, index + 1);
    // Never submitted: the answers would go into the address
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check.show();
    });
    part(form, "print").addEventListener("click", function () { window.print(); });
    part(form, "again").addEventListener("click", function () {
      check.clear();
      form.querySelector("input").focus();
    });
    // The printed page is the result: mark the parents it sits in
    for (var node = check.result.parentElement; node && node !== document.documentElement; node = node.parentElement) {
      node.classList.add("dc-self-check-path");
    }
    check.clear();
    part(form, "private").hidden = false;
    part(form, "controls").hidden = false;
    form.classList.add("dc-self-check--ready");
    return check;
  });

  // Back and forward can bring the page back from memory with its answers
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) checks.forEach(function (check) { check.clear(); });
  });
})();
