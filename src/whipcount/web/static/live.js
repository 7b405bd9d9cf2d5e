// Live dashboard: when the server says the scenario changed, fetch the fresh fragment and swap it in.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  // the page's nonce: the charts swapped in carry their CSS in <style> elements, which apply only marked with it
  var nonce = document.currentScript ? document.currentScript.nonce : "";
  var swap = function (html) {
    live.innerHTML = html.split("<style>").join('<style nonce="' + nonce + '">');
  };
  // how far a fragment has got: its revision, then whether its P(pass) has landed (a pending one is earlier)
  var progress = function (tally) {
    return tally ? [Number(tally.dataset.revision), tally.dataset.pending === "1" ? 0 : 1] : [-1, 0];
  };
  var earlier = function (a, b) { return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]); };
  var stream = null;
  var ended = false;
  // signed out (here, in another tab, or by an administrator): stop, and say so instead of swapping in
  // whatever the server answers (the sign-in page, after a redirect)
  var signedOut = function () {
    ended = true;
    stepDown();
    var note = document.getElementById("live-ended");
    if (note) note.hidden = false;
    var status = document.getElementById("live-status");
    if (status) status.textContent = "Signed out: live updates stopped. Reload the page to sign in again.";
  };
  var isSignedOut = function (r) {
    // only the fragment itself carries X-Revision; a redirect (to /login) or any other page is not it
    return r.redirected || r.status === 401 || (r.ok && !r.headers.get("X-Revision"));
  };
  var onRevision = function (data) {
    var rev = String(JSON.parse(data).revision);
    var t0 = document.getElementById("tally");
    // the same revision again: its P(pass) has landed (fetched only if this page still waits for it)
    if (rev === live.dataset.revision && !(t0 && t0.dataset.pending === "1")) return;
    fetch(live.dataset.fragment, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (isSignedOut(r)) {
          signedOut();
          return null;
        }
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        // fetched on an earlier event but arrived after a later one's (a slow connection): keep the later
        // (read from the text: a parsed copy would apply its charts' styles, which the page's policy refuses)
        var m = /id="tally" data-revision="(\d+)" data-pending="(\d)"/.exec(html);
        var fresh = m ? [Number(m[1]), m[2] === "1" ? 0 : 1] : [-1, 0];
        if (earlier(fresh, progress(document.getElementById("tally")))) return;
        // keep keyboard focus where it was (the element with the same id in the fresh fragment), the tables the
        // reader opened open, and the tables scrolled where they were
        var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : "";
        var opened = [].map.call(live.querySelectorAll("details[open][id]"), function (d) { return d.id; });
        var scrolled = [].map.call(live.querySelectorAll(".scroll[id]"), function (el) {
          return [el.id, el.scrollLeft, el.scrollTop];
        });
        swap(html);
        opened.forEach(function (id) { var d = document.getElementById(id); if (d) d.open = true; });
        scrolled.forEach(function (s) {
          var el = document.getElementById(s[0]);
          if (el) { el.scrollLeft = s[1]; el.scrollTop = s[2]; }
        });
        if (focused) {
          var again = document.getElementById(focused);
          if (again) again.focus({ preventScroll: true });
        }
        var t = document.getElementById("tally");
        live.dataset.revision = t ? t.dataset.revision : rev;
        // the live region outside the swapped fragment announces the new numbers to screen readers
        var status = document.getElementById("live-status");
        var value = function (id) { var el = document.getElementById(id); return el ? el.textContent.trim() : "n/a"; };
        if (status) {
          // under a negative threshold the page shows the noes that reject the motion, not a number needed
          var bar = document.getElementById("reject") ? "rejected at " + value("reject") : "needed " + value("magic");
          status.textContent = "Updated: " + bar + ", yes " + value("yes") + ", P(pass) " + value("ppass");
        }
      });
  };
  // The browser connects the stream again by itself after a network error, but gives up for good on an answer
  // that is no event stream (a proxy's 502 while the server restarts, a 503, a 401 once the session ended
  // meanwhile). Then ask for the fragment: signed out, say so; otherwise connect again, a little later each
  // time, and the stream's first events (the revisions now) bring in what changed meanwhile.
  var wait = 1000;
  var retry = function () {
    if (ended) return;
    fetch(live.dataset.fragment, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (isSignedOut(r)) { tell("signed-out", "{}"); signedOut(); }
      else connect();
    }, function () { later(); });
  };
  var later = function () {
    setTimeout(retry, wait);
    wait = Math.min(wait * 2, 30000);
  };
  var connect = function () {
    if (ended || document.hidden || (shared && !leading)) return;
    if (stream && stream.readyState !== EventSource.CLOSED) return;
    // the shared stream carries every scenario's changes (each window picks its own); a window's own, its scenario's
    stream = new EventSource("/events/stream" + (shared ? "" : "?scenario=" + encodeURIComponent(scenario)));
    stream.addEventListener("open", function () { wait = 1000; });
    stream.addEventListener("signed-out", function () { tell("signed-out", "{}"); signedOut(); });
    stream.addEventListener("revision", function (e) {
      var sid = JSON.parse(e.data).scenario;
      heard[sid] = e.data;
      tell("revision", e.data);
      if (sid === scenario) onRevision(e.data);
    });
    stream.addEventListener("error", function (e) {
      if (e.target === stream && stream.readyState === EventSource.CLOSED) later();
    });
  };
  // A browser opens at most six connections to one server over HTTP/1.1, and each open stream holds one. So the
  // dashboard windows of one browser share one stream, whatever their scenarios: the window that holds the lock
  // "whipcount-live" (the Web Locks API) opens it and passes every event on to the others over a BroadcastChannel
  // of that name, each window taking its own scenario's; when it closes or goes out of sight, the lock passes to a
  // window waiting for it, which opens the stream anew (its first events, every scenario's revision now, bring
  // every window what changed meanwhile). A window coming into view asks the holder for the last revision of its
  // scenario. Where a browser has neither API (Web Locks need HTTPS or localhost), each window in view has a
  // stream of its own scenario.
  var scenario = live.dataset.scenario;
  var shared = !!(navigator.locks && window.BroadcastChannel);
  var name = "whipcount-live";
  var channel = shared ? new BroadcastChannel(name) : null;
  var heard = Object.create(null); // scenario: the data of the last revision event this window's stream brought of it
  var leading = false;
  var release = null; // ends this window's hold on the lock
  var asking = null; // withdraws this window's place in the lock's queue
  var tell = function (type, data) { if (leading) channel.postMessage({ type: type, data: data }); };
  var stepDown = function () {
    if (asking) asking.abort();
    asking = null;
    if (release) release();
    release = null;
    leading = false;
    heard = Object.create(null);
    if (stream) stream.close();
  };
  var lead = function () {
    if (!shared) return connect();
    if (ended || document.hidden || asking) return;
    var mine = asking = new AbortController();
    navigator.locks.request(name, { signal: mine.signal }, function () {
      if (mine !== asking) return null; // granted just as this window went out of sight: let it go at once
      return new Promise(function (resolve) {
        release = resolve;
        leading = true;
        connect();
      });
    }).catch(function () {}); // withdrawn before it was granted
    channel.postMessage({ type: "hello", scenario: scenario });
  };
  if (shared) {
    channel.addEventListener("message", function (m) {
      var msg = m.data || {};
      if (msg.type === "hello") {
        if (leading && heard[msg.scenario]) channel.postMessage({ type: "revision", data: heard[msg.scenario] });
      } else if (!ended && !document.hidden && !leading) {
        if (msg.type === "signed-out") signedOut();
        else if (msg.type === "revision" && JSON.parse(msg.data).scenario === scenario) onRevision(msg.data);
      }
    });
  }
  // A tab out of sight lets its stream go (or its hold on the shared one, or its place in the queue for it), so
  // that the windows in view (or a form sent from one) are not left waiting, and takes it up again when it comes
  // back into view
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) stepDown();
    else lead();
  });
  lead();
})();
