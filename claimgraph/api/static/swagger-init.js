// Starts Swagger UI on the docs page; kept in a file because the CSP forbids inline script.
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec-url") || "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // no request to the public validator service: everything stays on this server
    validatorUrl: null,
  });
})();
