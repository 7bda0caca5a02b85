/*
 * Rows that refresh themselves (Horizon's ajax rows: a stack or a snapshot
 * in progress) keep refreshing while their region is unavailable.
 *
 * Horizon's table script stops refreshing a row after any answer but a
 * 404 (the object is gone). The plugin answers a row's refresh 503 when
 * the row's region timed out, refused or failed
 * (panels/shared/row_refresh.py): the row gets its refreshing marks back,
 * so that Horizon asks for it again at its next poll (each poll further
 * apart while nothing changes, up to 30 s) and the row settles once its
 * region answers. Any other failure still stops the row, as in Horizon.
 */
(function (mr) {
  'use strict';

  var UNAVAILABLE = 503;

  function keepRefreshing(event, xhr, settings) {
    if (!xhr || xhr.status !== UNAVAILABLE || !settings || !settings.url) {
      return;
    }
    window.jQuery('tr[data-update-url]').filter(function () {
      return this.getAttribute('data-update-url') === settings.url;
    }).addClass('warning ajax-update');
  }

  mr.boot(function (scope) {
    // Once a page: a modal has no refreshing rows of its own.
    if (scope === document) {
      window.jQuery(document).on('ajaxError', keepRefreshing);
    }
  });
})(window.horizon.mr_dashboard);
