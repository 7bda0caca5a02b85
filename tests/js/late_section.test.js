/*
 * A page part made without its late regions (mr_dashboard.late_section.js):
 * asked until done, then its content replaced by the server's rendering
 * (no markup of a text runs), an expired follow-up keeps what was shown.
 */
import {expect, it, vi} from 'vitest';
import {loadPage, serve, settle, until} from './page.js';

const URL = '/project/mr_stack_sets/?late=k3y';
const PAGE = `
  <div id="part" data-mr-late-section-url="${URL}">
    <div class="alert alert-info" data-mr-late-region="RegionTwo">RegionTwo answers slowly</div>
    <table id="mr-stack-sets"><tbody><tr data-mr-set="web"><td>web</td></tr></tbody></table>
  </div>`;
const FRESH = '<table id="mr-stack-sets"><tbody><tr data-mr-set="web"><td>web</td></tr>' +
  '<tr data-mr-set="db"><td>&lt;img src=x onerror="window.hacked=1"&gt;</td></tr>' +
  '</tbody></table>';

it('replaces the part with the server\'s rendering once the late regions came', async () => {
  window.hacked = 0;
  const answers = [{body: {state: 'waiting', waiting: ['RegionTwo']}},
                   {body: {state: 'done', html: FRESH}}];
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
  const seen = serve(() => answers.shift());
  const page = loadPage(PAGE, ['late_section']);
  page.start();
  const part = document.getElementById('part');
  await until(() => expect(seen).toHaveLength(1));
  await settle();
  expect(part.getAttribute('data-mr-late-state')).toBe('waiting');
  vi.advanceTimersByTime(50);
  await until(() => expect(part.getAttribute('data-mr-late-state')).toBe('done'));

  expect(seen.map((request) => request.url)).toEqual([URL, URL]);
  expect([...part.querySelectorAll('tr')].map((row) => row.getAttribute('data-mr-set')))
    .toEqual(['web', 'db']);
  expect(part.querySelector('[data-mr-late-region]')).toBeNull();
  expect(part.querySelector('tr[data-mr-set="db"] td').textContent)
    .toBe('<img src=x onerror="window.hacked=1">');
  expect(part.querySelectorAll('img')).toHaveLength(0);
  expect(window.hacked).toBe(0);
  // Horizon's tables in it set up as a lazily loaded tab's are.
  expect(page.tabLoads).toEqual([part]);
});

it('keeps what it showed when the page is too old', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  serve(() => ({status: 400, body: {error: 'reload it'}}));
  loadPage(PAGE, ['late_section']).start();
  const part = document.getElementById('part');
  await until(() => expect(part.getAttribute('data-mr-late-state')).toBe('expired'));
  expect(part.querySelectorAll('tr')).toHaveLength(1);
  expect(part.querySelector('[data-mr-late-region]')).not.toBeNull();
});
