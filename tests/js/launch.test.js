/*
 * The Launch and Update Stack forms (mr_dashboard.launch.js): a picked
 * folder's paths copied as JSON into the hidden field the input names, and
 * the clicked button's action kept in the form's hidden action field
 * (Horizon disables the buttons, which then send nothing); the checks of
 * late regions asked for while the launch button stays disabled, then put
 * in place as text.
 */
import {expect, it, vi} from 'vitest';
import {HOSTILE, loadPage, serve, settle, until} from './page.js';

const FORM = `
  <form id="launch" method="post" action="/project/mr/stacks/launch/">
    <input type="file" name="folder" webkitdirectory data-mr-folder="folder_paths">
    <input type="hidden" name="folder_paths">
    <input type="hidden" name="action" value="check" data-mr-action>
    <button type="submit" name="action" value="check" id="check">Check</button>
    <button type="submit" name="action" value="preview" id="preview">Preview</button>
    <button type="submit" name="other" value="x" id="other">Other</button>
  </form>`;

// What a browser gives for a picked folder: each file with its path in it
// (File objects of jsdom have no webkitRelativePath, so plain stand-ins).
function pick(input, files) {
  Object.defineProperty(input, 'files', {configurable: true, value: files});
  input.dispatchEvent(new Event('change'));
}

function field(name) {
  return document.querySelector(`#launch [name="${name}"][type="hidden"]`);
}

// The form submitted by a button, as a browser does (the page stays).
function submitWith(id) {
  const form = document.getElementById('launch');
  form.addEventListener('submit', (event) => event.preventDefault());
  form.requestSubmit(document.getElementById(id));
}

it('copies a picked folder\'s paths, in upload order, into the named field', () => {
  loadPage(FORM, ['launch']).start();
  const input = document.querySelector('[data-mr-folder]');
  pick(input, [
    {name: 'main.yaml', webkitRelativePath: 'app/main.yaml'},
    {name: 'db.yaml', webkitRelativePath: 'app/nested/db.yaml'},
    {name: 'env "prod".yaml', webkitRelativePath: ''}
  ]);
  expect(JSON.parse(field('folder_paths').value))
    .toEqual(['app/main.yaml', 'app/nested/db.yaml', 'env "prod".yaml']);
  pick(input, []);
  expect(field('folder_paths').value).toBe('[]');
});

it('copies a folder the browser kept from before the page started (back button)', () => {
  const page = loadPage(FORM, ['launch']);
  Object.defineProperty(document.querySelector('[data-mr-folder]'), 'files', {
    value: [{name: 'a.yaml', webkitRelativePath: 'kept/a.yaml'}]
  });
  page.start();
  expect(field('folder_paths').value).toBe('["kept/a.yaml"]');
});

it('leaves a folder input alone when its field is missing', () => {
  loadPage(FORM.replace('<input type="hidden" name="folder_paths">', ''), ['launch']).start();
  pick(document.querySelector('[data-mr-folder]'), [{name: 'a.yaml', webkitRelativePath: 'a'}]);
  expect(document.querySelectorAll('#launch input[type="hidden"]')).toHaveLength(1);
});

it('keeps the action of the button that submitted the form', () => {
  loadPage(FORM, ['launch']).start();
  submitWith('preview');
  expect(field('action').value).toBe('preview');
  submitWith('check');
  expect(field('action').value).toBe('check');
});

it('ignores a button of another name, and a submit without a button', () => {
  loadPage(FORM, ['launch']).start();
  submitWith('preview');
  submitWith('other');
  expect(field('action').value).toBe('preview');
  document.getElementById('launch').requestSubmit();
  expect(field('action').value).toBe('preview');
});

it('works in a modal loaded after the page', () => {
  const page = loadPage('', ['launch']);
  page.start();
  page.openModal(FORM);
  submitWith('preview');
  expect(field('action').value).toBe('preview');
});

const PENDING_URL = '/project/mr_stacks/launch/checks/?key=k3y';
const CHECKLIST = `
  <form id="launch" method="post">
    <div id="mr-checklist" data-mr-passed="false" data-mr-pending-url="${PENDING_URL}">
      <table class="mr-checklist-region" data-mr-region="RegionOne"><tbody>
        <tr class="mr-check" data-mr-check-status="passed"><td>root</td></tr></tbody></table>
      <table class="mr-checklist-region" data-mr-region="Region&quot;Two"><tbody>
        <tr class="mr-check" data-mr-check-status="passed"><td>far</td></tr>
        <tr class="mr-check mr-check-pending" data-mr-check-status="pending"><td>Checking…</td></tr>
      </tbody></table>
    </div>
    <button type="submit" name="action" value="check" id="check">Check</button>
    <button type="submit" name="action" value="go" id="go">Launch</button>
  </form>`;

function check(status, reason) {
  return {stack: 'far', name: 'Heat answers', status, label: status, reason};
}

/* The checklist page started with the follow-up's answers given in turn
 * (fake time between two requests); resolves once it stopped asking. */
async function follow(answers) {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
  const seen = serve(() => answers.shift());
  loadPage(CHECKLIST, ['launch']).start();
  const checklist = document.getElementById('mr-checklist');
  expect(document.getElementById('go').disabled).toBe(true);
  for (let asked = 1; ; asked += 1) {
    await until(() => expect(seen).toHaveLength(asked));
    await settle();
    if (checklist.getAttribute('data-mr-pending-state') !== 'waiting') {
      return seen;
    }
    vi.advanceTimersByTime(50);
  }
}

function rows(region) {
  const table = [...document.querySelectorAll('table[data-mr-region]')].find(
    (one) => one.getAttribute('data-mr-region') === region);
  return [...table.querySelectorAll('tr')].map((tr) => [
    tr.getAttribute('data-mr-check-status'), tr.textContent.trim()]);
}

it('keeps the launch disabled until the late checks came, then enables it if all passed',
   async () => {
     const seen = await follow([
       {body: {state: 'waiting', waiting: ['Region"Two']}},
       {body: {state: 'done', passed: true, regions: [
         {region: 'Region"Two', checks: [check('passed', ''), check('passed', '')]}]}}
     ]);

     expect(seen.map((request) => request.url)).toEqual([PENDING_URL, PENDING_URL]);
     expect(rows('Region"Two')).toEqual([['passed', 'far' + 'Heat answers' + 'passed'],
                                         ['passed', 'far' + 'Heat answers' + 'passed']]);
     expect(rows('RegionOne')).toEqual([['passed', 'root']]);
     expect(document.getElementById('mr-checklist').getAttribute('data-mr-passed')).toBe('true');
     expect(document.getElementById('go').disabled).toBe(false);
   });

it('puts a late failure in as text and keeps the launch disabled', async () => {
  window.hacked = 0;
  await follow([{body: {state: 'done', passed: false, regions: [
    {region: 'Region"Two', checks: HOSTILE.map((text) => check('failed', text))}]}}]);

  const reasons = [...document.querySelectorAll('.mr-check-reason')].map(
    (span) => span.textContent.trim());
  expect(reasons).toEqual(HOSTILE.map((text) => text.trim()));
  expect(document.querySelectorAll('#mr-checklist script, #mr-checklist img')).toHaveLength(0);
  expect(document.querySelectorAll('.label-danger')).toHaveLength(HOSTILE.length);
  expect(window.hacked).toBe(0);
  expect(document.getElementById('go').disabled).toBe(true);
});

it('stops asking when the checks are too old, the launch still disabled', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const seen = await follow([{status: 400, body: {error: 'press Check again'}}]);
  await settle();

  expect(seen).toHaveLength(1);
  expect(document.getElementById('mr-checklist').getAttribute('data-mr-pending-state'))
    .toBe('expired');
  expect(document.getElementById('go').disabled).toBe(true);
});
