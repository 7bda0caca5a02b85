/*
 * Region health for the Regions page of mr_dashboard.
 *
 * Acts only on a page holding an element with data-mr-health-url: polls
 * that URL (horizon.mr_dashboard.poll: at once, then every
 * data-mr-health-refresh seconds, paused in a hidden tab, later after a
 * failure) for {region: {ok, kind, label, message, elapsed_ms, summary}}
 * and writes each answer into the cells marked
 * data-mr-health-region="<region>" (green when it answered, amber while it
 * is answering slowly: kind "late", red when it failed). A failed request
 * keeps the last values.
 */
(function (mr) {
  'use strict';

  var STATE_CLASSES = {ok: 'text-success', late: 'text-warning', error: 'text-danger'};

  function paint(cell, entry) {
    var late = entry.kind === 'late';
    cell.textContent = entry.summary;
    cell.title = entry.message || '';
    cell.setAttribute('data-mr-health-state', entry.ok ? 'ok' : entry.kind);
    cell.classList.toggle(STATE_CLASSES.ok, entry.ok);
    cell.classList.toggle(STATE_CLASSES.late, late);
    cell.classList.toggle(STATE_CLASSES.error, !entry.ok && !late);
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

  mr.boot(function (scope) {
    var root = scope.querySelector('[data-mr-health-url]');
    if (root) {
      mr.poll(root.getAttribute('data-mr-health-url'), {
        every: mr.every(root, 'data-mr-health-refresh', 10),
        onAnswer: function (health) {
          update(root, health);
        }
      });
    }
  });
})(window.horizon.mr_dashboard);
