/*
 * One stack's detail page of mr_dashboard: its tree, live.
 *
 * Acts only on a page holding #mr-stack-detail. Polls data-mr-tree-url
 * (horizon.mr_dashboard.poll) for {in_progress, html, graph}: puts the tree
 * list (html) into #mr-stack-tree and hands the whole answer to the picture
 * as a "mr:stack-tree" event on #mr-stack-detail. While anything is in
 * progress it asks again every data-mr-tree-refresh seconds (paused in a
 * hidden tab, later after a failure), reloading the tabs already shown that
 * follow the tree ([data-mr-live-tab]); once all has settled it stops. A
 * branch whose region answers slowly comes as a late node (in_progress, and
 * late: true); while there is one it asks again every LATE_EVERY ms, and the
 * next answer fills the branch in (data-mr-tree-state "late"). A tab
 * made while a branch of its own walk was late ([data-mr-tab-late]) is
 * asked again every LATE_EVERY ms until it is whole, whether the tree is
 * still late or not, the same page of it ([data-mr-tab-query]: an older
 * or filtered page of events) (Horizon's tab loads and the reloads above are
 * watched: horizon.tabs.addTabLoadFunction). Asks
 * data-mr-lineage-url and puts the way up to the root into Horizon's
 * breadcrumb; while a region is late there, asks the answer's
 * late_url every LATE_EVERY ms and puts the way up in again. Builds
 * that from text nodes; the tree list comes as HTML rendered (escaped) by
 * the server.
 */
(function (mr) {
  'use strict';

  var LATE_EVERY = 1000;

  /* The pane's tab asked again: the same page of it (an older or
   * filtered page of events says which: data-mr-tab-query). */
  function paneUrl(pane) {
    var page = pane.querySelector('[data-mr-tab-query]');
    var query = page ? page.getAttribute('data-mr-tab-query') + '&' : '';
    return '?' + query + 'tab=' + encodeURIComponent(pane.id);
  }

  function reloadPane(pane) {
    mr.request(paneUrl(pane), {as: 'text'}).then(function (html) {
      pane.innerHTML = html;
      window.horizon.tabs.initTabLoad(window.jQuery(pane));
    }).catch(mr.warn);
  }

  function reloadLiveTabs(root) {
    var live = root.querySelectorAll('[data-mr-live-tab]');
    Array.prototype.forEach.call(live, function (table) {
      var pane = table.closest('.tab-pane');
      if (pane) {
        reloadPane(pane);
      }
    });
  }

  /* Ask a pane holding a late tab again in LATE_EVERY ms (once at a
   * time); its answer comes back through here. */
  function watchLateTab($pane) {
    var pane = $pane && $pane.get ? $pane.get(0) : $pane;
    if (!pane || pane.mrLateTimer ||
        !pane.querySelector('[data-mr-tab-late]')) {
      return;
    }
    pane.mrLateTimer = window.setTimeout(function () {
      pane.mrLateTimer = null;
      if (document.contains(pane)) {
        reloadPane(pane);
      }
    }, LATE_EVERY);
  }

  function crumb(ancestor) {
    var item = document.createElement('li');
    var link = document.createElement('a');
    var badge = document.createElement('span');
    item.className = 'breadcrumb-item-truncate mr-lineage';
    item.setAttribute('data-mr-lineage-region', ancestor.region);
    var href = mr.localPath(ancestor.url);
    if (href) {
      link.href = href;
    }
    link.textContent = ancestor.name;
    badge.className = 'label label-primary mr-region-badge';
    badge.textContent = ancestor.region;
    item.appendChild(link);
    item.appendChild(document.createTextNode(' '));
    item.appendChild(badge);
    if (ancestor.cloud) {
      // A stack of another cloud (its region's label says so).
      item.setAttribute('data-mr-lineage-cloud', 'true');
      badge.className = 'label label-warning mr-cloud-badge';
    }
    return item;
  }

  function mark(element, name, value) {
    if (value) {
      element.setAttribute(name, value);
    } else {
      element.removeAttribute(name);
    }
  }

  /* Put the way up into the breadcrumb, in place of an earlier one; while
   * a region is late, ask its late_url again in LATE_EVERY ms. */
  function showLineage(url) {
    var trail = document.querySelector('.page-breadcrumb .breadcrumb');
    if (!trail) {
      return;
    }
    mr.request(url).then(function (lineage) {
      var here = trail.lastElementChild;
      Array.prototype.forEach.call(trail.querySelectorAll('.mr-lineage'), function (item) {
        item.remove();
      });
      lineage.ancestors.forEach(function (ancestor) {
        trail.insertBefore(crumb(ancestor), here);
      });
      trail.setAttribute('data-mr-lineage', lineage.ancestors.length);
      var late = lineage.late || [];
      var notes = lineage.errors.concat(late.map(function (region) {
        return window.interpolate(window.gettext(
          '%(region)s is answering slowly: the way up may be longer.'), {region: region}, true);
      }));
      mark(trail, 'title', notes.join('\n'));
      mark(trail, 'data-mr-lineage-errors', lineage.errors.length);
      mark(trail, 'data-mr-lineage-late', late.length);
      if (lineage.late_url) {
        window.setTimeout(function () {
          showLineage(lineage.late_url);
        }, LATE_EVERY);
      }
    }).catch(mr.warn);
  }

  function treeState(tree) {
    if (tree.late) {
      return 'late';
    }
    return tree.in_progress ? 'in_progress' : 'settled';
  }

  function start(root) {
    var list = document.getElementById('mr-stack-tree');
    var answers = 0;
    var refresh = mr.every(root, 'data-mr-tree-refresh', 5);
    // poll() reads options.every before each next question.
    var options = {
      every: refresh,
      onAnswer: function (tree) {
        answers += 1;
        options.every = tree.late ? Math.min(LATE_EVERY, refresh) : refresh;
        if (list) {
          list.innerHTML = tree.html;
          list.setAttribute('data-mr-tree-state', treeState(tree));
          list.setAttribute('data-mr-tree-answers', answers);
        }
        root.dispatchEvent(new window.CustomEvent('mr:stack-tree', {detail: tree}));
        if (answers > 1) {
          reloadLiveTabs(root);
        }
        return Boolean(tree.in_progress);
      }
    };
    mr.poll(root.getAttribute('data-mr-tree-url'), options);
    showLineage(root.getAttribute('data-mr-lineage-url'));
    Array.prototype.forEach.call(root.querySelectorAll('.tab-pane'), watchLateTab);
  }

  if (window.horizon.tabs && window.horizon.tabs.addTabLoadFunction) {
    window.horizon.tabs.addTabLoadFunction(watchLateTab);
  }

  mr.boot(function (scope) {
    var root = scope.querySelector('#mr-stack-detail');
    if (root) {
      start(root);
    }
  });
})(window.horizon.mr_dashboard);
