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
    if (stream) stream.close();
    var note = document.getElementById("live-ended");
    if (note) note.hidden = false;
    var status = document.getElementById("live-status");
    if (status) status.textContent = "Signed out: live updates stopped. Reload the page to sign in again.";
  };
  var isSignedOut = function (r) {
    // only the fragment itself carries X-Revision; a redirect (to /login) or any other page is not it
    return r.redirected || r.status === 401 || (r.ok && !r.headers.get("X-Revision"));
  };
  var onRevision = function (e) {
    var rev = String(JSON.parse(e.data).revision);
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
  // time, and the stream's first event (the revision now) brings in what changed meanwhile.
  var wait = 1000;
  var retry = function () {
    if (ended) return;
    fetch(live.dataset.fragment, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (isSignedOut(r)) signedOut();
      else connect();
    }, function () { later(); });
  };
  var later = function () {
    setTimeout(retry, wait);
    wait = Math.min(wait * 2, 30000);
  };
  var connect = function () {
    if (ended || document.hidden || (stream && stream.readyState !== EventSource.CLOSED)) return;
    stream = new EventSource("/events/stream?scenario=" + encodeURIComponent(live.dataset.scenario));
    stream.addEventListener("open", function () { wait = 1000; });
    stream.addEventListener("signed-out", signedOut);
    stream.addEventListener("revision", onRevision);
    stream.addEventListener("error", function (e) {
      if (e.target === stream && stream.readyState === EventSource.CLOSED) later();
    });
  };
  // A browser opens at most six connections to one server over HTTP/1.1, and each open stream holds one: a tab
  // out of sight lets its stream go, so that another tab (or a form sent from one) is not left waiting, and
  // connects again when it comes back into view (the stream's first event then brings in what changed meanwhile)
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (stream) stream.close();
    } else {
      connect();
    }
  });
  connect();
})();
