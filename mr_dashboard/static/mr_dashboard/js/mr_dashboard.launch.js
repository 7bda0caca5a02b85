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
 * Late checks: a checklist made while some regions were still answering
 * (#mr-checklist[data-mr-pending-url]) shows each of them as checking.
 * The form's launch button (action "go") is disabled, and that URL asked
 * (horizon.mr_dashboard.poll) until it answers {state: "done", passed,
 * regions: [{region, checks: [{stack, name, status, label, reason}]}]}:
 * each late region's table gets its rows (every text put in as text,
 * never as HTML), and the launch button is enabled again only when every
 * check passed. An expired follow-up (400) leaves it disabled: Check
 * again. data-mr-pending-state says where it stands (waiting, done,
 * expired).
 *
 * Late pickers: parameters shown as text fields because their regions'
 * listings were late (#mr-picker-notes[data-mr-pending-url], each note
 * li[data-mr-field] naming its field) are asked for the same way, until
 * {state: "done", fields: [{name, multiple, blank, choices, problem}]}: a
 * field with choices becomes a select of them (texts put in as text),
 * first the blank choice labelled blank unless it is null, keeping
 * what was typed (chosen by value or label, else added as its own
 * choice), and its note goes; a field without keeps its text field and
 * its note says the problem. The notes hide when none is left. A field's
 * note, when it has one (no choice is held in every region its value
 * goes to), is added to the notes on where values go (#mr-reach-notes),
 * as text.
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

  var EVERY = 50;
  var LABELS = {passed: 'success', failed: 'danger'};

  function launchButton(checklist) {
    var form = checklist.closest('form');
    return form && form.querySelector('button[name="action"][value="go"]');
  }

  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  function checkRow(check) {
    var row = document.createElement('tr');
    var result = document.createElement('td');
    var label = document.createElement('span');
    row.className = 'mr-check mr-check-arrived';
    row.setAttribute('data-mr-check-status', check.status);
    label.className = 'label label-' + (LABELS[check.status] || 'default');
    label.textContent = check.label;
    result.appendChild(label);
    if (check.reason) {
      var reason = document.createElement('span');
      reason.className = 'mr-check-reason';
      reason.textContent = ' ' + check.reason;
      result.appendChild(reason);
    }
    row.appendChild(cell(check.stack));
    row.appendChild(cell(check.name));
    row.appendChild(result);
    return row;
  }

  /* The table of `region` in the checklist (compared as text: a region's
   * name is the cloud's, never part of a selector). */
  function regionTable(checklist, region) {
    return Array.prototype.filter.call(
      checklist.querySelectorAll('table[data-mr-region]'), function (table) {
        return table.getAttribute('data-mr-region') === region;
      })[0];
  }

  function settle(checklist, answer) {
    answer.regions.forEach(function (group) {
      var table = regionTable(checklist, group.region);
      var body = table && table.querySelector('tbody');
      if (!body) {
        return;
      }
      while (body.firstChild) {
        body.removeChild(body.firstChild);
      }
      group.checks.forEach(function (check) {
        body.appendChild(checkRow(check));
      });
    });
    checklist.setAttribute('data-mr-passed', answer.passed ? 'true' : 'false');
  }

  function follow(checklist) {
    var button = launchButton(checklist);
    if (button) {
      button.disabled = true;
    }
    function done(answer) {
      settle(checklist, answer);
      if (button) {
        button.disabled = !answer.passed;
      }
    }
    mr.followUp(checklist.getAttribute('data-mr-pending-url'), checklist,
                'data-mr-pending-state', EVERY, done);
  }

  function option(value, label, chosen) {
    var item = document.createElement('option');
    item.value = value;
    item.textContent = label;
    item.selected = chosen;
    return item;
  }

  /* A select in place of the text field `input`, of `choices` ([value,
   * label] pairs) after a blank one labelled `blank` (none when null),
   * with what was typed chosen. */
  function picker(input, choices, multiple, blank) {
    var select = document.createElement('select');
    var typed = input.value.trim();
    var wanted = multiple ? typed.split(',').map(function (one) {
      return one.trim();
    }).filter(Boolean) : typed ? [typed] : [];
    ['name', 'id', 'className'].forEach(function (property) {
      select[property] = input[property];
    });
    select.multiple = multiple;
    select.required = input.required;
    if (!multiple && typeof blank === 'string') {
      select.appendChild(option('', blank, !typed));
    }
    choices.forEach(function (choice) {
      var index = wanted.indexOf(choice[0]);
      if (index < 0) {
        index = wanted.indexOf(choice[1]);
      }
      if (index >= 0) {
        wanted.splice(index, 1);
      }
      select.appendChild(option(choice[0], choice[1], index >= 0));
    });
    // Nothing typed is lost: a value the region does not list stays, for
    // the checks to say so.
    wanted.forEach(function (value) {
      select.appendChild(option(value, value, true));
    });
    input.parentNode.replaceChild(select, input);
  }

  function fieldNote(notes, name) {
    return Array.prototype.filter.call(
      notes.querySelectorAll('li[data-mr-field]'), function (note) {
        return note.getAttribute('data-mr-field') === name;
      })[0];
  }

  function addReachNote(form, field) {
    var list = form && form.querySelector('#mr-reach-notes ul');
    if (!list || !field.note) {
      return;
    }
    var item = document.createElement('li');
    item.setAttribute('data-mr-reach-note', '');
    item.textContent = field.label + ': ' + field.note;
    list.appendChild(item);
  }

  function placePickers(notes, answer) {
    var form = notes.closest('form');
    answer.fields.forEach(function (field) {
      addReachNote(form, field);
      var input = form && form.elements.namedItem(field.name);
      var note = fieldNote(notes, field.name);
      if (field.choices && input && input.tagName === 'INPUT') {
        picker(input, field.choices, field.multiple, field.blank);
        if (note) {
          note.parentNode.removeChild(note);
        }
      } else if (note && field.problem) {
        note.querySelector('[data-mr-picker-problem]').textContent = field.problem;
      }
    });
    if (!notes.querySelector('li[data-mr-picker-note]')) {
      notes.classList.add('hidden');
    }
  }

  function followPickers(notes) {
    mr.followUp(notes.getAttribute('data-mr-pending-url'), notes,
                'data-mr-pending-state', EVERY, function (answer) {
                  placePickers(notes, answer);
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
    scope.querySelectorAll('#mr-checklist[data-mr-pending-url]').forEach(follow);
    scope.querySelectorAll('#mr-picker-notes[data-mr-pending-url]').forEach(followPickers);
  });
})(window.horizon.mr_dashboard);
