/*
 * A stack's detail page (mr_dashboard.stack_tree.js): the tree polled while
 * anything is in progress and no longer once settled, each answer put into
 * the tree list and handed to the picture as an event, the live tabs
 * reloaded from the second answer on, a late branch asked for again within
 * a second and filled in, a live tab with a late branch of its own asked
 * again every second until whole (the tree settled or not; an older or
 * filtered page of events as that same page), and the
 * lineage put into Horizon's breadcrumb as text.
 */
import {beforeEach, expect, it, vi} from 'vitest';
import {HOSTILE, loadPage, serve} from './page.js';

const PAGE = `
  <div class="page-breadcrumb"><ol class="breadcrumb">
    <li><a href="/project/">Project</a></li><li class="active">child</li>
  </ol></div>
  <div id="mr-stack-detail" data-mr-tree-url="/tree/" data-mr-lineage-url="/lineage/"
       data-mr-tree-refresh="5">
    <div id="mr-stack-tree" data-mr-tree-state="loading"></div>
    <div class="tab-content">
      <div id="stack__events" class="tab-pane"><div data-mr-live-tab>old events</div></div>
      <div id="stack__resources" class="tab-pane"><div>resources, not live</div></div>
    </div>
  </div>`;

const NO_LINEAGE = {ancestors: [], errors: []};

function tree(inProgress, html) {
  return {in_progress: inProgress, html: html || '<ul><li>tree</li></ul>', graph: {nodes: []}};
}

// The server: the tree's answers one after the other (the last one again
// after that), the lineage, and each live tab's new HTML.
function server(trees, lineage) {
  return serve((url) => {
    if (url === '/lineage/') {
      return {body: lineage || NO_LINEAGE};
    }
    if (url.startsWith('?tab=')) {
      return {body: `<div data-mr-live-tab>fresh ${decodeURIComponent(url.slice(5))}</div>`};
    }
    return {body: trees.length > 1 ? trees.shift() : trees[0]};
  });
}

function urls(seen) {
  return seen.map((request) => request.url);
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('gettext', (text) => text);
  vi.stubGlobal('interpolate', (text, values) => text.replace(
    /%\((\w+)\)s/g, (all, name) => String(values[name])));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

it('polls the tree every refresh period while in progress, and stops once settled', async () => {
  const seen = server([tree(true), tree(true), tree(false, '<ul><li>done</li></ul>')]);
  const pictures = [];
  const page = loadPage(PAGE, ['stack_tree']);
  document.getElementById('mr-stack-detail')
    .addEventListener('mr:stack-tree', (event) => pictures.push(event.detail.in_progress));
  page.start();
  await vi.advanceTimersByTimeAsync(0);
  const list = document.getElementById('mr-stack-tree');
  expect(list.getAttribute('data-mr-tree-state')).toBe('in_progress');
  expect(list.getAttribute('data-mr-tree-answers')).toBe('1');

  await vi.advanceTimersByTimeAsync(60000);
  const treeAsks = seen.filter((request) => request.url === '/tree/');
  expect(treeAsks.map((request) => request.at - treeAsks[0].at)).toEqual([0, 5000, 10000]);
  expect(pictures).toEqual([true, true, false]);
  expect(list.innerHTML).toBe('<ul><li>done</li></ul>');
  expect(list.getAttribute('data-mr-tree-state')).toBe('settled');
  expect(list.getAttribute('data-mr-tree-answers')).toBe('3');
});

it('reloads only the live tabs, and only from the second answer on', async () => {
  const seen = server([tree(true), tree(false)]);
  const page = loadPage(PAGE, ['stack_tree']);
  page.start();
  await vi.advanceTimersByTimeAsync(0);
  expect(urls(seen).filter((url) => url.startsWith('?'))).toEqual([]);

  await vi.advanceTimersByTimeAsync(5000);
  const tabAsks = seen.filter((request) => request.url.startsWith('?'));
  expect(urls(tabAsks)).toEqual(['?tab=stack__events']);
  expect(tabAsks[0].headers.Accept).toBe('text/html');
  expect(document.getElementById('stack__events').textContent).toBe('fresh stack__events');
  expect(document.getElementById('stack__resources').textContent).toBe('resources, not live');
  expect(page.tabLoads).toEqual([document.getElementById('stack__events')]);
});

it('puts the way up to the root into the breadcrumb, before the page\'s own crumb',
   async () => {
     server([tree(false)], {errors: [], ancestors: [
       {name: 'root', region: 'RegionOne', url: '/project/mr/stacks/RegionOne/r/'},
       {name: 'remote', region: 'Other cloud: RegionA', url: '/project/mr/clouds/c/s/',
        cloud: true}
     ]});
     loadPage(PAGE, ['stack_tree']).start();
     await vi.advanceTimersByTimeAsync(0);
     const trail = document.querySelector('.breadcrumb');
     const items = [...trail.children];
     expect(items.map((item) => item.textContent))
       .toEqual(['Project', 'root RegionOne', 'remote Other cloud: RegionA', 'child']);
     expect(trail.getAttribute('data-mr-lineage')).toBe('2');
     expect(trail.hasAttribute('data-mr-lineage-errors')).toBe(false);
     expect(items[1].querySelector('a').getAttribute('href'))
       .toBe('/project/mr/stacks/RegionOne/r/');
     expect(items[1].getAttribute('data-mr-lineage-region')).toBe('RegionOne');
     expect(items[1].querySelector('span').className).toBe('label label-primary mr-region-badge');
     expect(items[1].hasAttribute('data-mr-lineage-cloud')).toBe(false);
     expect(items[2].getAttribute('data-mr-lineage-cloud')).toBe('true');
     expect(items[2].querySelector('span').className).toBe('label label-warning mr-cloud-badge');
   });

it('writes ancestors\' names and regions as text, links only to this site, tells errors',
   async () => {
     server([tree(false)], {
       ancestors: [{name: HOSTILE[0], region: HOSTILE[1], url: '//127.0.0.1/away'}],
       errors: ['RegionTwo did not answer', HOSTILE[2]]
     });
     loadPage(PAGE, ['stack_tree']).start();
     await vi.advanceTimersByTimeAsync(0);
     const trail = document.querySelector('.breadcrumb');
     const crumb = trail.querySelector('.mr-lineage');
     expect(crumb.querySelector('a').textContent).toBe(HOSTILE[0]);
     expect(crumb.querySelector('a').hasAttribute('href')).toBe(false);
     expect(crumb.querySelector('span').textContent).toBe(HOSTILE[1]);
     expect(trail.querySelectorAll('script, img')).toHaveLength(0);
     expect(trail.title).toBe(`RegionTwo did not answer\n${HOSTILE[2]}`);
     expect(trail.getAttribute('data-mr-lineage-errors')).toBe('2');
   });

it('keeps polling after a failed answer, later, and leaves the breadcrumb as it was',
   async () => {
     const seen = serve((url) => url === '/tree/' && seen.length > 2
       ? {body: tree(false)} : {status: 500, body: ''});
     loadPage(PAGE, ['stack_tree']).start();
     await vi.advanceTimersByTimeAsync(60000);
     const treeAsks = seen.filter((request) => request.url === '/tree/');
     expect(treeAsks.map((request) => request.at - treeAsks[0].at)).toEqual([0, 10000]);
     expect(document.getElementById('mr-stack-tree').getAttribute('data-mr-tree-state'))
       .toBe('settled');
     expect(document.querySelectorAll('.breadcrumb li')).toHaveLength(2);
     expect(console.warn).toHaveBeenCalledWith('mr_dashboard: /lineage/ answered 500');
   });

it('asks again within a second while a branch is late, and the next answer fills it in',
   async () => {
     const late = '<ul><li data-mr-node="t" data-mr-state="complete"><ul>' +
       '<li data-mr-node="f" data-mr-state="late"><div class="mr-node-late">' +
       'RegionTwo is answering slowly…</div></li></ul></li></ul>';
     const filled = '<ul><li data-mr-node="t" data-mr-state="complete"><ul>' +
       '<li data-mr-node="f" data-mr-state="complete"></li></ul></li></ul>';
     const seen = server([{...tree(true, late), late: true}, {...tree(true, late), late: true},
                          tree(false, filled)]);
     const pictures = [];
     const page = loadPage(PAGE, ['stack_tree']);
     document.getElementById('mr-stack-detail')
       .addEventListener('mr:stack-tree', (event) => pictures.push(event.detail.late));
     page.start();
     await vi.advanceTimersByTimeAsync(0);
     const list = document.getElementById('mr-stack-tree');
     expect(list.getAttribute('data-mr-tree-state')).toBe('late');
     expect(list.querySelector('[data-mr-state="late"] .mr-node-late').textContent)
       .toBe('RegionTwo is answering slowly…');

     await vi.advanceTimersByTimeAsync(60000);
     const treeAsks = seen.filter((request) => request.url === '/tree/');
     expect(treeAsks.map((request) => request.at - treeAsks[0].at)).toEqual([0, 1000, 2000]);
     expect(pictures).toEqual([true, true, undefined]);
     expect(list.getAttribute('data-mr-tree-state')).toBe('settled');
     expect(list.querySelectorAll('[data-mr-node="f"]')).toHaveLength(1);
     expect(list.querySelector('[data-mr-node="f"]').getAttribute('data-mr-state'))
       .toBe('complete');
   });

it('goes back to the refresh period once nothing is late', async () => {
  const seen = server([{...tree(true), late: true}, tree(true), tree(true), tree(false)]);
  loadPage(PAGE, ['stack_tree']).start();
  await vi.advanceTimersByTimeAsync(60000);
  const treeAsks = seen.filter((request) => request.url === '/tree/');
  expect(treeAsks.map((request) => request.at - treeAsks[0].at)).toEqual([0, 1000, 6000, 11000]);
});

it('does nothing on a page that is not a stack\'s', async () => {
  const seen = server([tree(true)]);
  loadPage('<div id="mr-stack-tree"></div>', ['stack_tree']).start();
  await vi.advanceTimersByTimeAsync(60000);
  expect(seen).toHaveLength(0);
});

it('asks a live tab with a late branch again every second until it is whole', async () => {
  const tabs = ['<div data-mr-live-tab data-mr-tab-late>still late</div>',
                '<div data-mr-live-tab>whole</div>'];
  const seen = serve((url) => {
    if (url === '/lineage/') {
      return {body: NO_LINEAGE};
    }
    if (url.startsWith('?tab=')) {
      return {body: tabs.shift()};
    }
    return {body: tree(false)};
  });
  loadPage(PAGE.replace('<div data-mr-live-tab>old events</div>',
                        '<div data-mr-live-tab data-mr-tab-late>late events</div>'),
           ['stack_tree']).start();
  await vi.advanceTimersByTimeAsync(0);
  const tabAsks = () => seen.filter((request) => request.url.startsWith('?tab='));
  // The tree settled at once: only the tab's own lateness asks again.
  expect(tabAsks()).toHaveLength(0);
  await vi.advanceTimersByTimeAsync(1000);
  expect(document.getElementById('stack__events').textContent).toBe('still late');
  await vi.advanceTimersByTimeAsync(1000);
  expect(document.getElementById('stack__events').textContent).toBe('whole');
  await vi.advanceTimersByTimeAsync(10000);
  expect(urls(tabAsks())).toEqual(['?tab=stack__events', '?tab=stack__events']);
  expect(seen.filter((request) => request.url === '/tree/')).toHaveLength(1);
});

it('asks an older or filtered page of events with a late branch again as that same page',
   async () => {
     const query = 'events_region=Region%3COne%3E&events_marker=e%2617';
     const tabs = [`<div data-mr-tab-late data-mr-tab-query="${query}">still late</div>`,
                   `<div data-mr-tab-query="${query}">whole</div>`];
     const seen = serve((url) => {
       if (url === '/lineage/') {
         return {body: NO_LINEAGE};
       }
       if (url.includes('tab=')) {
         return {body: tabs.shift()};
       }
       return {body: tree(false)};
     });
     loadPage(PAGE.replace('<div data-mr-live-tab>old events</div>',
                           `<div data-mr-tab-late data-mr-tab-query="${query}">late</div>`),
              ['stack_tree']).start();
     await vi.advanceTimersByTimeAsync(2000);
     expect(document.getElementById('stack__events').textContent).toBe('whole');
     await vi.advanceTimersByTimeAsync(10000);
     // Its filter and marker kept, as the server wrote them; asked until whole.
     expect(urls(seen.filter((request) => request.url.includes('tab=')))).toEqual(
       [`?${query}&tab=stack__events`, `?${query}&tab=stack__events`]);
   });

it('puts a way up without a late region\'s stacks, then the whole way up in its place',
   async () => {
     const root = {name: 'root', region: 'RegionOne', url: '/project/mr/stacks/RegionOne/r/'};
     const far = {name: 'far', region: 'RegionThree', url: '/project/mr/stacks/RegionThree/f/'};
     const answers = {
       '/lineage/': {ancestors: [], errors: [], late: ['RegionThree'],
                     late_url: '/lineage/?name=child&late=k'},
       '/lineage/?name=child&late=k': {ancestors: [root, far], errors: [], late: [], late_url: ''}
     };
     const seen = serve((url) => ({body: url in answers ? answers[url] : tree(false)}));
     loadPage(PAGE, ['stack_tree']).start();
     await vi.advanceTimersByTimeAsync(0);
     const trail = document.querySelector('.breadcrumb');
     expect(trail.getAttribute('data-mr-lineage-late')).toBe('1');
     expect(trail.title).toBe('RegionThree is answering slowly: the way up may be longer.');
     expect([...trail.children].map((item) => item.textContent)).toEqual(['Project', 'child']);

     await vi.advanceTimersByTimeAsync(1000);
     expect([...trail.children].map((item) => item.textContent))
       .toEqual(['Project', 'root RegionOne', 'far RegionThree', 'child']);
     expect(trail.hasAttribute('data-mr-lineage-late')).toBe(false);
     expect(trail.hasAttribute('title')).toBe(false);
     await vi.advanceTimersByTimeAsync(10000);
     expect(urls(seen).filter((url) => url.startsWith('/lineage/')))
       .toEqual(['/lineage/', '/lineage/?name=child&late=k']);
   });
