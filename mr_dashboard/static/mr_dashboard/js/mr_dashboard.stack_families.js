/*
 * Remote links of the Stacks page of mr_dashboard, filled in after the page.
 *
 * Acts only on a page holding [data-mr-families-batches]: the rows whose
 * remote parent and children the server did not know yet, in batches (one
 * signed token each, space-separated). Asks data-mr-families-url for every
 * batch (horizon.mr_dashboard.request, ?batch=<token>), then writes each
 * answer into its row: the family cell ([data-mr-family], "pending" until
 * then) gets the marks, built with DOM calls (names and regions as text,
 * never as HTML; a link only to a path of this site), and a parent's row
 * gets the data-display text Horizon's delete confirmation shows. A cell
 * left without an answer ends "unknown". Rows added later (the late
 * regions', mr_dashboard.late_stacks.js) come with batches of their own
 * and an "mr:rows-added" event: they are asked for the same way.
 */
(function (mr) {
  'use strict';

  function linkNodes(link) {
    var name;
    var href = mr.localPath(link.url);
    if (href) {
      name = document.createElement('a');
      name.href = href;
      name.textContent = link.text;
    } else {
      name = document.createTextNode(link.text);
    }
    return [name, document.createTextNode(' (' + link.region + ')')];
  }

  function markNode(mark) {
    var span = document.createElement('span');
    span.className = mark.css_class;
    span.appendChild(document.createTextNode(mark.label + ' '));
    mark.links.forEach(function (link, index) {
      if (index) {
        span.appendChild(document.createTextNode(', '));
      }
      linkNodes(link).forEach(function (node) {
        span.appendChild(node);
      });
    });
    return span;
  }

  function paint(row, entry) {
    var cell = row.querySelector('[data-mr-family]');
    if (!cell) {
      return;
    }
    cell.textContent = '';
    entry.marks.forEach(function (mark, index) {
      if (index) {
        cell.appendChild(document.createElement('br'));
      }
      cell.appendChild(markNode(mark));
    });
    cell.setAttribute('data-mr-family', entry.state);
    if (entry.warning) {
      row.setAttribute('data-display', entry.warning);
    }
  }

  function rowsById(root) {
    var rows = {};
    var found = root.querySelectorAll('tr[data-object-id]');
    Array.prototype.forEach.call(found, function (row) {
      rows[row.getAttribute('data-object-id')] = row;
    });
    return rows;
  }

  function settle(root) {
    var left = root.querySelectorAll('[data-mr-family="pending"]');
    Array.prototype.forEach.call(left, function (cell) {
      cell.textContent = '';
      cell.setAttribute('data-mr-family', 'unknown');
    });
    root.setAttribute('data-mr-families-state', 'settled');
  }

  function start(root) {
    var url = root.getAttribute('data-mr-families-url');
    root.removeAttribute('data-mr-families-state');
    var batches = root.getAttribute('data-mr-families-batches').split(' ');
    Promise.all(batches.map(function (batch) {
      return mr.request(url + '?' + new URLSearchParams({batch: batch})).then(function (answer) {
        var rows = rowsById(root);
        Object.keys(answer.rows).forEach(function (id) {
          if (rows[id]) {
            paint(rows[id], answer.rows[id]);
          }
        });
      }).catch(mr.warn);
    })).then(function () {
      settle(root);
    });
  }

  mr.boot(function (scope) {
    var root = scope.querySelector('[data-mr-families-batches]');
    if (root) {
      start(root);
    }
    scope.addEventListener('mr:rows-added', function (event) {
      start(event.target);
    });
  });
})(window.horizon.mr_dashboard);
