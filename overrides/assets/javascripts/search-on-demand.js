// Material's search downloads its index and its worker as soon as any page
// loads: tens of KB of prepaid data for a reader who may never search. Hold
// both back until the reader opens the search. This script must run before
// Material's bundle (which starts the search when it runs): both are
// deferred, and deferred scripts run in the order of the page, this one first.
(function () {
  "use strict"
  // From a file (the offline copy) Material already waits for the search
  // to open, and may run its worker in an iframe: leave it as it is
  if (location.protocol === "file:") return
  var config = JSON.parse(document.getElementById("__config").textContent)
  var index = new URL("search/search_index.json", new URL(config.base, location.href)).href
  var script = new URL(config.search, location.href).href
  // Material's worker, loaded by ours (see workers/search-stemmed.js)
  var stemmed = new URL("workers/search-stemmed.js", document.currentScript.src)
  stemmed.searchParams.set("material", script)
  var toggle = document.getElementById("__search")
  var waiting = []
  var deferred = new WeakSet()
  var wanted = false

  function want() {
    if (wanted) return
    wanted = true
    waiting.splice(0).forEach(function (start) { start() })
  }
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) want()
    })
  }

  // Material fetches the index with XMLHttpRequest
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    if (new URL(url, location.href).href === index) deferred.add(this)
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    if (wanted || !deferred.has(this)) return send.apply(this, arguments)
    var request = this, args = arguments
    waiting.push(function () { send.apply(request, args) })
  }

  // Material posts to its worker only once the index has arrived, so the
  // worker script is fetched then, not when the page loads
  var Worker = window.Worker
  class SearchWorker extends EventTarget {
    constructor(options) {
      super()
      this.options = options
      this.worker = null
    }
    postMessage(message, transfer) {
      if (!this.worker) {
        this.worker = new Worker(stemmed.href, this.options)
        this.worker.addEventListener("message", (event) => {
          this.dispatchEvent(new MessageEvent("message", { data: event.data }))
        })
      }
      this.worker.postMessage(message, transfer || [])
    }
    terminate() {
      if (this.worker) this.worker.terminate()
    }
  }
  window.Worker = function (url, options) {
    return new URL(url, location.href).href === script
      ? new SearchWorker(options)
      : new Worker(url, options)
  }
})()
