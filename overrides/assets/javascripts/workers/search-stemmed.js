// Material's search worker, with stemming that works while the reader types.
// Material adds a trailing wildcard to every query word ("pagos" -> "pagos*"),
// and lunr runs no pipeline on wildcard words, so a stemmed index ("pag")
// never matches a whole word. Stem the word first, then keep the wildcard.
// This file sits beside Material's worker so that its "../lunr" path holds.
importScripts(new URL(location.href).searchParams.get("material"))

;(function () {
  "use strict"
  lunr.Index.prototype.search = function (queryString) {
    var index = this
    return this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse()
      query.clauses.forEach(function (clause) {
        var word = /^[^*]+\*$/.exec(clause.term) && clause.term.slice(0, -1)
        if (!word || "editDistance" in clause) return
        // The index's pipeline is the search pipeline: the stemmer, if any
        var stems = index.pipeline.runString(word)
        if (stems.length === 1 && stems[0]) clause.term = stems[0] + "*"
      })
    })
  }
})()
