/*
 * Credentials of other clouds: the Check button of the Create Credential
 * form (#mr-credential-check) and the CA certificate file choosers
 * ([data-mr-pem-into]) of that form and of the launch form.
 *
 * Check posts the form's fields (CSRF token included) to the check view
 * named in data-mr-credential-check and shows the HTML it answers in
 * #mr-credential-check-result, so nothing typed is lost. A chosen CA file
 * is read here, in the browser, into its text field: nothing is uploaded.
 * Works on a page and in Horizon's modals, which load after the page.
 */
(function (mr) {
  'use strict';

  function check(button) {
    var form = button.form || button.closest('form');
    var box = form.querySelector('#mr-credential-check-result');
    button.disabled = true;
    box.textContent = button.getAttribute('data-mr-checking');
    mr.request(button.getAttribute('data-mr-credential-check'), {
      method: 'POST',
      body: new FormData(form),
      as: 'text'
    }).then(function (html) {
      box.innerHTML = html; // rendered and escaped by the server
      box.scrollIntoView({block: 'nearest'});
    }).catch(function (error) {
      mr.warn(error);
      box.textContent = button.getAttribute('data-mr-check-error');
    }).finally(function () {
      button.disabled = false;
    });
  }

  function readPem(input) {
    var target = document.getElementById(input.getAttribute('data-mr-pem-into'));
    if (!target || !input.files.length) {
      return;
    }
    input.files[0].text().then(function (text) {
      target.value = text;
    });
  }

  mr.boot(function (scope) {
    scope.querySelectorAll('[data-mr-credential-check]').forEach(function (button) {
      button.addEventListener('click', function (event) {
        event.preventDefault();
        check(button);
      });
    });
    scope.querySelectorAll('[data-mr-pem-into]').forEach(function (input) {
      input.addEventListener('change', function () {
        readPem(input);
      });
    });
  });
})(window.horizon.mr_dashboard);
