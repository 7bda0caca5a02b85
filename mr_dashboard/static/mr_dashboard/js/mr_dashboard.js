/*
 * What every script of mr_dashboard shares, as horizon.mr_dashboard (a
 * property of Horizon's own object: no global of its own). Loaded before
 * the plugin's other scripts (first in the enabled files' ADD_JS_FILES).
 *
 * boot(start): runs start(scope) when Horizon starts the page
 *   (horizon.addInitFunction, scope = document) and again for every modal
 *   Horizon loads afterwards (horizon.modals.addModalInitFunction, scope =
 *   the modal), so each script looks for its elements inside scope only.
 * request(url, options): a fetch of one of this site's views: the session
 *   cookie (same origin), never cached, X-Requested-With, Django's CSRF
 *   header (Horizon's "csrftoken" cookie) on anything but GET and HEAD,
 *   given up after options.timeout ms (TIMEOUT unless said). Resolves with
 *   the parsed JSON, or the text when options.as is 'text'; rejects with a
 *   RequestError {url, kind: 'status' | 'timeout' | 'network' | 'body',
 *   status, message}.
 * poll(url, options): request(url, options) at once, then every
 *   options.every ms after each answer handed to options.onAnswer(answer)
 *   until that returns false or stop() is called. After a failure (given to
 *   options.onError, warn by default) it waits twice as long each time, up
 *   to MAX_DELAY (or options.every if longer), and options.every again
 *   after the next answer. While the tab is hidden nothing is asked: the
 *   next request waits until the tab is shown. Returns {stop: function}.
 * followUp(url, element, attribute, period, onDone): a page's follow-up of
 *   what came late (the server's api/handover.py): polls url every period
 *   ms until it answers {state: 'done'}, hands that answer to onDone; the
 *   element's attribute says 'waiting', 'done', or 'expired' (a 400: the
 *   server no longer knows the page). Returns the poll's {stop}.
 * every(element, attribute, seconds): the refresh period an element names
 *   in seconds, in ms (seconds when it names none).
 * localPath(url): url if it is a path of this site ("/project/..."), else
 *   null: the only URLs from JSON a script may turn into a link.
 * warn(error): how a script reports a failure (on the console; the page
 *   keeps what it showed).
 */
(function (horizon) {
  'use strict';

  // No view of the plugin takes this long (gunicorn's own timeout in the
  // demo): this only ends requests that would hang for ever.
  var TIMEOUT = 120000;
  var MAX_DELAY = 60000;
  var SAFE_METHODS = ['GET', 'HEAD'];
  // A path of this site: no "//" or "/\" start (another site), and no
  // control character, space or backslash anywhere (browsers drop a tab or
  // newline, so "/\t/x" would become "//x").
  // eslint-disable-next-line no-control-regex -- the characters it refuses
  var LOCAL_PATH = /^\/(?![\/\\])[^\x00-\x20\x7f\\]*$/;

  function RequestError(url, kind, status, message) {
    this.name = 'RequestError';
    this.url = url;
    this.kind = kind;
    this.status = status;
    this.message = url + ' ' + message;
  }
  RequestError.prototype = Object.create(Error.prototype);
  RequestError.prototype.constructor = RequestError;

  function warn(error) {
    window.console.warn('mr_dashboard: ' + error.message);
  }

  function cookie(name) {
    var prefix = name + '=';
    var found = document.cookie.split(/;\s*/).filter(function (pair) {
      return pair.indexOf(prefix) === 0;
    });
    return found.length ? decodeURIComponent(found[0].slice(prefix.length)) : null;
  }

  function headers(method, as) {
    var sent = {Accept: as === 'text' ? 'text/html' : 'application/json',
                'X-Requested-With': 'XMLHttpRequest'};
    var token = SAFE_METHODS.indexOf(method) < 0 ? cookie('csrftoken') : null;
    if (token) {
      sent['X-CSRFToken'] = token;
    }
    return sent;
  }

  function request(url, options) {
    var opts = options || {};
    var method = (opts.method || 'GET').toUpperCase();
    var timeout = opts.timeout || TIMEOUT;
    var controller = new window.AbortController();
    var status = 0;
    var timedOut = false;
    var timer = window.setTimeout(function () {
      timedOut = true;
      controller.abort();
    }, timeout);
    return window.fetch(url, {
      method: method,
      body: opts.body,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: headers(method, opts.as),
      signal: controller.signal
    }).then(function (response) {
      status = response.status;
      if (!response.ok) {
        throw new RequestError(url, 'status', status, 'answered ' + status);
      }
      return opts.as === 'text' ? response.text() : response.json();
    }).catch(function (error) {
      if (error instanceof RequestError) {
        throw error;
      }
      if (timedOut) {
        throw new RequestError(url, 'timeout', status,
                               'did not answer within ' + timeout + ' ms');
      }
      throw new RequestError(url, error.name === 'SyntaxError' ? 'body' : 'network',
                             status, 'failed: ' + error.message);
    }).finally(function () {
      window.clearTimeout(timer);
    });
  }

  function poll(url, options) {
    var failures = 0;
    var timer = null;
    var due = false;
    var stopped = false;

    function stop() {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', shown);
    }

    function later(delay) {
      timer = window.setTimeout(ask, delay);
    }

    function ask() {
      if (stopped) {
        return;
      }
      if (document.hidden) {
        due = true;
        return;
      }
      request(url, options).then(function (answer) {
        if (stopped) {
          return;
        }
        if (options.onAnswer(answer) === false) {
          stop();
          return;
        }
        failures = 0;
        later(options.every);
      }).catch(function (error) {
        if (stopped) {
          return;
        }
        failures += 1;
        (options.onError || warn)(error);
        later(Math.min(options.every * Math.pow(2, failures),
                       Math.max(options.every, MAX_DELAY)));
      });
    }

    function shown() {
      if (due && !document.hidden) {
        due = false;
        ask();
      }
    }

    document.addEventListener('visibilitychange', shown);
    ask();
    return {stop: stop};
  }

  function followUp(url, element, attribute, period, onDone) {
    var poller;
    element.setAttribute(attribute, 'waiting');
    // Through the exported poll: what replaces it (a test) sees this too.
    poller = horizon.mr_dashboard.poll(url, {
      every: period,
      onAnswer: function (answer) {
        if (answer.state !== 'done') {
          return true;
        }
        onDone(answer);
        element.setAttribute(attribute, 'done');
        return false;
      },
      onError: function (error) {
        warn(error);
        if (error.kind === 'status' && error.status === 400) {
          element.setAttribute(attribute, 'expired');
          poller.stop();
        }
      }
    });
    return poller;
  }

  function every(element, attribute, seconds) {
    var named = parseInt(element.getAttribute(attribute), 10);
    return (named > 0 ? named : seconds) * 1000;
  }

  function localPath(url) {
    return typeof url === 'string' && LOCAL_PATH.test(url) ? url : null;
  }

  function boot(start) {
    // Horizon runs its init functions in one loop: an error in one script
    // is reported as any uncaught error, without stopping the others.
    function run(scope) {
      try {
        start(scope);
      } catch (error) {
        window.setTimeout(function () {
          throw error;
        });
      }
    }
    horizon.addInitFunction(function () {
      run(document);
    });
    horizon.modals.addModalInitFunction(function (modal) {
      run(window.jQuery(modal).get(0));
    });
  }

  horizon.mr_dashboard = {
    RequestError: RequestError,
    boot: boot,
    request: request,
    poll: poll,
    followUp: followUp,
    every: every,
    localPath: localPath,
    warn: warn
  };
})(window.horizon);
