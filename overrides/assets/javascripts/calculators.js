/* Calculators: aguinaldo, vacations, a finiquito estimate and whether pay
   reaches the minimum, computed in the reader's browser; nothing is sent anywhere. The build
   (build_tools/reader/calculators.py) writes each form and, beside it, a JSON block
   with the facts in force and every string in the page's language: no legal
   figure and no text lives in this file. */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;

  // "{days} días" -> "12 días": placeholders the build left for the script
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  // Integer cents, so the lines of a result add up to its total
  function cents(amount) {
    return Math.round(amount * 100);
  }

  // "1,500.50", "1500,50", "$ 350", "MX$350": Mexican writing, and a comma for decimals
  function parseAmount(text) {
    var value = text.replace(/[\s$]|^mxn?/gi, "");
    if (value === "") return { error: "calc.error.required" };
    if (/^-\d/.test(value)) return { error: "calc.error.negative" };
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, "");
    else if (/^\d+,\d{1,2}$/.test(value)) value = value.replace(",", ".");
    // Three decimals are no amount of pesos: "2.000" is two thousand written
    // another way, as are "1.000,50" and "1,5,0". Say how to write them;
    // for letters, say to leave them out.
    if (/^(\d+(\.\d{0,2})?|\.\d{1,2})$/.test(value)) return { value: parseFloat(value) };
    return { error: /^[\d.,]+$/.test(value) ? "calc.error.amount_format" : "calc.error.number" };
  }

  function Calculator(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.output = root.querySelector(".dc-calc__result");
    this.data = JSON.parse(root.querySelector(".dc-calc__data").textContent);
    // The build's format locale (es-MX for Spanish and its fallbacks), then <html lang>
    var locales = [this.data.locale, document.documentElement.lang];
    this.money = new Intl.NumberFormat(locales, { style: "currency", currency: "MXN" });
    this.number = new Intl.NumberFormat(locales);
    // How an amount is written here: the example in the format message
    this.example = new Intl.NumberFormat(locales, { minimumFractionDigits: 2 }).format(1500.5);
    this.plurals = new Intl.PluralRules(locales);
  }

  Calculator.prototype.t = function (key, values) {
    return fill(this.data.strings[key], values || {});
  };

  // key.one, key.other...: the string for n in the page's language
  Calculator.prototype.plural = function (key, n, values) {
    var chosen = key + "." + this.plurals.select(n);
    return this.t(chosen in this.data.strings ? chosen : key + ".other", values);
  };

  Calculator.prototype.unit = function (unit, n) {
    return this.plural("unit." + unit, n, { n: this.number.format(n) });
  };

  Calculator.prototype.field = function (name) {
    return this.form.elements[name];
  };

  Calculator.prototype.fail = function (name, key, values) {
    var input = this.field(name);
    var error = document.getElementById(input.id + "-error");
    if (input.getAttribute("aria-invalid") === "true") return;  // first error wins
    input.setAttribute("aria-invalid", "true");
    error.textContent = this.t(key, values);
    error.hidden = false;
    this.failed = this.failed || input;
  };

  Calculator.prototype.amount = function (name) {
    var read = parseAmount(this.field(name).value);
    if (read.error) return this.fail(name, read.error, { example: this.example });
    if (read.value <= 0) return this.fail(name, "calc.error.zero");
    return read.value;
  };

  // A whole number of days or years, at least `min`
  Calculator.prototype.count = function (name, min) {
    var read = parseAmount(this.field(name).value);
    if (read.error === "calc.error.amount_format") return this.fail(name, "calc.error.whole");
    if (read.error) return this.fail(name, read.error);
    if (read.value % 1 !== 0) return this.fail(name, "calc.error.whole");
    if (read.value < min) return this.fail(name, min > 0 ? "calc.error.zero" : "calc.error.negative");
    return read.value;
  };

  // The value of a list of options, "" when none is chosen
  Calculator.prototype.choice = function (name) {
    var value = this.field(name).value;
    if (!value) return this.fail(name, "calc.error.choice");
    return value;
  };

  // Milliseconds at midnight UTC, so that days are whole whatever the time zone
  Calculator.prototype.date = function (name) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(this.field(name).value);
    if (!match) return this.fail(name, "calc.error.date");
    return Date.UTC(+match[1], +match[2] - 1, +match[3]);
  };

  // Today on the phone's calendar, as date() reads a day
  function today() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }

  Calculator.prototype.run = function () {
    Array.prototype.forEach.call(this.form.querySelectorAll("input, select"), function (input) {
      input.removeAttribute("aria-invalid");
      document.getElementById(input.id + "-error").hidden = true;
    });
    this.failed = null;
    this.output.textContent = "";
    var result = CALCULATORS[this.data.calculator](this, this.data.facts);
    if (this.failed) {
      this.failed.focus();
      return;
    }
    this.show(result);
  };

  // result: {summary, lines: [[label, amount]], total (false: no total row),
  // formula, notes: [text], links: [[text, name in data.links]]}
  Calculator.prototype.show = function (result) {
    var doc = document;
    var title = doc.createElement("p");
    var strong = doc.createElement("strong");
    strong.textContent = this.t("calc.result.title");
    title.appendChild(strong);
    this.output.appendChild(title);
    if (result.summary) this.paragraph(result.summary);
    var table = doc.createElement("table");
    table.className = "dc-calc__lines";
    var body = doc.createElement("tbody");
    var total = 0;
    var lines = result.lines.map(function (line) { return [line[0], cents(line[1])]; });
    lines.forEach(function (line) { total += line[1]; });
    if (lines.length > 1 && result.total !== false) lines.push([this.t("calc.total"), total, true]);
    lines.forEach(function (line) {
      var row = doc.createElement("tr");
      var label = doc.createElement("th");
      var value = doc.createElement("td");
      label.scope = "row";
      label.textContent = line[0];
      value.textContent = this.money.format(line[1] / 100);
      if (line[2]) row.className = "dc-calc__total";
      row.appendChild(label);
      row.appendChild(value);
      body.appendChild(row);
    }, this);
    table.appendChild(body);
    this.output.appendChild(table);
    if (result.formula) this.paragraph(result.formula);
    (result.notes || []).forEach(this.paragraph, this);
    (result.links || []).forEach(function (link) {
      var p = doc.createElement("p");
      var a = doc.createElement("a");
      a.href = this.data.links[link[1]];
      a.textContent = link[0];
      p.appendChild(a);
      this.output.appendChild(p);
    }, this);
    if (this.output.scrollIntoView) this.output.scrollIntoView({ block: "nearest" });
  };

  Calculator.prototype.paragraph = function (text) {
    var p = document.createElement("p");
    p.textContent = text;
    this.output.appendChild(p);
  };

  var CALCULATORS = {
    // Proportional aguinaldo: wage × aguinaldo days × days worked ÷ days in the year
    aguinaldo: function (c, facts) {
      var wage = c.amount("wage");
      var days = c.count("days_worked", 1);
      var year = c.data.year_days;
      if (days > year) c.fail("days_worked", "calc.error.year_days");
      if (c.failed) return null;
      var aguinaldoDays = facts["aguinaldo.dias"];
      return {
        lines: [[c.t("calc.aguinaldo.result"), wage * aguinaldoDays * days / year]],
        formula: c.t("calc.aguinaldo.formula", { wage: c.money.format(wage), days: c.number.format(days) })
      };
    },

    // Days from the years-of-service table; the premium is a percentage of their pay
    vacaciones: function (c, facts) {
      var years = c.count("years", 0);
      var wage = c.amount("wage");
      var days = null;
      if (years === 0) c.fail("years", "calc.error.years_first");
      else if (years) {
        days = vacationDays(facts["vacaciones.por_antiguedad"], years);
        if (days === null) c.fail("years", "calc.error.years_max");
      }
      if (c.failed) return null;
      var pay = wage * days;
      return {
        summary: c.t("calc.vacaciones.days", { years: c.unit("years", years), days: c.unit("days", days) }),
        lines: [
          [c.t("calc.vacaciones.pay", { days: c.unit("days", days) }), pay],
          [c.t("calc.premium"), pay * facts["vacaciones.prima"] / 100]
        ]
      };
    },

    // Unpaid days, proportional aguinaldo of the last year, vacation not taken
    // (the days left from past years plus, LFT art. 79, the part of the year
    // of service in progress) and the premium on that vacation; then, by how
    // the job ended, the seniority premium and the indemnity
    finiquito: function (c, facts) {
      var table = facts["vacaciones.por_antiguedad"];
      var ending = c.choice("ending");
      var work = c.choice("work");
      var contract = c.choice("contract");
      var zone = c.choice("zone");
      var wage = c.amount("wage");
      var start = c.date("start");
      var end = c.date("end");
      if (start > today()) c.fail("start", "calc.error.future");
      var span = (end - start) / DAY + 1;  // NaN unless both dates are given
      if (span < 1) c.fail("end", "calc.error.date_order");
      var unpaid = c.count("unpaid", 0);
      var pending = c.count("pending_vacation", 0);
      if (unpaid > span && span >= 1) c.fail("unpaid", "calc.error.unpaid_days", { days: c.unit("days", span) });
      var service = c.failed ? null : serviceYear(start, end);
      // Days of the year of service in progress, if any of it was served
      var entitled = service && service.served ? vacationDays(table, service.year) : 0;
      if (entitled === null) c.fail("start", "calc.error.years_max");
      // Days left from past years: at most all the days of the years completed
      var completed = service ? service.year - 1 : 0;
      var earned = service && entitled !== null ? earnedDays(table, completed) : null;
      if (earned !== null && pending > earned)
        c.fail("pending_vacation", completed ? "calc.error.pending_vacation" : "calc.error.pending_vacation_first",
          { years: c.unit("years", completed), days: c.unit("days", earned) });
      if (c.failed) return null;
      var year = c.data.year_days;
      var yearStart = Date.UTC(new Date(end).getUTCFullYear(), 0, 1);
      var worked = Math.min((end - Math.max(start, yearStart)) / DAY + 1, year);
      // Whole hundredths of a day, so that the days shown times the wage give the pay shown
      var proportional = hundredths(entitled * service.served / service.length);
      var days = pending + proportional;
      var vacation = wage * days;
      var lines = [
        [c.plural("calc.finiquito.unpaid", unpaid, { days: c.unit("days", unpaid) }), wage * unpaid],
        [c.plural("calc.finiquito.aguinaldo", worked, { days: c.unit("days", worked) }), wage * facts["aguinaldo.dias"] * worked / year],
        [c.t("calc.finiquito.vacation", { days: c.unit("days", days) }), vacation],
        [c.t("calc.premium"), vacation * facts["vacaciones.prima"] / 100]
      ];
      var notes = [];
      // Years of service, the part of the last one in proportion (art. 162
      // as the courts read it: despido.prima_antiguedad_proporcional)
      var years = completed + service.served / service.length;
      var month = facts["salario.divisor_mes"];

      // Seniority premium (art. 162): for whoever is dismissed, with or
      // without cause, or leaves for a justified cause; on resigning, only
      // after despido.prima_antiguedad_renuncia_anos years
      if (ending === "quit" && completed < facts["despido.prima_antiguedad_renuncia_anos"]) {
        notes.push(c.t("calc.finiquito.note.seniority_quit"));
      } else if (contract === "fixed") {
        notes.push(c.t("calc.finiquito.note.seniority_fixed"));
      } else {
        // The daily wage it is counted on: at least the minimum wage of the
        // zone and kind of work, at most that many times it (arts. 485, 486)
        var minimum = minimumWage(facts, work, zone);
        var base = Math.min(Math.max(wage, minimum), minimum * facts["despido.prima_antiguedad_tope_veces"]);
        var seniorityDays = hundredths(facts["despido.prima_antiguedad_dias"] * years);
        lines.push([c.t("calc.finiquito.seniority." + ending, { days: c.unit("days", seniorityDays) }), base * seniorityDays]);
        if (base > wage) notes.push(c.t("calc.finiquito.note.seniority_floor", { wage: c.money.format(base) }));
        if (base < wage) notes.push(c.t("calc.finiquito.note.seniority_cap", { wage: c.money.format(base) }));
      }

      // Indemnity: a dismissal without a justified reason (art. 48), domestic
      // work ended by the employer after its first days (arts. 49 fr. IV, 50,
      // 343), leaving for the employer's fault (arts. 50, 52)
      if (ending === "dismissed" || ending === "employer_fault") {
        var hogar = work === "hogar";
        // Within the days that follow the first one (art. 343): span counts the first day too
        if (ending === "dismissed" && hogar && span - 1 <= facts["despido.hogar_periodo_inicial"]) {
          notes.push(c.t("calc.finiquito.note.hogar_first_days"));
        } else {
          var kind = ending === "employer_fault" ? "employer_fault" : hogar ? "hogar" : "dismissed";
          lines.push([c.t("calc.finiquito.indemnity." + kind), wage * facts["despido.indemnizacion_meses"] * month]);
          var part = perYear(c, facts, contract, completed, span);
          // Outside domestic work, a dismissed worker may ask to go back
          // instead; the art. 50 days are owed when the employer need not
          // take them back (art. 49)
          if (kind === "dismissed") {
            notes.push(c.t("calc.finiquito.note.reinstatement", {
              amount: c.money.format(cents(wage * part.days) / 100), days: c.unit("days", part.days)
            }));
          } else {
            lines.push([part.label, wage * part.days]);
          }
          if (part.wholeYears && service.served) notes.push(c.t("calc.finiquito.note.whole_years"));
          notes.push(c.t("calc.finiquito.note.back_pay"));
        }
      }
      return { lines: lines, notes: notes };
    },

    // Whether the pay reaches the minimum wage once paid rest is counted:
    // one paid rest day for every jornada.dias_por_descanso worked (LFT art.
    // 69), in proportion for fewer days (art. 72); a week is
    // salario.divisor_semana days and a month salario.divisor_mes (art. 89), a
    // fortnight salario.dias_quincena (art. 88)
    pago_justo: function (c, facts) {
      var work = c.choice("work");
      var zone = c.choice("zone");
      var period = c.choice("period");
      var pay = c.amount("pay");
      var days = c.count("week_days", 1);
      var six = facts["jornada.dias_por_descanso"];
      if (days > six) c.fail("week_days", "calc.error.week_days");
      if (c.failed) return null;
      var week = facts["salario.divisor_semana"];
      var month = facts["salario.divisor_mes"];
      var fortnight = facts["salario.dias_quincena"];
      var minimum = minimumWage(facts, work, zone);
      var perMonth = {
        day: pay * days * month / week,
        week: pay * month / week,
        fortnight: pay * month / fortnight,
        month: pay
      }[period];
      // Part-time domestic work: the law gives a day and a half of rest (art.
      // 336) and does not say how it is paid for part of a week, so only the
      // days worked are counted, and the result says so
      var unclear = work === "hogar" && days < six;
      var paid = six + facts["jornada.descanso_dias_pagados"];
      var least = unclear ? minimum * days * month / week : minimum * days * paid / six * month / week;
      var missing = cents(least) - cents(perMonth);
      var values = {
        pay: c.money.format(pay), minimum: c.money.format(minimum), days: c.unit("days", days),
        month: c.number.format(month), week: c.number.format(week), fortnight: c.number.format(fortnight),
        paid: c.number.format(paid), six: c.number.format(six), missing: c.money.format(missing / 100)
      };
      var lines = [
        [c.t("calc.pago_justo.paid"), perMonth],
        [c.t(unclear ? "calc.pago_justo.minimum_worked" : "calc.pago_justo.minimum"), least]
      ];
      if (missing > 0) lines.push([c.t("calc.pago_justo.missing"), missing / 100]);
      var notes = [c.t("calc.pago_justo.formula." + (unclear ? "minimum_worked" : "minimum"), values)];
      if (unclear) notes.push(c.t("calc.pago_justo.unclear"));
      else if (work === "hogar") notes.push(c.t("calc.pago_justo.hogar_rest"));
      var links = [];
      if (missing > 0) links.push([c.t("calc.pago_justo.what_to_do"), "what_to_do"]);
      if (unclear) links.push([c.t("calc.pago_justo.ask"), "help"]);
      return {
        summary: c.t("calc.pago_justo." + (missing > 0 ? "below" : "enough") + (unclear ? "_worked" : ""), values),
        lines: lines,
        total: false,
        formula: c.t("calc.pago_justo.formula." + period, values),
        notes: notes,
        links: links
      };
    }
  };

  // Rounded to hundredths, as days are shown
  function hundredths(n) {
    return Math.round(n * 100) / 100;
  }

  // The minimum wage of a kind of work ("hogar" or other) in a zone
  function minimumWage(facts, work, zone) {
    return facts[(work === "hogar" ? "salario_minimo_hogar." : "salario_minimo.") + zone];
  }

  // The days of wages of art. 50 besides the months: fr. II for a contract
  // with no end date, fr. I for one with an end date. Only full years count
  // where the law says "for each of the years" (wholeYears)
  function perYear(c, facts, contract, completed, span) {
    var days, label;
    if (contract === "indefinite") {
      days = facts["despido.indemnizacion_dias_por_ano"] * completed;
      label = "calc.finiquito.per_year";
    } else if (completed < 1) {
      // Half the time served, in calendar days
      days = hundredths(span * facts["despido.indemnizacion_determinado_fraccion"] / 100);
      return { days: days, label: c.t("calc.finiquito.fixed_short", { days: c.unit("days", days) }), wholeYears: false };
    } else {
      days = facts["despido.indemnizacion_determinado_meses"] * facts["salario.divisor_mes"] +
        facts["despido.indemnizacion_determinado_dias_por_ano"] * (completed - 1);
      label = "calc.finiquito.fixed_long";
    }
    return { days: days, label: c.t(label, { days: c.unit("days", days) }), wholeYears: true };
  }

  // The same day `years` years later (29 February becomes 1 March), at midnight UTC
  function addYears(day, years) {
    var date = new Date(day);
    return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate());
  }

  // The year of service in progress on the last day of work: its number (1 for
  // the first), the days of it served (the last day included) and its length
  function serviceYear(start, end) {
    var after = end + DAY;
    var completed = 0;
    while (addYears(start, completed + 1) <= after) completed += 1;
    var from = addYears(start, completed);
    return { year: completed + 1, served: (after - from) / DAY, length: (addYears(start, completed + 1) - from) / DAY };
  }

  // All the vacation days of the first `years` years of service (null past the table)
  function earnedDays(table, years) {
    var total = 0;
    for (var year = 1; year <= years; year++) {
      var days = vacationDays(table, year);
      if (days === null) return null;
      total += days;
    }
    return total;
  }

  // Vacation days of a year of service from the [first year, last year, days] rows
  function vacationDays(table, year) {
    var days = null;
    table.forEach(function (row) {
      if (row[0] <= year && year <= row[1]) days = row[2];
    });
    return days;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".dc-calc"), function (root) {
    var calculator = new Calculator(root);
    root.querySelector(".dc-calc__nojs").hidden = true;
    calculator.form.hidden = false;
    calculator.form.addEventListener("submit", function (event) {
      event.preventDefault();
      calculator.run();
    });
  });
})();
