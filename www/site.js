/* The Daily Courier: host page script (plain script, not a module).
   Proves the host page's own scripts keep working next to the widget. */
(function () {
  "use strict";

  function init() {
    document.body.dataset.hostScript = "ran";

    // Cookie banner: any of its buttons dismisses it.
    var banner = document.getElementById("cookie-banner");
    if (banner) {
      banner.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-cookie]");
        if (!button) return;
        banner.classList.add("is-dismissed");
        banner.hidden = true;
        document.body.dataset.cookieChoice = button.dataset.cookie;
      });
    }

    // Sections menu toggle (collapses/expands the nav).
    var toggle = document.getElementById("menu-toggle");
    var nav = document.getElementById("site-nav");
    if (toggle && nav) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!open));
        nav.classList.toggle("hidden", open);
      });
    }

    // Newsletter form: handled client-side on the demo page.
    var form = document.getElementById("newsletter-signup");
    var status = document.getElementById("newsletter-status");
    if (form && status) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        status.textContent = "Thanks! Check your inbox to confirm your subscription.";
        form.reset();
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
