/*
 * The folder picker of the Launch Stack form.
 *
 * Browsers send only a file's name with an upload; a folder picked in
 * input[data-mr-folder] also has each file's path inside it
 * (webkitRelativePath). This copies those paths, in upload order, as JSON
 * into the hidden field the input names, so the server rebuilds the
 * folder. Does nothing on other pages and leaves no globals behind.
 */
(function () {
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

  function init() {
    var inputs = document.querySelectorAll('input[data-mr-folder]');
    Array.prototype.forEach.call(inputs, function (input) {
      input.addEventListener('change', function () {
        remember(input);
      });
      if (input.files && input.files.length) {
        remember(input);
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
