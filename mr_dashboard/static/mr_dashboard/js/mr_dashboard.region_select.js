/*
 * The region dropdown of mr_dashboard (#mr-region-select).
 *
 * Submits its form as soon as a region is chosen and hides the form's
 * "Show" button, which stays for browsers without JavaScript. Does nothing
 * on pages without the dropdown and leaves no globals behind.
 */
(function () {
  'use strict';

  function init() {
    var select = document.getElementById('mr-region-select');
    if (!select) {
      return;
    }
    var button = select.form.querySelector('[data-mr-region-submit]');
    if (button) {
      button.style.display = 'none';
    }
    select.addEventListener('change', function () {
      select.form.submit();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
