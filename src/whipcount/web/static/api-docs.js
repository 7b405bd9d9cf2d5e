// The API docs' Swagger UI, set up from this file rather than an inline script, so that the page runs under the
// pages' own Content Security Policy (script-src 'self', no inline script or style). No online validator:
// Swagger UI's default is a site of its own, whose badge the policy would refuse.
"use strict";
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
// Under Swagger UI, following "Skip to main content" to #main left the focus on the link (Chromium), where on the
// other pages it moves to the main landmark: here the link gives the main landmark the focus itself
document.querySelector("a.skip").addEventListener("click", function (e) {
  e.preventDefault();
  document.getElementById("main").focus();
});
