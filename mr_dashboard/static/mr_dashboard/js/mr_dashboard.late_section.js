/*
 * A part of a page made without its late regions (the Stack Sets page's
 * sets, the Resource Types page's tables): [data-mr-late-section-url]
 * names the page's follow-up, asked (horizon.mr_dashboard.followUp) until
 * it answers {state: "done", html}: the part rendered again by the server
 * with every region's answer, which then replaces the element's content;
 * Horizon's tables in it get what Horizon gives a table loaded after the
 * page (horizon.tabs.initTabLoad: sorting, the filter, tooltips). The
 * HTML is the server's own rendering, every text in it escaped there. data-mr-late-state says
 * where it stands (waiting, done, expired: the page keeps what it showed).
 *
 * Does nothing on other pages.
 */
(function (mr) {
  'use strict';

  var EVERY = 50;

  function follow(section) {
    mr.followUp(section.getAttribute('data-mr-late-section-url'), section,
                'data-mr-late-state', EVERY, function (answer) {
                  var fresh = new window.DOMParser().parseFromString(answer.html, 'text/html');
                  section.replaceChildren.apply(section, Array.prototype.map.call(
                    fresh.body.childNodes, function (node) {
                      return document.importNode(node, true);
                    }));
                  window.horizon.tabs.initTabLoad(window.jQuery(section));
                });
  }

  mr.boot(function (scope) {
    scope.querySelectorAll('[data-mr-late-section-url]').forEach(follow);
  });
})(window.horizon.mr_dashboard);
