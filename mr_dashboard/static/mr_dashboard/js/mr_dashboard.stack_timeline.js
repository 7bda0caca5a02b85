/*
 * The timeline of a stack tree's events on a stack's detail page of
 * mr_dashboard.
 *
 * When the Timeline tab is shown (or is the page's tab), asks the URL of
 * #mr-stack-timeline (data-mr-timeline-url) for {lanes, regions, events,
 * late} and draws it with Horizon's own d3 (XStatic, version 3); while a
 * branch is late (late names its regions, said under the picture) it asks
 * again every LATE_EVERY ms and draws each answer: a time
 * axis, one lane per stack of the tree in tree order, a bar from the
 * stack's first to its last event, one dot per event, coloured by region,
 * a red ring for a failure. Every text from the cloud is set with d3's
 * text() (a text node), never as HTML.
 */
(function (mr) {
  'use strict';

  var ROW = 24;
  var LABEL = 230;
  var RIGHT = 24;
  var TOP = 34;
  var LEGEND = 26;
  var MIN_WIDTH = 640;
  var LATE_EVERY = 1000;

  function truncate(text, chars) {
    return text.length > chars ? text.slice(0, chars - 1) + '\u2026' : text;
  }

  function draw(root, data) {
    var d3 = window.d3;
    var width = Math.max(MIN_WIDTH, root.clientWidth || 0);
    var times = data.events.map(function (event) { return new Date(event.time); });
    var first = d3.min(times) || new Date();
    var last = d3.max(times) || new Date();
    if (last - first < 1000) {
      last = new Date(first.getTime() + 1000);
    }
    var x = d3.time.scale().domain([first, last]).range([LABEL, width - RIGHT]);
    var colour = d3.scale.category10().domain(data.regions);
    var lanes = {};
    data.lanes.forEach(function (lane, index) {
      lanes[lane.key] = {lane: lane, y: TOP + index * ROW, times: []};
    });
    data.events.forEach(function (event, index) {
      lanes[event.lane].times.push(times[index]);
    });

    root.textContent = '';
    var svg = d3.select(root).append('svg')
      .attr('class', 'mr-timeline')
      .attr('width', width)
      .attr('height', TOP + data.lanes.length * ROW + LEGEND);
    svg.append('g').attr('class', 'mr-timeline-axis')
      .attr('transform', 'translate(0,' + (TOP - 6) + ')')
      .call(d3.svg.axis().scale(x).orient('top').ticks(6))
      .selectAll('path, line').attr('fill', 'none').attr('stroke', '#999999');

    var lane = svg.selectAll('g.mr-timeline-lane').data(data.lanes).enter()
      .append('g')
      .attr('class', 'mr-timeline-lane')
      .attr('data-mr-lane', function (d) { return d.key; })
      .attr('data-mr-region', function (d) { return d.region; })
      .attr('transform', function (d) { return 'translate(0,' + lanes[d.key].y + ')'; });
    lane.append('text').attr('class', 'mr-timeline-name')
      .attr('x', 4).attr('y', ROW / 2 + 4)
      .text(function (d) { return truncate(d.name, 30); });
    lane.append('title').text(function (d) { return d.name + ' (' + d.region + ')'; });
    lane.append('line').attr('class', 'mr-timeline-guide')
      .attr('x1', LABEL).attr('x2', width - RIGHT)
      .attr('y1', ROW / 2).attr('y2', ROW / 2)
      .attr('stroke', '#eeeeee');
    lane.filter(function (d) { return lanes[d.key].times.length; })
      .append('rect').attr('class', 'mr-timeline-span')
      .attr('x', function (d) { return x(d3.min(lanes[d.key].times)); })
      .attr('width', function (d) {
        var span = lanes[d.key].times;
        return Math.max(2, x(d3.max(span)) - x(d3.min(span)));
      })
      .attr('y', ROW / 2 - 3).attr('height', 6)
      .attr('fill', function (d) { return colour(d.region); })
      .attr('opacity', 0.35);

    svg.selectAll('circle.mr-timeline-event').data(data.events).enter()
      .append('circle')
      .attr('class', 'mr-timeline-event')
      .attr('data-mr-state', function (d) { return d.state; })
      .attr('cx', function (d, index) { return x(times[index]); })
      .attr('cy', function (d) { return lanes[d.lane].y + ROW / 2; })
      .attr('r', 5)
      .attr('fill', function (d) { return colour(lanes[d.lane].lane.region); })
      .attr('stroke', function (d) { return d.state === 'failed' ? '#d9534f' : '#ffffff'; })
      .attr('stroke-width', function (d) { return d.state === 'failed' ? 3 : 1; })
      .append('title').text(function (d) {
        return d.resource + ': ' + d.status + ' (' + d.time + ')' +
          (d.reason ? ' \u2014 ' + d.reason : '');
      });

    var legend = svg.append('g').attr('class', 'mr-timeline-legend')
      .attr('transform', 'translate(' + LABEL + ',' + (TOP + data.lanes.length * ROW + 14) + ')');
    var item = legend.selectAll('g').data(data.regions).enter().append('g')
      .attr('transform', function (d, index) { return 'translate(' + index * 170 + ',0)'; });
    item.append('circle').attr('r', 5).attr('cy', -4)
      .attr('fill', function (d) { return colour(d); });
    item.append('text').attr('x', 9).text(function (d) { return truncate(d, 24); });
    sayLate(root, data.late || []);
    root.setAttribute('data-mr-timeline-state', data.late && data.late.length ? 'late' : 'drawn');
  }

  function sayLate(root, regions) {
    if (!regions.length) {
      return;
    }
    var note = document.createElement('p');
    note.className = 'text-info mr-timeline-late';
    note.textContent = window.interpolate(window.gettext(
      'Answering slowly, their stacks\' events come when they answer: %s'), [regions.join(', ')]);
    root.appendChild(note);
  }

  function ask(root) {
    mr.request(root.getAttribute('data-mr-timeline-url')).then(function (data) {
      draw(root, data);
      if (data.late && data.late.length) {
        window.setTimeout(function () { ask(root); }, LATE_EVERY);
      }
    }).catch(function (error) {
      root.setAttribute('data-mr-timeline-state', 'failed');
      mr.warn(error);
    });
  }

  function load(root) {
    if (root.getAttribute('data-mr-timeline-state') !== 'waiting') {
      return;
    }
    root.setAttribute('data-mr-timeline-state', 'loading');
    ask(root);
  }

  mr.boot(function (scope) {
    var root = scope.querySelector('#mr-stack-timeline');
    if (!root) {
      return;
    }
    var pane = root.closest('.tab-pane');
    if (!pane || pane.classList.contains('active')) {
      load(root);
    }
    window.jQuery(document).on('shown.bs.tab', function (event) {
      if (pane && event.target.getAttribute('data-target') === '#' + pane.id) {
        load(root);
      }
    });
  });
})(window.horizon.mr_dashboard);
