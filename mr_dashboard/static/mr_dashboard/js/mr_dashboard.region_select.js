/*
 * The region dropdown of mr_dashboard (#mr-region-select).
 *
 * Submits its form as soon as a region is chosen and hides the form's
 * "Show" button, which stays for browsers without JavaScript. Does nothing
 * on pages without the dropdown.
 */
(function (mr) {
  'use strict';

  mr.boot(function (scope) {
    var select = scope.querySelector('#mr-region-select');
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
  });
})(window.horizon.mr_dashboard);
