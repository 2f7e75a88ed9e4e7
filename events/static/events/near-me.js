// "Near me": on the visitor's click only, the browser's location sorts the filtered upcoming days
// by distance. The distance is computed here; the location is never sent to the server. The
// nearest days take the list's place (one short list, not a second one above it) until the
// visitor asks for all days again.
(function () {
  "use strict";
  var section = document.querySelector("[data-near-me]");
  if (!section || !("geolocation" in navigator) || !window.fetch) return;
  var button = section.querySelector("[data-near-me-button]");
  var status = section.querySelector("[data-near-me-status]");
  var results = section.querySelector("[data-near-me-results]");
  var showAll = section.querySelector("[data-near-me-all]");
  var list = document.getElementById(section.getAttribute("data-list"));
  var lang = document.documentElement.lang || "en";
  var digits = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  var number = window.Intl ? new Intl.NumberFormat(lang, digits) : null;
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang, digits) : null;
  section.hidden = false;
  // The messages come translated from the page (data-msg-*): no inline script under the CSP.
  function message(name, values) {
    var value = section.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      value = value.split("{" + key + "}").join(values[key]);
    });
    return value;
  }

  // "0,3 millas", "2,1 milja": the number and the word as the page's language writes them.
  function distance(value) {
    var rounded = Math.round(value * 10) / 10;
    var category = plural ? plural.select(rounded) : "other";
    var name = section.hasAttribute("data-msg-miles-" + category) ? "miles-" + category : "miles-other";
    return message(name, { miles: number ? number.format(rounded) : rounded.toFixed(1) });
  }

  function miles(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLng = (lng2 - lng1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 3958.8 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function entry(day) {
    var item = document.createElement("li");
    item.className = "day-card" + (day.cancelled ? " day-card--cancelled" : "");
    var heading = text("h3", "", "day-card__title");
    var link = text("a", day.title);
    link.href = day.url;
    // An untranslated day's title is in English: read in the voice of its own language.
    if (day.lang && day.lang !== lang) link.lang = day.lang;
    heading.appendChild(link);
    if (day.status) {
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(text("span", day.status, "tag tag--" + (day.cancelled ? "cancelled" : "moved")));
    }
    item.appendChild(heading);
    if (day.notice) {
      var notice = text("div", "", "status-notice status-notice--" + (day.cancelled ? "cancelled" : "moved"));
      var said = text("p", day.notice);
      if (day.notice_lang && day.notice_lang !== lang) said.lang = day.notice_lang;
      notice.appendChild(said);
      item.appendChild(notice);
    }
    item.appendChild(text("p", message("away", { distance: distance(day.miles) }), "day-card__distance"));
    item.appendChild(text("p", day.when, "day-card__when"));
    item.appendChild(text("p", day.place + ", " + day.address, "day-card__where"));
    // A cancelled day offers no way to travel there (its notice says where to go instead).
    if (day.directions && !day.cancelled) {
      var directions = text("a", message("directions"));
      directions.href = day.directions;
      directions.rel = "noreferrer";
      directions.target = "_blank";
      var line = text("p", "", "day-card__links");
      line.appendChild(directions);
      item.appendChild(line);
    }
    return item;
  }

  function show(days, here) {
    days.forEach(function (day) {
      day.miles = miles(here.latitude, here.longitude, day.lat, day.lng);
    });
    days.sort(function (a, b) {
      return (Math.round(a.miles * 2) - Math.round(b.miles * 2)) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
    });
    results.textContent = "";
    days.slice(0, 10).forEach(function (day) { results.appendChild(entry(day)); });
    var found = days.length > 0;
    results.hidden = !found;
    // The nearest days replace the list (which stays one click away).
    if (list) list.hidden = found;
    showAll.hidden = !found;
    status.textContent = found
      ? message("showing", { shown: Math.min(days.length, 10), total: days.length })
      : message("none");
  }

  showAll.addEventListener("click", function () {
    results.hidden = true;
    showAll.hidden = true;
    status.textContent = "";
    if (list) {
      list.hidden = false;
      var heading = list.querySelector("h2");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
  });

  button.addEventListener("click", function () {
    status.textContent = message("finding");
    navigator.geolocation.getCurrentPosition(function (position) {
      fetch(section.getAttribute("data-source"), { credentials: "omit" })
        .then(function (response) { return response.json(); })
        .then(function (data) { show(data.days, position.coords); })
        .catch(function () { status.textContent = message("failed"); });
    }, function () {
      status.textContent = message("denied");
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });
})();
