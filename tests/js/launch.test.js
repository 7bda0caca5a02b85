/*
 * The Launch and Update Stack forms (mr_dashboard.launch.js): a picked
 * folder's paths copied as JSON into the hidden field the input names, and
 * the clicked button's action kept in the form's hidden action field
 * (Horizon disables the buttons, which then send nothing).
 */
import {expect, it} from 'vitest';
import {loadPage} from './page.js';

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
