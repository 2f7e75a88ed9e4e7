// "Near me": on the visitor's click only, the browser's location sorts the filtered upcoming days
// by distance. The distance is computed here; the location is never sent to the server.
(function () {
  "use strict";
  var section = document.querySelector("[data-near-me]");
  if (!section || !("geolocation" in navigator) || !window.fetch) return;
  var button = section.querySelector("[data-near-me-button]");
  var status = section.querySelector("[data-near-me-status]");
  var results = section.querySelector("[data-near-me-results]");
  section.hidden = false;
  // The messages come translated from the page (data-msg-*): no inline script under the CSP.
  function message(name, values) {
    var value = section.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      value = value.split("{" + key + "}").join(values[key]);
    });
    return value;
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

  function show(days, here) {
    days.forEach(function (day) {
      day.miles = miles(here.latitude, here.longitude, day.lat, day.lng);
    });
    days.sort(function (a, b) {
      return (Math.round(a.miles * 2) - Math.round(b.miles * 2)) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
    });
    results.textContent = "";
    days.slice(0, 10).forEach(function (day) {
      var item = document.createElement("li");
      var heading = document.createElement("h3");
      var link = text("a", day.title);
      link.href = day.url;
      // An untranslated day's title is in English: read in the voice of its own language.
      if (day.lang && day.lang !== document.documentElement.lang) link.lang = day.lang;
      heading.appendChild(link);
      if (day.status) heading.appendChild(text("span", " " + day.status, "tag"));
      item.appendChild(heading);
      item.appendChild(text("p", message("away", { miles: day.miles.toFixed(1) }) + " " + day.when));
      item.appendChild(text("p", day.place + ", " + day.address));
      var directions = text("a", message("directions"));
      directions.href = day.directions;
      directions.rel = "noreferrer";
      directions.target = "_blank";
      var line = document.createElement("p");
      line.appendChild(directions);
      item.appendChild(line);
      results.appendChild(item);
    });
    results.hidden = days.length === 0;
    status.textContent = days.length
      ? message("showing", { shown: Math.min(days.length, 10), total: days.length })
      : message("none");
  }

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
