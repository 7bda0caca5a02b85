/*
 * The Stacks page's remote links (mr_dashboard.stack_families.js): one
 * request per batch, each answer written into its rows as text nodes and
 * links to this site only, cells left without an answer "unknown", the
 * page "settled" once every batch has ended.
 */
import {beforeEach, expect, it, vi} from 'vitest';
import {HOSTILE, loadPage, serve, until} from './page.js';

const PAGE = `
  <div id="mr-stacks" data-mr-families-url="/project/mr/stacks/families/"
       data-mr-families-batches="b1.sig b2.sig">
    <table>
      <tr data-object-id="RegionOne:p1"><td>p1</td><td data-mr-family="pending">…</td></tr>
      <tr data-object-id="RegionOne:c1"><td>c1</td><td data-mr-family="pending">…</td></tr>
      <tr data-object-id="RegionTwo:x9"><td>x9</td><td data-mr-family="pending">…</td></tr>
    </table>
  </div>`;

function cell(id) {
  return document.querySelector(`tr[data-object-id="${id}"] [data-mr-family]`);
}

function mark(label, links) {
  return {css_class: 'mr-family-children', label, links};
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

async function run(answer) {
  const seen = serve(answer);
  const page = loadPage(PAGE, ['stack_families']);
  page.start();
  await until(() => {
    expect(document.getElementById('mr-stacks').getAttribute('data-mr-families-state'))
      .toBe('settled');
  });
  return seen;
}

it('asks for every batch at once, each with its token', async () => {
  const seen = await run(() => ({body: {rows: {}}}));
  expect(seen.map((request) => request.url)).toEqual([
    '/project/mr/stacks/families/?batch=b1.sig',
    '/project/mr/stacks/families/?batch=b2.sig'
  ]);
});

it('writes names, regions and labels from the cloud as text, never as markup', async () => {
  const links = HOSTILE.map((text, index) => ({
    text, region: HOSTILE[(index + 1) % HOSTILE.length], url: `/project/mr/stacks/s${index}/`
  }));
  await run((url) => url.endsWith('b1.sig') ? {body: {rows: {
    'RegionOne:p1': {state: 'known', marks: [mark(HOSTILE[0], links)], warning: ''}
  }}} : {body: {rows: {}}});

  const family = cell('RegionOne:p1');
  expect(family.querySelectorAll('script, img, td, tr')).toHaveLength(0);
  expect(window.hacked).toBeUndefined();
  const anchors = [...family.querySelectorAll('a')];
  expect(anchors.map((a) => a.textContent)).toEqual(HOSTILE);
  expect(anchors.map((a) => a.getAttribute('href')))
    .toEqual(links.map((link) => link.url));
  expect(family.textContent).toBe(`${HOSTILE[0]} ` + links.map(
    (link) => `${link.text} (${link.region})`).join(', '));
  expect(family.getAttribute('data-mr-family')).toBe('known');
  expect(document.querySelectorAll('tr')).toHaveLength(3);
});

it('links only to a path of this site; any other URL stays text', async () => {
  const links = [
    {text: 'here', region: 'RegionTwo', url: '/project/mr/stacks/RegionTwo/a/'},
    // eslint-disable-next-line no-script-url -- a URL the page must not link
    {text: 'script', region: 'RegionTwo', url: 'javascript:alert(1)'},
    {text: 'away', region: 'RegionTwo', url: '//127.0.0.1/x'},
    {text: 'none', region: 'RegionTwo', url: null}
  ];
  await run(() => ({body: {rows: {
    'RegionOne:c1': {state: 'known', marks: [mark('Parent:', links)], warning: ''}
  }}}));
  const family = cell('RegionOne:c1');
  expect([...family.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['here']);
  expect(family.textContent)
    .toBe('Parent: here (RegionTwo), script (RegionTwo), away (RegionTwo), none (RegionTwo)');
});

it('puts several marks on lines of their own, and a parent\'s warning on its row', async () => {
  const warning = '&lt;b&gt;p1&lt;/b&gt; (RegionOne), whose child stacks are deleted with it';
  await run(() => ({body: {rows: {
    'RegionOne:p1': {state: 'known', warning, marks: [
      mark('Children:', [{text: 'c', region: 'RegionTwo', url: '/c/'}]),
      {css_class: 'mr-family-parent', label: 'Parent:',
       links: [{text: 'g', region: 'RegionThree', url: '/g/'}]}
    ]}
  }}}));
  const family = cell('RegionOne:p1');
  expect([...family.children].map((node) => node.tagName)).toEqual(['SPAN', 'BR', 'SPAN']);
  expect([...family.querySelectorAll('span')].map((span) => span.className))
    .toEqual(['mr-family-children', 'mr-family-parent']);
  expect(document.querySelector('tr[data-object-id="RegionOne:p1"]').getAttribute('data-display'))
    .toBe(warning);
  expect(document.querySelector('tr[data-object-id="RegionOne:c1"]').hasAttribute('data-display'))
    .toBe(false);
});

it('ends a cell whose batch failed, or that no answer named, "unknown"', async () => {
  await run((url) => url.endsWith('b1.sig')
    ? {body: {rows: {
      'RegionOne:p1': {state: 'known', marks: [], warning: ''},
      'RegionOne:gone': {state: 'known', marks: [], warning: ''}
    }}}
    : {status: 500, body: ''});
  expect(cell('RegionOne:p1').getAttribute('data-mr-family')).toBe('known');
  for (const id of ['RegionOne:c1', 'RegionTwo:x9']) {
    expect(cell(id).getAttribute('data-mr-family')).toBe('unknown');
    expect(cell(id).textContent).toBe('');
  }
  expect(console.warn).toHaveBeenCalledWith(
    'mr_dashboard: /project/mr/stacks/families/?batch=b2.sig answered 500');
});

it('does nothing on a page without remote links to fill in', () => {
  const seen = serve(() => ({body: {rows: {}}}));
  loadPage('<div id="mr-stacks"></div>', ['stack_families']).start();
  expect(seen).toHaveLength(0);
});

it('asks for the rows added later (a late region\'s) with their own batches', async () => {
  const late = {state: 'known', warning: '', marks: [mark('Children:', [
    {text: HOSTILE[0], region: 'RegionOne', url: '/project/mr/stacks/RegionOne/k/'}])]};
  const rows = (url) => url.endsWith('late.sig') ? {'RegionThree:l1': late} : {};
  const seen = await run((url) => ({body: {rows: rows(url)}}));
  const root = document.getElementById('mr-stacks');
  const row = '<tr data-object-id="RegionThree:l1"><td>l1</td><td data-mr-family="pending">…';
  root.querySelector('table').insertAdjacentHTML('beforeend', row);
  root.setAttribute('data-mr-families-batches', 'late.sig');
  root.dispatchEvent(new CustomEvent('mr:rows-added', {bubbles: true}));
  expect(root.hasAttribute('data-mr-families-state')).toBe(false);

  await until(() => expect(root.getAttribute('data-mr-families-state')).toBe('settled'));
  expect(seen.map((request) => request.url).slice(2))
    .toEqual(['/project/mr/stacks/families/?batch=late.sig']);
  expect(cell('RegionThree:l1').getAttribute('data-mr-family')).toBe('known');
  expect(cell('RegionThree:l1').querySelector('a').textContent).toBe(HOSTILE[0]);
  expect(cell('RegionOne:p1').getAttribute('data-mr-family')).toBe('unknown');
});
