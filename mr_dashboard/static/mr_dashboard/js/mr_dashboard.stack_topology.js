/*
 * The picture of a stack tree on a stack's detail page of mr_dashboard.
 *
 * Draws with Horizon's own d3 (XStatic, version 3) into #mr-stack-topology
 * each time #mr-stack-detail receives a "mr:stack-tree" event (sent by
 * mr_dashboard.stack_tree.js with {graph: {lanes, stacks, dependencies}}):
 * one column per region (lane), each stack a box in its region's column
 * with its resources as icons (linked to their pages when the tree view
 * gives a same-origin URL), one row per stack in tree order, grey lines
 * to local nested stacks, dashed lines to the children of OS::Heat::Stack,
 * orange arrows where one stack's outputs feed another's parameters.
 * Colours follow each status. The layout is computed here, not measured, so
 * a hidden tab draws right. Links only to paths of this site.
 */
(function (mr) {
  'use strict';

  var LANE = 330, BOX = 290, INDENT = 14, TOP = 44, GAP = 10;
  var MIDDLE = 17, ICONS_TOP = 38, ICON = 22, PAD = 8;
  var COLOURS = {complete: '#5cb85c', failed: '#d9534f', in_progress: '#31b0d5',
                 unreachable: '#999999', other: '#f0ad4e'};

  function colour(state) {
    return COLOURS[state] || COLOURS.other;
  }

  function truncate(text, width) {
    var chars = Math.floor(width / 7.5);
    return text.length > chars ? text.slice(0, chars - 1) + '\u2026' : text;
  }

  /* Place every stack in its region's lane, one row each in tree order (so
   * a link running across the lanes at a stack's row meets no other box),
   * indented under its local parent. */
  function layout(graph) {
    var lanes = {}, byKey = {}, y = TOP + PAD;
    graph.lanes.forEach(function (lane, index) {
      lanes[lane.key] = index * LANE;
    });
    graph.stacks.forEach(function (stack) {
      var parent = byKey[stack.parent];
      var indent = parent && stack.kind === 'nested' ? parent.indent + 1 : 0;
      var width = BOX - indent * INDENT;
      var perRow = Math.max(1, Math.floor((width - 2 * PAD) / ICON));
      var rows = Math.max(1, Math.ceil(stack.resources.length / perRow));
      var box = {stack: stack, indent: indent, perRow: perRow, width: width,
                 x: lanes[stack.lane] + PAD + indent * INDENT, y: y,
                 height: ICONS_TOP + rows * ICON};
      y += box.height + GAP;
      byKey[stack.key] = box;
    });
    return {boxes: byKey, width: Math.max(1, graph.lanes.length) * LANE,
            height: y + PAD};
  }

  /* From a parent down its left gutter to the child's row, then across. */
  function linkPath(from, to) {
    var row = to.y + MIDDLE;
    if (to.stack.kind === 'nested') {
      return 'M' + (from.x + PAD) + ',' + (from.y + from.height) +
        ' V' + row + ' H' + to.x;
    }
    var gutter = from.x - 4;
    var path = 'M' + from.x + ',' + (from.y + MIDDLE) + ' H' + gutter;
    if (to.x >= gutter) {
      return path + ' V' + row + ' H' + to.x;
    }
    if (to.x + to.width <= gutter) {
      return path + ' V' + row + ' H' + (to.x + to.width);
    }
    return path + ' V' + to.y;
  }

  /* Ends and control points of a curve from one box to another. */
  function ends(from, to) {
    var y1 = from.y + MIDDLE, y2 = to.y + MIDDLE;
    if (to.x >= from.x + from.width) {
      return {x1: from.x + from.width, y1: y1, c1: 40, x2: to.x, y2: y2, c2: -40};
    }
    if (to.x + to.width <= from.x) {
      return {x1: from.x, y1: y1, c1: -40, x2: to.x + to.width, y2: y2, c2: 40};
    }
    // Same column: bulge out on the right.
    return {x1: from.x + from.width, y1: y1, c1: 60,
            x2: to.x + to.width, y2: y2, c2: 60};
  }

  function curve(from, to) {
    var e = ends(from, to);
    return 'M' + e.x1 + ',' + e.y1 + ' C' + (e.x1 + e.c1) + ',' + e.y1 + ' ' +
      (e.x2 + e.c2) + ',' + e.y2 + ' ' + e.x2 + ',' + e.y2;
  }

  function drawLanes(svg, graph, size) {
    var lanes = svg.select('.mr-topo-lanes').selectAll('g.mr-topo-lane')
      .data(graph.lanes, function (lane) { return lane.key; });
    var entered = lanes.enter().append('g').attr('class', 'mr-topo-lane');
    entered.append('rect');
    entered.append('text').attr('class', 'mr-topo-lane-title');
    lanes.exit().remove();
    lanes.attr('data-mr-region', function (lane) { return lane.region; })
      .attr('transform', function (lane, index) {
        return 'translate(' + index * LANE + ',0)';
      });
    lanes.select('rect').attr('width', LANE - 6).attr('height', size.height)
      .attr('rx', 6).attr('class', function (lane, index) {
        return 'mr-topo-lane-bg mr-topo-lane-' + (index % 2);
      });
    lanes.select('text').attr('x', PAD).attr('y', 26).text(function (lane) {
      return lane.label;
    });
  }

  function drawLinks(svg, graph, boxes) {
    var parents = graph.stacks.filter(function (stack) { return boxes[stack.parent]; });
    var links = svg.select('.mr-topo-links').selectAll('path')
      .data(parents, function (stack) { return stack.key; });
    links.enter().append('path');
    links.exit().remove();
    links.attr('class', function (stack) {
      return 'mr-topo-link mr-topo-' + stack.kind;
    }).attr('d', function (stack) {
      return linkPath(boxes[stack.parent], boxes[stack.key]);
    });
    var feeds = graph.dependencies.filter(function (dep) {
      return boxes[dep.source] && boxes[dep.target];
    });
    var deps = svg.select('.mr-topo-dependencies').selectAll('g')
      .data(feeds, function (dep) { return dep.source + '>' + dep.target; });
    var entered = deps.enter().append('g');
    entered.append('path').attr('marker-end', 'url(#mr-topo-arrow)');
    entered.append('text');
    deps.exit().remove();
    deps.attr('class', function (dep) {
      return 'mr-topo-dependency-group' + (dep.cross_region ? ' mr-topo-cross' : '');
    });
    deps.select('path').attr('class', 'mr-topo-dependency')
      .attr('d', function (dep) { return curve(boxes[dep.source], boxes[dep.target]); });
    deps.select('text').attr('class', 'mr-topo-dependency-label')
      .attr('x', function (dep) {
        var e = ends(boxes[dep.source], boxes[dep.target]);
        return (e.x1 + e.x2) / 2 + (e.c1 + e.c2) / 4;
      })
      .attr('y', function (dep) {
        var e = ends(boxes[dep.source], boxes[dep.target]);
        return (e.y1 + e.y2) / 2 - 4;
      })
      .text(function (dep) { return dep.parameters; });
  }

  function drawStack(group, box) {
    var stack = box.stack;
    group.selectAll('*').remove();
    group.attr('transform', 'translate(' + box.x + ',' + box.y + ')')
      .attr('data-mr-key', stack.key).attr('data-mr-region', stack.region)
      .attr('data-mr-state', stack.state)
      .attr('data-mr-drift', stack.drift || null)
      .classed('mr-topo-busy', stack.state === 'in_progress')
      .classed('mr-topo-drifted', stack.drift === 'drifted');
    group.append('rect').attr('class', 'mr-topo-box')
      .attr('width', box.width).attr('height', box.height).attr('rx', 4)
      .style('stroke', colour(stack.state));
    var href = mr.localPath(stack.url);
    var title = href ? group.append('a').attr('xlink:href', href) : group;
    title.append('text').attr('class', 'mr-topo-name').attr('x', PAD).attr('y', MIDDLE + 3)
      .text(truncate(stack.name, box.width - 2 * PAD));
    group.append('text').attr('class', 'mr-topo-status').attr('x', PAD)
      .attr('y', ICONS_TOP - 5).style('fill', colour(stack.state))
      .text(truncate(stack.error ? stack.error_label + ': ' + stack.error
                     : stack.status_label || stack.status, box.width - 2 * PAD));
    group.append('title').text(stack.name + ' (' + stack.region + ')\n' +
                               (stack.error || stack.reason) +
                               (stack.drift === 'drifted'
                                 ? '\n' + window.gettext('Drifted: changed outside Heat') : ''));
    stack.resources.forEach(function (res, index) {
      var holder = group, href = mr.localPath(res.url);
      if (href) {
        // Horizon's page of the resource (or its details, in a modal).
        holder = group.append('a').attr('class', 'mr-topo-resource-link' +
                                        (res.modal ? ' ajax-modal' : ''))
          .attr('data-mr-resource', res.name);
        holder.node().setAttribute('href', href);
      }
      var icon = holder.append('text').attr('class', 'mr-topo-icon')
        .attr('data-mr-category', res.category)
        .attr('x', PAD + (index % box.perRow) * ICON)
        .attr('y', ICONS_TOP + Math.floor(index / box.perRow) * ICON + 15)
        .style('fill', colour(res.state)).text(res.glyph)
        .attr('data-mr-drift', res.drift || null)
        .classed('mr-topo-drifted', res.drift === 'MODIFIED' || res.drift === 'DELETED');
      icon.append('title').text(res.name + ' (' + res.type + '): ' + res.status +
                                (res.drift ? ' (' + res.drift + ')' : ''));
    });
  }

  function draw(container, graph) {
    var d3 = window.d3;
    var size = layout(graph);
    var svg = d3.select(container).select('svg.mr-topo');
    if (svg.empty()) {
      container.innerHTML = '';
      svg = d3.select(container).append('svg').attr('class', 'mr-topo');
      svg.append('defs').append('marker').attr('id', 'mr-topo-arrow')
        .attr('viewBox', '0 0 8 8').attr('refX', 8).attr('refY', 4)
        .attr('markerWidth', 8).attr('markerHeight', 8).attr('orient', 'auto')
        .append('path').attr('d', 'M0,0 L8,4 L0,8 z');
      ['mr-topo-lanes', 'mr-topo-links', 'mr-topo-stacks', 'mr-topo-dependencies']
        .forEach(function (layer) { svg.append('g').attr('class', layer); });
    }
    svg.attr('width', size.width).attr('height', size.height);
    drawLanes(svg, graph, size);
    drawLinks(svg, graph, size.boxes);
    var stacks = svg.select('.mr-topo-stacks').selectAll('g.mr-topo-stack')
      .data(graph.stacks, function (stack) { return stack.key; });
    stacks.enter().append('g').attr('class', 'mr-topo-stack');
    stacks.exit().remove();
    stacks.each(function (stack) { drawStack(d3.select(this), size.boxes[stack.key]); });
    container.setAttribute('data-mr-topology-state', 'drawn');
  }

  mr.boot(function (scope) {
    var root = scope.querySelector('#mr-stack-detail');
    var container = scope.querySelector('#mr-stack-topology');
    if (root && container && window.d3) {
      root.addEventListener('mr:stack-tree', function (event) {
        draw(container, event.detail.graph);
      });
    }
  });
})(window.horizon.mr_dashboard);
