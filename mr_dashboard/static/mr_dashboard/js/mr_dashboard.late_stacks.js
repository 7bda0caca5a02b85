/*
 * The rows of late regions on the Stacks page of mr_dashboard.
 *
 * Acts only on a page holding [data-mr-late-url]: the page was made
 * without the regions still answering (each shows in the banner as
 * answering slowly). Asks that URL (horizon.mr_dashboard.poll) until it
 * answers {state: "done", html}: the table rendered again by the server,
 * late rows in their places, and the banner entries of the late regions
 * that failed. Then inserts each row the page does not have after the
 * row before it (class mr-row-arrived), removes the rows the server moved
 * to the next page (a late region held more than a page before them) and
 * says how many, replaces the head's count and paging links (and, for a
 * table made without rows, its caption and head: Horizon gave it no batch
 * actions) and the table's footer (the
 * item count and the paging links, whose cursors count the late rows),
 * replaces each late region's banner entry with its failure or removes
 * it, and hands the new rows' remote links to the families script
 * (data-mr-families-batches and an "mr:rows-added" event on #mr-stacks).
 * A late row in progress refreshes itself as the page's own do: Horizon's
 * row updates run while the page has such rows, and stop (or never start)
 * once it has none; the script starts them again for the late rows then.
 * The HTML is the server's own rendering, every text in it escaped there.
 */
(function (mr) {
  'use strict';

  var EVERY = 50;

  function parse(html) {
    return new window.DOMParser().parseFromString(html, 'text/html');
  }

  function rowIds(tbody) {
    var ids = {};
    Array.prototype.forEach.call(tbody.querySelectorAll('tr[data-object-id]'), function (row) {
      ids[row.getAttribute('data-object-id')] = row;
    });
    return ids;
  }

  /* Insert the rows of `fresh` that `tbody` lacks, each after the row
   * that precedes it there; returns how many were added. */
  function addRows(tbody, fresh) {
    var have = rowIds(tbody);
    var previous = null;
    var added = 0;
    var rows = fresh.querySelectorAll('tbody tr[data-object-id]');
    Array.prototype.forEach.call(rows, function (row) {
      var id = row.getAttribute('data-object-id');
      if (have[id]) {
        previous = have[id];
        return;
      }
      var copy = document.importNode(row, true);
      copy.classList.add('mr-row-arrived');
      tbody.insertBefore(copy, previous ? previous.nextSibling : tbody.firstChild);
      previous = copy;
      added += 1;
    });
    if (added) {
      Array.prototype.forEach.call(tbody.querySelectorAll('tr.empty'), function (row) {
        row.parentNode.removeChild(row);
      });
    }
    return added;
  }

  /* Remove the rows of `tbody` that `fresh` moved to the next page (a
   * late region held more than a page before them); returns how many. */
  function dropMoved(tbody, fresh) {
    var keep = rowIds(fresh.querySelector('tbody'));
    var moved = 0;
    Array.prototype.forEach.call(tbody.querySelectorAll('tr[data-object-id]'), function (row) {
      if (!keep[row.getAttribute('data-object-id')]) {
        row.parentNode.removeChild(row);
        moved += 1;
      }
    });
    return moved;
  }

  /* The head's count and paging row (the one holding .table_count). */
  function headCount(table) {
    var count = table.querySelector('thead .table_count');
    return count && count.closest('tr');
  }

  function replaceHeadCount(table, fresh) {
    var mine = headCount(table);
    var theirs = headCount(fresh);
    if (mine && theirs) {
      mine.parentNode.replaceChild(document.importNode(theirs, true), mine);
    }
  }

  /* The table's ends once its rows changed (`changed`). Horizon gives a
   * table made without rows (`wasEmpty`) no batch actions (in its caption)
   * and no count at its head: the server's, made with the rows, replace
   * them. A table that had rows keeps its caption, and with it the filter
   * the user may be typing into; its head's count is replaced. */
  function refreshEnds(table, fresh, changed, wasEmpty) {
    if (wasEmpty) {
      replacePart(table, fresh, 'caption');
      replacePart(table, fresh, 'thead');
      initCaption(table);
    } else if (changed) {
      replaceHeadCount(table, fresh);
    }
    replacePart(table, fresh, 'tfoot');
  }

  /* Horizon binds its filter's field menu when the page loads (its
   * watch for new menus does not run): the new caption's is bound here. */
  function initCaption(table) {
    var forms = window.horizon.forms;
    if (forms && forms.init_themable_select && window.jQuery) {
      forms.init_themable_select(window.jQuery(table.querySelector('caption')));
    }
  }

  // Horizon's rows that refresh themselves (a stack in progress).
  var UPDATING = 'tr.warning.ajax-update';

  /* Horizon's row updates, started again for the rows just added when the
   * page had no row in progress: its loop ends (or never began) on a page
   * without any, and would leave a late region's rows as they came. */
  function wakeRowUpdates(tbody, hadUpdating) {
    var datatables = window.horizon.datatables;
    var first = tbody.querySelector(UPDATING);
    if (hadUpdating || !first || !datatables || !datatables.update) {
      return;
    }
    window.setTimeout(datatables.update, Number(first.getAttribute('data-update-interval')));
  }

  function sayMoved(root, moved) {
    var note = document.createElement('p');
    note.className = 'mr-late-moved text-muted';
    note.setAttribute('role', 'status');
    note.textContent = window.interpolate(window.ngettext(
      '%s stack moved to the next pages to make room for the late regions.',
      '%s stacks moved to the next pages to make room for the late regions.',
      moved), [moved]);
    root.parentNode.insertBefore(note, root);
  }

  /* Put the server's `selector` part of `fresh` in place of the page's. */
  function replacePart(table, fresh, selector) {
    var mine = table.querySelector(selector);
    var theirs = fresh.querySelector(selector);
    if (mine && theirs) {
      mine.parentNode.replaceChild(document.importNode(theirs, true), mine);
    }
  }

  function settleBanner(scope, fresh) {
    var banner = scope.querySelector('#mr-region-problems');
    if (!banner) {
      return;
    }
    var late = banner.querySelectorAll('[data-mr-problem-kind="late"]');
    Array.prototype.forEach.call(late, function (entry) {
      var region = entry.getAttribute('data-mr-region-problem');
      var failed = Array.prototype.filter.call(
        fresh.querySelectorAll('[data-mr-region-problem]'), function (item) {
          return item.getAttribute('data-mr-region-problem') === region;
        })[0];
      if (failed) {
        entry.parentNode.replaceChild(document.importNode(failed, true), entry);
      } else {
        entry.parentNode.removeChild(entry);
      }
    });
    if (!banner.querySelector('[data-mr-region-problem]')) {
      banner.parentNode.removeChild(banner);
    }
  }

  function merge(scope, root, html) {
    var fresh = parse(html);
    var table = root.querySelector('table');
    var freshRoot = fresh.getElementById('mr-stacks');
    var freshTable = freshRoot && freshRoot.querySelector('table');
    if (!table || !freshTable) {
      return;
    }
    var tbody = table.querySelector('tbody');
    var empty = !tbody.querySelector('tr[data-object-id]');
    var hadUpdating = Boolean(tbody.querySelector(UPDATING));
    var moved = dropMoved(tbody, freshTable);
    var added = addRows(tbody, freshTable);
    if (added) {
      wakeRowUpdates(tbody, hadUpdating);
    }
    if (moved) {
      sayMoved(root, moved);
    }
    refreshEnds(table, freshTable, added || moved, added && empty);
    settleBanner(scope, fresh);
    var batches = freshRoot.getAttribute('data-mr-families-batches');
    if (added && batches) {
      root.setAttribute('data-mr-families-url', freshRoot.getAttribute('data-mr-families-url'));
      root.setAttribute('data-mr-families-batches', batches);
      root.dispatchEvent(new window.CustomEvent('mr:rows-added', {bubbles: true}));
    }
  }

  function start(scope, root) {
    function done(answer) {
      merge(scope, root, answer.html);
    }
    mr.followUp(root.getAttribute('data-mr-late-url'), root, 'data-mr-late-state', EVERY, done);
  }

  mr.boot(function (scope) {
    var root = scope.querySelector('#mr-stacks[data-mr-late-url]');
    if (root) {
      start(scope, root);
    }
  });
})(window.horizon.mr_dashboard);
