// Map on request: nothing is fetched from the map provider until the visitor asks for the map.
// Without JavaScript the link simply opens OpenStreetMap.
(function () {
  "use strict";
  var link = document.querySelector("[data-map-on-request]");
  var slot = document.querySelector("[data-map-slot]");
  if (!link || !slot) return;
  link.addEventListener("click", function (event) {
    if (slot.querySelector("iframe")) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = link.getAttribute("data-embed");
    frame.title = link.getAttribute("data-map-title") || "Map of the service day location";
    frame.loading = "lazy";
    frame.referrerPolicy = "no-referrer";
    frame.className = "map-slot__frame";
    slot.appendChild(frame);
    slot.hidden = false;
    link.setAttribute("aria-expanded", "true");
  });
})();
