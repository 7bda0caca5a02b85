/*
 * The Create Credential form's Check button and the CA file choosers
 * (mr_dashboard.credentials.js): Check posts the form, CSRF token and all,
 * and shows the server's (escaped) answer in the form, which keeps what was
 * typed; a CA file is read in the browser into its text field.
 */
import {Blob} from 'node:buffer';
import {afterEach, beforeEach, expect, it, vi} from 'vitest';
import {loadPage, serve, settle, until} from './page.js';

const FORM = `
  <form id="create" method="post" action="/project/mr/credentials/create/">
    <input type="hidden" name="csrfmiddlewaretoken" value="form-token">
    <input name="name" value="other cloud">
    <input type="password" name="password" value="typed">
    <textarea id="id_ca_cert" name="ca_cert"></textarea>
    <input type="file" data-mr-pem-into="id_ca_cert">
    <div id="mr-credential-check-result"></div>
    <button type="button" id="mr-credential-check"
            data-mr-credential-check="/project/mr/credentials/check/"
            data-mr-checking="Checking…"
            data-mr-check-error="The check could not be run.">Check</button>
  </form>`;

const RESULT = '<div id="mr-credential-check-outcome" data-mr-check-state="ok">' +
  'Reached &lt;RegionA&gt;</div>';

let scrolled;

// A chosen file, as a browser's (jsdom's File has no text(); Node's Blob has).
function chosen(text) {
  return Object.assign(new Blob([text]), {name: 'ca.pem'});
}

beforeEach(() => {
  // jsdom lays nothing out and has no scrollIntoView: record where it would go.
  scrolled = [];
  Element.prototype.scrollIntoView = function (options) {
    scrolled.push([this.id, options]);
  };
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  delete Element.prototype.scrollIntoView;
});

function parts() {
  return {
    button: document.getElementById('mr-credential-check'),
    box: document.getElementById('mr-credential-check-result')
  };
}

it('posts the whole form with the CSRF header and shows the server\'s answer', async () => {
  document.cookie = 'csrftoken=cookie-token';
  let answer;
  const seen = serve(() => new Promise((resolve) => {
    answer = resolve;
  }));
  loadPage(FORM, ['credentials']).start();
  const {button, box} = parts();
  button.click();

  expect(button.disabled).toBe(true);
  expect(box.textContent).toBe('Checking…');
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({url: '/project/mr/credentials/check/', method: 'POST'});
  expect(seen[0].headers).toMatchObject({Accept: 'text/html', 'X-CSRFToken': 'cookie-token'});
  expect(Object.fromEntries(seen[0].body.entries())).toEqual({
    csrfmiddlewaretoken: 'form-token', name: 'other cloud', password: 'typed', ca_cert: ''
  });

  answer({body: RESULT});
  await until(() => expect(button.disabled).toBe(false));
  expect(box.innerHTML).toBe(RESULT);
  expect(box.textContent).toBe('Reached <RegionA>');
  expect(scrolled).toEqual([['mr-credential-check-result', {block: 'nearest'}]]);
  expect(document.querySelector('[name="password"]').value).toBe('typed');
});

it('says the check could not be run when the server fails, and lets it be tried again',
   async () => {
     const seen = serve(() => ({status: 500, body: '<h1>Server Error</h1>'}));
     loadPage(FORM, ['credentials']).start();
     const {button, box} = parts();
     button.click();
     await until(() => expect(button.disabled).toBe(false));
     expect(box.textContent).toBe('The check could not be run.');
     expect(box.querySelector('h1')).toBeNull();
     expect(console.warn).toHaveBeenCalledWith(
       'mr_dashboard: /project/mr/credentials/check/ answered 500');
     button.click();
     expect(seen).toHaveLength(2);
   });

it('binds the Check button of a form that arrives in a modal', async () => {
  const seen = serve(() => ({body: RESULT}));
  const page = loadPage('', ['credentials']);
  page.start();
  page.openModal(FORM);
  parts().button.click();
  await until(() => expect(parts().box.innerHTML).toBe(RESULT));
  expect(seen).toHaveLength(1);
});

it('reads a chosen CA file into its field, in the browser', async () => {
  const seen = serve(() => ({body: ''}));
  loadPage(FORM, ['credentials']).start();
  const input = document.querySelector('[data-mr-pem-into]');
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  Object.defineProperty(input, 'files', {value: [chosen(pem)]});
  input.dispatchEvent(new Event('change'));
  await until(() => expect(document.getElementById('id_ca_cert').value).toBe(pem));
  expect(seen).toHaveLength(0);
});

it('leaves the field alone when no file was chosen or its field is missing', async () => {
  loadPage(FORM.replace('data-mr-pem-into="id_ca_cert"', 'data-mr-pem-into="gone"') +
           '<input type="file" id="empty" data-mr-pem-into="id_ca_cert">',
           ['credentials']).start();
  const [missing, empty] = document.querySelectorAll('[data-mr-pem-into]');
  Object.defineProperty(missing, 'files', {value: [chosen('x')]});
  missing.dispatchEvent(new Event('change'));
  empty.dispatchEvent(new Event('change'));
  await settle();
  expect(document.getElementById('id_ca_cert').value).toBe('');
});
