/*
 * Region health for the Regions page of mr_dashboard.
 *
 * Acts only on a page holding an element with data-mr-health-url: asks that
 * URL for {region: {ok, kind, label, message, elapsed_ms, summary}} at once,
 * then every data-mr-health-refresh seconds, and writes each answer into the
 * cells marked data-mr-health-region="<region>". Leaves no globals behind.
 */
(function () {
  'use strict';

  var STATE_CLASSES = {ok: 'text-success', error: 'text-danger'};

  function paint(cell, entry) {
    cell.textContent = entry.summary;
    cell.title = entry.message || '';
    cell.setAttribute('data-mr-health-state', entry.ok ? 'ok' : entry.kind);
    cell.classList.toggle(STATE_CLASSES.ok, entry.ok);
    cell.classList.toggle(STATE_CLASSES.error, !entry.ok);
  }

  function update(root, health) {
    var cells = root.querySelectorAll('[data-mr-health-region]');
    Array.prototype.forEach.call(cells, function (cell) {
      var entry = health[cell.getAttribute('data-mr-health-region')];
      if (entry) {
        paint(cell, entry);
      }
    });
  }

  function start(root) {
    var url = root.getAttribute('data-mr-health-url');
    var seconds = parseInt(root.getAttribute('data-mr-health-refresh'), 10);
    var delay = (seconds > 0 ? seconds : 10) * 1000;

    function poll() {
      if (document.hidden) {
        window.setTimeout(poll, delay);
        return;
      }
      window.fetch(url, {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {'Accept': 'application/json',
                  'X-Requested-With': 'XMLHttpRequest'}
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('health request answered ' + response.status);
        }
        return response.json();
      }).then(function (health) {
        update(root, health);
      }).catch(function (error) {
        // Keep the last known values; the next poll tries again.
        window.console.warn('mr_dashboard: ' + error.message);
      }).then(function () {
        window.setTimeout(poll, delay);
      });
    }

    poll();
  }

  function init() {
    var root = document.querySelector('[data-mr-health-url]');
    if (root) {
      start(root);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
