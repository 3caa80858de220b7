// Material's search worker, with stemming that works while the reader types.
// Material adds a trailing wildcard to every query word ("pagos" -> "pagos*"),
// and lunr runs no pipeline on wildcard words, so a stemmed index ("pag")
// never matches a whole word. Stem the word first, then keep the wildcard
// for the word being typed only.
// This file sits beside Material's worker so that its "../lunr" path holds.
importScripts(new URL(location.href).searchParams.get("material"))

;(function () {
  "use strict"
  lunr.Index.prototype.search = function (queryString) {
    var index = this
    var stemmed = {} // the reader's word -> its stem
    var results = this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse()
      var last = query.clauses.length - 1
      query.clauses = query.clauses.filter(function (clause, number) {
        var word = /^[^*]+\*$/.exec(clause.term) && clause.term.slice(0, -1)
        if (!word || "editDistance" in clause) return true
        // The index's pipeline is the search pipeline: the stemmer and the
        // stop words, if any. A stop word would match every word it begins:
        // drop it, unless it is all the reader typed so far.
        var stems = index.pipeline.runString(word)
        if (!stems.length || !stems[0]) return last === 0
        if (stems.length !== 1) return true
        stemmed[word] = stems[0]
        // Only the word being typed (the last) is a beginning: a word the
        // reader finished is that word ("me" in "me pagan" is not "médico")
        clause.term = number === last ? stems[0] + "*" : stems[0]
        return true
      })
    })
    // Material marks a word "Missing" unless a term the result matched
    // begins with it; the terms are stems ("fire" for "fired"), so also
    // list the reader's word where its stem matched (no positions: nothing
    // more to highlight)
    results.forEach(function (result) {
      var terms = Object.keys(result.matchData.metadata)
      Object.keys(stemmed).forEach(function (word) {
        var stem = stemmed[word]
        if (word in result.matchData.metadata) return
        if (terms.some(function (term) { return term.indexOf(stem) === 0 }))
          result.matchData.metadata[word] = {}
      })
    })
    return results
  }
})()
