/*
 * The late regions' rows on the Stacks page (mr_dashboard.late_stacks.js):
 * the follow-up asked until it is done, the rows the page lacks inserted
 * in the server's order, rows moved to later pages removed and counted,
 * the footer and the late regions' banner entries replaced, the families
 * script handed the new rows.
 */
import {beforeEach, expect, it, vi} from 'vitest';
import {loadPage, serve, settle, until} from './page.js';

const URL = '/project/mr_stacks/late/?page=k3y';

function row(id) {
  return `<tr data-object-id="${id}"><td>${id}</td>` +
    '<td data-mr-family="pending">…</td></tr>';
}

/* Horizon's table: its actions in the caption (none without rows), the
 * count and paging at the head (with rows) and at the foot. */
function table(ids, count) {
  const actions = ids.length ? '<button class="btn-delete">Delete Stacks</button>' : '';
  const head = ids.length
    ? `<tr><td><span class="table_count">Displaying ${count} items</span></td></tr>` : '';
  return `<table id="stacks"><caption><div class="table_actions">${actions}</div></caption>` +
    `<thead>${head}<tr class="table_column_header"><th>Name</th></tr></thead>` +
    `<tbody>${ids.map(row).join('')}</tbody>` +
    `<tfoot><tr><td><span class="table_count">Displaying ${count} items</span>` +
    (count > 3 ? '<a href="?mr_next=n3xt">More</a>' : '') + '</td></tr></tfoot></table>';
}

function page(ids) {
  return `
    <div id="mr-region-problems"><ul>
      <li data-mr-region-problem="RegionThree" data-mr-problem-kind="unreachable">down</li>
      <li data-mr-region-problem="RegionTwo" data-mr-problem-kind="late">slowly</li>
    </ul></div>
    <div id="mr-stacks" data-mr-late-url="${URL}">${table(ids, ids.length)}</div>`;
}

function fresh(ids, problems, batches) {
  return (problems ? `<div id="mr-region-problems"><ul>${problems}</ul></div>` : '') +
    '<div id="mr-stacks" data-mr-families-url="/f/"' +
    (batches ? ` data-mr-families-batches="${batches}"` : '') + '>' +
    `${table(ids, ids.length)}</div>`;
}

function shown() {
  return [...document.querySelectorAll('#stacks tbody tr')].map(
    (tr) => tr.getAttribute('data-object-id'));
}

function state() {
  return document.getElementById('mr-stacks').getAttribute('data-mr-late-state');
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.stubGlobal('ngettext', (one, many, n) => n === 1 ? one : many);
  vi.stubGlobal('interpolate', (text, values) => text.replace('%s', values[0]));
});

/* The page started with answers given in turn; each "waiting" answer's
 * next request comes after the script's short pause (fake time). */
async function run(answers, ids) {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
  const seen = serve(() => answers.shift());
  loadPage(page(ids || ['RegionOne:a', 'RegionOne:c']), ['late_stacks']).start();
  for (let asked = 1; ; asked += 1) {
    await until(() => expect(seen).toHaveLength(asked));
    await settle();
    if (state() !== 'waiting') {
      return seen;
    }
    vi.advanceTimersByTime(50);
  }
}

it('asks until done, then puts the late rows in their places', async () => {
  const added = [];
  document.addEventListener('mr:rows-added', (event) => added.push(event.target.id));
  const seen = await run([
    {body: {state: 'waiting', waiting: ['RegionTwo']}},
    {body: {state: 'done', html: fresh(
      ['RegionTwo:b0', 'RegionOne:a', 'RegionTwo:b', 'RegionOne:c'], '', 'b4tch')}}
  ]);

  expect(seen.map((request) => request.url)).toEqual([URL, URL]);
  expect(shown()).toEqual(['RegionTwo:b0', 'RegionOne:a', 'RegionTwo:b', 'RegionOne:c']);
  expect([...document.querySelectorAll('tr.mr-row-arrived')].map(
    (tr) => tr.getAttribute('data-object-id'))).toEqual(['RegionTwo:b0', 'RegionTwo:b']);
  expect([...document.querySelectorAll('.table_count')].map((count) => count.textContent))
    .toEqual(['Displaying 4 items', 'Displaying 4 items']);
  expect(document.querySelector('tfoot a').getAttribute('href')).toBe('?mr_next=n3xt');
  // The late region's entry goes; the other region's problem stays.
  expect([...document.querySelectorAll('[data-mr-region-problem]')].map(
    (li) => li.getAttribute('data-mr-problem-kind'))).toEqual(['unreachable']);
  const root = document.getElementById('mr-stacks');
  expect(root.getAttribute('data-mr-families-batches')).toBe('b4tch');
  expect(added).toEqual(['mr-stacks']);
});

it('tells a late region that failed in its banner entry', async () => {
  const failed = '<li data-mr-region-problem="RegionTwo" data-mr-problem-kind="timeout">' +
    'RegionTwo: Timed out</li>';
  await run([{body: {state: 'done', html: fresh(['RegionOne:a', 'RegionOne:c'], failed)}}]);

  expect(shown()).toEqual(['RegionOne:a', 'RegionOne:c']);
  const entries = [...document.querySelectorAll('[data-mr-region-problem]')];
  expect(entries.map((li) => li.textContent)).toEqual(['down', 'RegionTwo: Timed out']);
  expect(document.querySelectorAll('tr.mr-row-arrived')).toHaveLength(0);
});

it('removes and counts the rows the server moved to later pages', async () => {
  await run([{body: {state: 'done', html: fresh(
    ['RegionTwo:b', 'RegionOne:a', 'RegionTwo:d'])}}],
            ['RegionOne:a', 'RegionOne:c', 'RegionOne:e']);

  expect(shown()).toEqual(['RegionTwo:b', 'RegionOne:a', 'RegionTwo:d']);
  expect(document.querySelector('.mr-late-moved').textContent).toBe(
    '2 stacks moved to the next pages to make room for the late regions.');
});

it('stops when the page is too old for its follow-up', async () => {
  const seen = await run([{status: 400, body: {error: 'reload'}}]);
  await settle();

  expect(state()).toBe('expired');
  expect(seen).toHaveLength(1);
  expect(shown()).toEqual(['RegionOne:a', 'RegionOne:c']);
});

it('brings the batch actions a table made without rows lacked', async () => {
  await run([{body: {state: 'done', html: fresh(['RegionTwo:b'])}}], []);

  expect(shown()).toEqual(['RegionTwo:b']);
  expect(document.querySelectorAll('#stacks caption .table_actions .btn-delete')).toHaveLength(1);
  expect(document.querySelector('#stacks thead .table_count').textContent)
    .toBe('Displaying 1 items');
});

it('keeps the caption of a table that had rows, and what is typed in its filter', async () => {
  serve(() => ({body: {state: 'done', html: fresh(['RegionTwo:b', 'RegionOne:a'])}}));
  const loaded = loadPage(page(['RegionOne:a']), ['late_stacks']);
  const caption = document.querySelector('#stacks caption');
  caption.insertAdjacentHTML('beforeend', '<input class="typed">');
  document.querySelector('.typed').value = 'half a na';
  loaded.start();
  await until(() => expect(state()).toBe('done'));

  expect(document.querySelector('#stacks caption')).toBe(caption);
  expect(document.querySelector('.typed').value).toBe('half a na');
  expect(shown()).toEqual(['RegionTwo:b', 'RegionOne:a']);
  expect(document.querySelector('#stacks thead .table_count').textContent)
    .toBe('Displaying 2 items');
});

/* A row in progress, as Horizon renders it: it refreshes itself. */
function updating(id) {
  return `<tr data-object-id="${id}" class="warning ajax-update" ` +
    `data-update-interval="2500"><td>${id}</td></tr>`;
}

function startWithRows(rows, late) {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
  serve(() => ({body: {state: 'done', html: fresh([]).replace(
    '<tbody></tbody>', `<tbody>${late}</tbody>`)}}));
  const loaded = loadPage(page([]).replace('<tbody></tbody>', `<tbody>${rows}</tbody>`),
                          ['late_stacks']);
  const update = vi.fn();
  window.horizon.datatables = {update};
  loaded.start();
  return update;
}

it('starts Horizon\'s row updates for late rows in progress on a page without any', async () => {
  const update = startWithRows(row('RegionOne:a'), row('RegionOne:a') + updating('RegionTwo:b'));
  await until(() => expect(state()).toBe('done'));

  expect(shown()).toEqual(['RegionOne:a', 'RegionTwo:b']);
  expect(update).not.toHaveBeenCalled();
  vi.advanceTimersByTime(2500);
  expect(update).toHaveBeenCalledTimes(1);
});

it('leaves Horizon\'s running row updates to find the late rows', async () => {
  const update = startWithRows(updating('RegionOne:a'),
                               updating('RegionOne:a') + updating('RegionTwo:b'));
  await until(() => expect(state()).toBe('done'));

  expect(shown()).toEqual(['RegionOne:a', 'RegionTwo:b']);
  vi.advanceTimersByTime(10000);
  expect(update).not.toHaveBeenCalled();
});
