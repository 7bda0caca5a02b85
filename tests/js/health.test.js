/*
 * The Regions page's health column (mr_dashboard.health.js): polled at
 * the page's refresh period, each answer painted into its region's cell as
 * text, a failed poll keeping the last values.
 */
import {beforeEach, expect, it, vi} from 'vitest';
import {HOSTILE, loadPage, serve} from './page.js';

const PAGE = `
  <div id="mr-regions" data-mr-health-url="/project/mr/regions/health/"
       data-mr-health-refresh="7">
    <table><tr>
      <td data-mr-health-region="RegionOne" data-mr-health-state="checking">…</td>
      <td data-mr-health-region="RegionTwo" data-mr-health-state="checking">…</td>
      <td data-mr-health-region="RegionThree" data-mr-health-state="checking">…</td>
    </tr></table>
  </div>`;

const HEALTH = {
  RegionOne: {ok: true, kind: '', label: 'OK', message: '', elapsed_ms: 40, summary: 'OK, 40 ms'},
  RegionTwo: {ok: false, kind: 'timeout', label: 'Timed out', message: 'no answer within 5 s',
              elapsed_ms: 5000, summary: 'Timed out after 5000 ms'}
};

function cell(region) {
  return document.querySelector(`[data-mr-health-region="${region}"]`);
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

it('paints each region\'s cell with its summary, message, state and colour', async () => {
  serve(() => ({body: HEALTH}));
  loadPage(PAGE, ['health']).start();
  await vi.advanceTimersByTimeAsync(0);
  expect(cell('RegionOne').textContent).toBe('OK, 40 ms');
  expect(cell('RegionOne').title).toBe('');
  expect(cell('RegionOne').getAttribute('data-mr-health-state')).toBe('ok');
  expect([...cell('RegionOne').classList]).toEqual(['text-success']);
  expect(cell('RegionTwo').textContent).toBe('Timed out after 5000 ms');
  expect(cell('RegionTwo').title).toBe('no answer within 5 s');
  expect(cell('RegionTwo').getAttribute('data-mr-health-state')).toBe('timeout');
  expect([...cell('RegionTwo').classList]).toEqual(['text-danger']);
  expect(cell('RegionThree').textContent).toBe('…');
  expect(cell('RegionThree').getAttribute('data-mr-health-state')).toBe('checking');
});

it('asks again at the page\'s period, and a region that recovers turns green', async () => {
  const seen = serve(() => seen.length === 1 ? {body: HEALTH}
    : {body: {RegionTwo: {...HEALTH.RegionOne, summary: 'OK, 12 ms'}}});
  loadPage(PAGE, ['health']).start();
  await vi.advanceTimersByTimeAsync(6999);
  expect(seen).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(seen.map((request) => request.url))
    .toEqual(['/project/mr/regions/health/', '/project/mr/regions/health/']);
  expect(cell('RegionTwo').textContent).toBe('OK, 12 ms');
  expect([...cell('RegionTwo').classList]).toEqual(['text-success']);
});

it('keeps the last values when a poll fails, and backs off', async () => {
  const seen = serve(() => seen.length === 1 ? {body: HEALTH} : {status: 503, body: ''});
  loadPage(PAGE, ['health']).start();
  await vi.advanceTimersByTimeAsync(7000 + 14000);
  expect(seen.map((request) => request.at - seen[0].at)).toEqual([0, 7000, 21000]);
  expect(cell('RegionOne').textContent).toBe('OK, 40 ms');
  expect(cell('RegionTwo').getAttribute('data-mr-health-state')).toBe('timeout');
});

it('writes a region\'s summary and message as text', async () => {
  serve(() => ({body: {RegionOne: {ok: false, kind: 'error', summary: HOSTILE[0],
                                   message: HOSTILE[1]}}}));
  loadPage(PAGE, ['health']).start();
  await vi.advanceTimersByTimeAsync(0);
  expect(cell('RegionOne').textContent).toBe(HOSTILE[0]);
  expect(cell('RegionOne').title).toBe(HOSTILE[1]);
  expect(document.querySelectorAll('script, img')).toHaveLength(0);
});

it('does nothing on a page without the health column', async () => {
  const seen = serve(() => ({body: {}}));
  loadPage('<table></table>', ['health']).start();
  await vi.advanceTimersByTimeAsync(60000);
  expect(seen).toHaveLength(0);
});

it('paints a region still answering in amber, then how it ended', async () => {
  const late = {ok: false, kind: 'late', label: 'Answering slowly',
                message: 'Still answering after 0.3 seconds.', elapsed_ms: 300,
                summary: 'Answering slowly: Still answering after 0.3 seconds.'};
  const seen = serve(() => seen.length === 1 ? {body: {RegionTwo: late}}
    : {body: {RegionTwo: HEALTH.RegionTwo}});
  loadPage(PAGE, ['health']).start();
  await vi.advanceTimersByTimeAsync(0);
  expect(cell('RegionTwo').getAttribute('data-mr-health-state')).toBe('late');
  expect([...cell('RegionTwo').classList]).toEqual(['text-warning']);
  await vi.advanceTimersByTimeAsync(7000);
  expect([...cell('RegionTwo').classList]).toEqual(['text-danger']);
  expect(cell('RegionTwo').textContent).toBe('Timed out after 5000 ms');
});
