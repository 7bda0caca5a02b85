/*
 * The Launch Stack and Update Stack forms.
 *
 * Folder picker: browsers send only a file's name with an upload; a folder
 * picked in input[data-mr-folder] also has each file's path inside it
 * (webkitRelativePath). This copies those paths, in upload order, as JSON
 * into the hidden field the input names, so the server rebuilds the folder.
 *
 * Buttons: Horizon disables a form's submit buttons when it is submitted,
 * so that it is not sent twice, and a disabled button does not send its
 * name and value. The button that submits a form holding
 * input[data-mr-action] copies its value there first.
 *
 * Does nothing on other pages.
 */
(function (mr) {
  'use strict';

  function remember(input) {
    var field = input.form.elements[input.getAttribute('data-mr-folder')];
    if (!field) {
      return;
    }
    var paths = Array.prototype.map.call(input.files, function (file) {
      return file.webkitRelativePath || file.name;
    });
    field.value = JSON.stringify(paths);
  }

  function keepAction(field) {
    if (!field.form) {
      return;
    }
    field.form.addEventListener('submit', function (event) {
      var button = event.submitter;
      if (button && button.name === field.name) {
        field.value = button.value;
      }
    });
  }

  mr.boot(function (scope) {
    scope.querySelectorAll('input[data-mr-folder]').forEach(function (input) {
      input.addEventListener('change', function () {
        remember(input);
      });
      if (input.files && input.files.length) {
        remember(input);
      }
    });
    scope.querySelectorAll('input[data-mr-action]').forEach(keepAction);
  });
})(window.horizon.mr_dashboard);
