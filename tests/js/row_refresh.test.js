/*
 * Rows that refresh themselves (mr_dashboard.row_refresh.js): a row whose
 * refresh was answered 503 (its region unavailable) gets back the marks
 * Horizon's table script removed, so that Horizon's next poll asks for it
 * again; other failures, and other rows, are left as Horizon left them.
 */
import {expect, it} from 'vitest';
import {loadPage} from './page.js';

const URL = '/project/mr_stacks/?action=row_update&table=stacks&obj_id=RegionTwo%3As2';
const PAGE = `
  <table><tbody>
    <tr id="failed" class="warning" data-update-url="${URL}"><td>s2</td></tr>
    <tr id="other" class="warning" data-update-url="${URL}x"><td>s3</td></tr>
  </tbody></table>`;

/* What Horizon's row refresh does on an error, then jQuery's global event. */
function refreshFailed(status, url) {
  window.jQuery('#failed').removeClass('ajax-update');
  window.jQuery.event.trigger('ajaxError', [{status: status}, {url: url}, 'error']);
}

it('marks the row for the next poll again when its refresh was answered 503', () => {
  loadPage(PAGE, ['row_refresh']).start();
  refreshFailed(503, URL);
  expect(document.getElementById('failed').className).toBe('warning ajax-update');
  expect(document.getElementById('other').className).toBe('warning');
});

it('leaves a row stopped by any other failure, as Horizon does', () => {
  loadPage(PAGE, ['row_refresh']).start();
  [500, 0, 403].forEach((status) => refreshFailed(status, URL));
  expect(document.getElementById('failed').className).toBe('warning');
});

it('binds once a page, not again for each modal', () => {
  const page = loadPage(PAGE, ['row_refresh']);
  page.start();
  page.openModal('<form></form>');
  refreshFailed(503, URL);
  expect(document.getElementById('failed').className).toBe('warning ajax-update');
  expect(window.jQuery._data(document, 'events').ajaxError).toHaveLength(1);
});
