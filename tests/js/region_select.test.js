/*
 * The region dropdown (mr_dashboard.region_select.js): choosing a region
 * submits its form at once; the "Show" button, there for browsers without
 * scripts, is hidden.
 */
import {expect, it, vi} from 'vitest';
import {loadPage} from './page.js';

const PAGE = `
  <form method="get" action="/project/mr/stacks/">
    <select id="mr-region-select" name="region">
      <option value="">All regions</option><option value="RegionTwo">RegionTwo</option>
    </select>
    <button type="submit" data-mr-region-submit>Show</button>
    <button type="button" id="other">Other</button>
  </form>`;

it('hides the Show button and submits the form when a region is chosen', () => {
  loadPage(PAGE, ['region_select']).start();
  const select = document.getElementById('mr-region-select');
  const submit = vi.spyOn(select.form, 'submit').mockImplementation(() => {});
  expect(document.querySelector('[data-mr-region-submit]').style.display).toBe('none');
  expect(document.getElementById('other').style.display).toBe('');
  expect(submit).not.toHaveBeenCalled();

  select.value = 'RegionTwo';
  select.dispatchEvent(new Event('change'));
  expect(submit).toHaveBeenCalledTimes(1);
});

it('still submits when the form has no Show button', () => {
  loadPage(PAGE.replace(/<button type="submit"[^>]*>Show<\/button>/, ''), ['region_select'])
    .start();
  const select = document.getElementById('mr-region-select');
  const submit = vi.spyOn(select.form, 'submit').mockImplementation(() => {});
  select.dispatchEvent(new Event('change'));
  expect(submit).toHaveBeenCalledTimes(1);
});

it('does nothing on a page without the dropdown', () => {
  const page = loadPage('<form><button type="submit" data-mr-region-submit>Show</button></form>',
                        ['region_select']);
  vi.useFakeTimers();
  page.start();
  expect(() => vi.runAllTimers()).not.toThrow();
  expect(document.querySelector('[data-mr-region-submit]').style.display).toBe('');
});
