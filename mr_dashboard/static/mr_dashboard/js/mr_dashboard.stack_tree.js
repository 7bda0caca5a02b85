/*
 * One stack's detail page of mr_dashboard: its tree, live.
 *
 * Acts only on a page holding #mr-stack-detail. Asks data-mr-tree-url for
 * {in_progress, html, graph}: puts the tree list (html) into #mr-stack-tree
 * and hands the whole answer to the picture as a "mr:stack-tree" event on
 * #mr-stack-detail. While anything is in progress it asks again every
 * data-mr-tree-refresh seconds, reloading the tabs already shown that follow
 * the tree ([data-mr-live-tab]); once all has settled it stops. Asks
 * data-mr-lineage-url once and puts the way up to the root into Horizon's
 * breadcrumb. Builds that from text nodes; the tree list comes as HTML
 * rendered (escaped) by the server. Leaves no globals behind.
 */
(function () {
  'use strict';

  var AJAX = {'X-Requested-With': 'XMLHttpRequest'};

  function get(url, accept) {
    return window.fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: Object.assign({'Accept': accept}, AJAX)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ' answered ' + response.status);
      }
      return accept === 'application/json' ? response.json() : response.text();
    });
  }

  function reloadLiveTabs(root) {
    var live = root.querySelectorAll('[data-mr-live-tab]');
    Array.prototype.forEach.call(live, function (table) {
      var pane = table.closest('.tab-pane');
      if (!pane) {
        return;
      }
      get('?tab=' + encodeURIComponent(pane.id), 'text/html').then(function (html) {
        pane.innerHTML = html;
        window.horizon.tabs.initTabLoad(window.jQuery(pane));
      }).catch(function (error) {
        window.console.warn('mr_dashboard: ' + error.message);
      });
    });
  }

  /* Only a path of this site ("/project/..."): never a script, never another site. */
  function localPath(url) {
    return typeof url === 'string' && /^\/(?![\/\\])/.test(url) ? url : null;
  }

  function crumb(ancestor) {
    var item = document.createElement('li');
    var link = document.createElement('a');
    var badge = document.createElement('span');
    item.className = 'breadcrumb-item-truncate mr-lineage';
    item.setAttribute('data-mr-lineage-region', ancestor.region);
    var href = localPath(ancestor.url);
    if (href) {
      link.href = href;
    }
    link.textContent = ancestor.name;
    badge.className = 'label label-primary mr-region-badge';
    badge.textContent = ancestor.region;
    item.appendChild(link);
    item.appendChild(document.createTextNode(' '));
    item.appendChild(badge);
    return item;
  }

  function showLineage(url) {
    var trail = document.querySelector('.page-breadcrumb .breadcrumb');
    if (!trail) {
      return;
    }
    get(url, 'application/json').then(function (lineage) {
      var here = trail.lastElementChild;
      lineage.ancestors.forEach(function (ancestor) {
        trail.insertBefore(crumb(ancestor), here);
      });
      trail.setAttribute('data-mr-lineage', lineage.ancestors.length);
      if (lineage.errors.length) {
        trail.title = lineage.errors.join('\n');
        trail.setAttribute('data-mr-lineage-errors', lineage.errors.length);
      }
    }).catch(function (error) {
      window.console.warn('mr_dashboard: ' + error.message);
    });
  }

  function start(root) {
    var url = root.getAttribute('data-mr-tree-url');
    var seconds = parseInt(root.getAttribute('data-mr-tree-refresh'), 10);
    var delay = (seconds > 0 ? seconds : 5) * 1000;
    var list = document.getElementById('mr-stack-tree');
    var answers = 0, failures = 0;

    function poll() {
      get(url, 'application/json').then(function (tree) {
        answers += 1;
        failures = 0;
        if (list) {
          list.innerHTML = tree.html;
          list.setAttribute('data-mr-tree-state',
                            tree.in_progress ? 'in_progress' : 'settled');
          list.setAttribute('data-mr-tree-answers', answers);
        }
        root.dispatchEvent(new window.CustomEvent('mr:stack-tree', {detail: tree}));
        if (answers > 1) {
          reloadLiveTabs(root);
        }
        if (tree.in_progress) {
          window.setTimeout(poll, delay);
        }
      }).catch(function (error) {
        // Try again, later each time: the tree stays as last shown.
        window.console.warn('mr_dashboard: ' + error.message);
        failures += 1;
        window.setTimeout(poll, Math.min(delay * Math.pow(2, failures), 60000));
      });
    }

    poll();
    showLineage(root.getAttribute('data-mr-lineage-url'));
  }

  function init() {
    var root = document.getElementById('mr-stack-detail');
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
