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

const PICKERS_URL = '/project/mr_stacks/launch/pickers/?key=k3y';
function lateNote(field, label, problem) {
  const named = field ? ` data-mr-field="${field}"` : '';
  return `<li data-mr-picker-note${named}>${label}: ` +
    `<span data-mr-picker-problem>${problem}</span></li>`;
}
const SLOWLY = 'RegionTwo is answering slowly…';
const LATE_PICKERS = `
  <form id="launch" method="post">
    <div class="alert alert-warning" id="mr-picker-notes" data-mr-pending-url="${PICKERS_URL}">
      <ul>${lateNote('param__flavor', 'flavor', SLOWLY)}${lateNote('param__image', 'image', SLOWLY)}
        ${lateNote('param__nets', 'nets', SLOWLY)}
        ${lateNote('', 'key', 'RegionThree offers no compute service')}</ul>
    </div>
    <div class="alert alert-info" id="mr-reach-notes"><ul>
      <li data-mr-reach-note>image: Its value goes to RegionOne, RegionTwo.</li></ul></div>
    <label for="id_param__flavor">flavor</label>
    <input type="text" name="param__flavor" id="id_param__flavor" class="form-control" required
           value="m1.tiny">
    <input type="text" name="param__image" id="id_param__image" class="form-control"
           value="typed">
    <input type="text" name="param__nets" id="id_param__nets" class="form-control"
           value="n2, gone">
  </form>`;

/* The form started with the pickers' follow-up answering `answer`. */
async function latePickers(answer) {
  const seen = serve(() => answer);
  loadPage(LATE_PICKERS, ['launch']).start();
  const notes = document.getElementById('mr-picker-notes');
  await until(() => expect(notes.getAttribute('data-mr-pending-state')).not.toBe('waiting'));
  return seen;
}

function options(name) {
  return [...document.querySelectorAll(`select[name="${name}"] option`)].map(
    (item) => [item.value, item.textContent, item.selected]);
}

it('makes each late field a picker of what came, keeping what was typed', async () => {
  const seen = await latePickers({body: {state: 'done', fields: [
    {name: 'param__flavor', multiple: false, blank: null, problem: '',
     choices: [['1', 'm1.tiny'], ['2', '<b>m1.small</b>']]},
    {name: 'param__image', multiple: false, blank: '(each <i>region</i>)', problem: '',
     choices: [['i1', 'cirros']], label: 'im<b>age</b>', note: 'No choice <i>exists</i>'},
    {name: 'param__nets', multiple: true, blank: null, problem: '',
     choices: [['n1', 'one'], ['n2', 'two']]}]}});

  expect(seen.map((request) => request.url)).toEqual([PICKERS_URL]);
  const flavor = document.getElementById('id_param__flavor');
  expect([flavor.tagName, flavor.className, flavor.required, flavor.multiple])
    .toEqual(['SELECT', 'form-control', true, false]);
  // Chosen by label; a name's markup stays text.
  expect(options('param__flavor')).toEqual([['1', 'm1.tiny', true],
                                            ['2', '<b>m1.small</b>', false]]);
  expect(document.querySelectorAll('#launch b')).toHaveLength(0);
  // A blank choice first, as the server labels it (as text); a typed
  // value not listed stays chosen.
  expect(options('param__image')).toEqual([['', '(each <i>region</i>)', false],
                                           ['i1', 'cirros', false], ['typed', 'typed', true]]);
  expect(document.getElementById('id_param__nets').multiple).toBe(true);
  expect(options('param__nets')).toEqual([['n1', 'one', false], ['n2', 'two', true],
                                          ['gone', 'gone', true]]);
  // A field's way out joins the notes on where values go, as text.
  expect([...document.querySelectorAll('#mr-reach-notes li')].map((li) => li.textContent))
    .toEqual(['image: Its value goes to RegionOne, RegionTwo.',
              'im<b>age</b>: No choice <i>exists</i>']);
  expect(document.querySelectorAll('#mr-reach-notes b, #mr-reach-notes i')).toHaveLength(0);
  // The late fields' notes went; the other one stays, and so do the notes.
  const notes = document.getElementById('mr-picker-notes');
  expect([...notes.querySelectorAll('li')].map((li) => li.textContent))
    .toEqual(['key: RegionThree offers no compute service']);
  expect(notes.classList.contains('hidden')).toBe(false);
  expect(notes.getAttribute('data-mr-pending-state')).toBe('done');
});

it('keeps a field whose region could not list it as text, its note saying why', async () => {
  await latePickers({body: {state: 'done', fields: [
    {name: 'param__flavor', multiple: false, choices: null,
     problem: 'The choices of nova.flavor could not be listed in RegionTwo <i>late</i>'}]}});

  expect(document.getElementById('id_param__flavor').tagName).toBe('INPUT');
  expect(document.getElementById('id_param__flavor').value).toBe('m1.tiny');
  const note = document.querySelector('li[data-mr-field="param__flavor"]');
  expect(note.textContent).toBe(
    'flavor: The choices of nova.flavor could not be listed in RegionTwo <i>late</i>');
  expect(note.querySelectorAll('i')).toHaveLength(0);
});

it('hides the notes once every late field is a picker', async () => {
  const html = LATE_PICKERS.replace(lateNote('', 'key', 'RegionThree offers no compute service'),
                                    '');
  const seen = serve(() => ({body: {state: 'done', fields: ['flavor', 'image', 'nets'].map(
    (name) => ({name: `param__${name}`, multiple: false, blank: null, problem: '',
                choices: [['a', 'a']]}))}}));
  loadPage(html, ['launch']).start();
  const notes = document.getElementById('mr-picker-notes');
  await until(() => expect(notes.getAttribute('data-mr-pending-state')).toBe('done'));
  expect(seen).toHaveLength(1);
  expect(notes.classList.contains('hidden')).toBe(true);
  expect(document.querySelectorAll('#launch input[type="text"]')).toHaveLength(0);
});
