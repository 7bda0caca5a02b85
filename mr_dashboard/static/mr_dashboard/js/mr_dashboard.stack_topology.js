/*
 * The picture of a stack tree's resources on a stack's detail page of
 * mr_dashboard.
 *
 * Draws with Horizon's own d3 (XStatic, version 3) into #mr-stack-topology
 * each time #mr-stack-detail receives a "mr:stack-tree" event (sent by
 * mr_dashboard.stack_tree.js with {graph: {lanes, stacks, dependencies,
 * edges, collapse_above}}, made by panels/stacks/detail/topology.py):
 * one column per region (lane); in it each stack a group (a box, placed
 * no higher than its parent) holding a node per resource: its type's icon,
 * its name, its status's colour, linked to its page in its own region when
 * the view gives a same-origin URL. A group folds to its box with its
 * toggle (every group but the root starts folded when the tree has more
 * than collapse_above resources); an edge to a folded group's resource
 * ends at the group. Lines: grey to nested stacks, dashed blue to the
 * children of OS::Heat::Stack (from the resource that makes them), thin
 * grey between the resources of a stack (get_resource, get_attr; dotted:
 * depends_on), orange where a resource feeds another stack's (the
 * dependencies between stacks are one path each), green between the two
 * VPN services an IPsec site connection joins. A late stack (its region
 * answering slowly: stack.late) is amber and says so in its status line
 * until a later answer fills it in. Every redraw keeps the
 * zoom, the folded groups and the focused node. Texts by .text() only;
 * links only to paths of this site.
 *
 * The layout and the edges' shaping are plain functions, on
 * horizon.mr_dashboard.topology (tests/js/stack_topology.test.js).
 */
(function (mr) {
  'use strict';

  var LANE = 360; var PAD = 8; var INDENT = 12; var TOP = 44; var GAP = 12;
  var HEAD = 38; var NODE_W = 164; var NODE_H = 24; var ZOOMS = [0.4, 0.6, 0.8, 1, 1.25, 1.5];
  var COLOURS = {complete: '#5cb85c', failed: '#d9534f', in_progress: '#31b0d5',
                 unreachable: '#999999', late: '#f0ad4e', other: '#f0ad4e'};
  var SEP = '\n';

  function colour(state) {
    return COLOURS[state] || COLOURS.other;
  }

  function truncate(text, width) {
    var chars = Math.max(1, Math.floor(width / 7));
    text = String(text);
    return text.length > chars ? text.slice(0, chars - 1) + '\u2026' : text;
  }

  /* A resource's id in the picture (XML-safe: the SVG is exported). */
  function nodeId(stackKey, name) {
    return JSON.stringify([stackKey, name]);
  }

  /* Which groups start folded: every group but the root's when the tree
   * holds more resources than graph.collapse_above. */
  function initialCollapsed(graph) {
    var total = 0; var folded = {};
    graph.stacks.forEach(function (stack) { total += stack.resources.length; });
    var fold = total > (graph.collapse_above || Infinity);
    graph.stacks.forEach(function (stack) {
      folded[stack.key] = fold && Boolean(stack.parent);
    });
    return folded;
  }

  /* A stack's resources, producers before the resources they feed (the
   * longest chain of the stack's own edges before each), then by name. */
  function order(stack, edges) {
    var depth = {}; var into = {};
    stack.resources.forEach(function (res) {
      depth[res.name] = 0;
      into[res.name] = [];
    });
    edges.forEach(function (edge) {
      if (edge.source[0] === stack.key && edge.target[0] === stack.key &&
          edge.kind !== 'site' && into[edge.target[1]] && edge.source[1] in depth) {
        into[edge.target[1]].push(edge.source[1]);
      }
    });
    function relax() {
      var changed = false;
      Object.keys(into).forEach(function (name) {
        into[name].forEach(function (before) {
          if (depth[before] + 1 > depth[name]) {
            depth[name] = depth[before] + 1;
            changed = true;
          }
        });
      });
      return changed;
    }
    // At most one pass per resource: a cycle cannot loop for ever.
    for (var pass = 0; pass < stack.resources.length && relax(); pass += 1) {
      // relax() did the work.
    }
    return stack.resources.slice().sort(function (a, b) {
      return depth[a.name] - depth[b.name] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
  }

  /* Where every group and node goes: each region's column filled from the
   * top, a group never above its parent's (so the tree reads downwards)
   * and indented under a local parent. */
  function layout(graph, collapsed) {
    var laneX = {}; var cursor = {}; var boxes = {}; var nodes = {};
    var edges = graph.edges || [];
    graph.lanes.forEach(function (lane, index) {
      laneX[lane.key] = index * LANE;
      cursor[lane.key] = TOP + PAD;
    });
    graph.stacks.forEach(function (stack) {
      var parent = boxes[stack.parent];
      var indent = parent && stack.kind === 'nested' ? parent.indent + 1 : 0;
      var width = LANE - 2 * PAD - indent * INDENT;
      var perRow = Math.max(1, Math.floor((width - 2 * PAD) / NODE_W));
      var folded = Boolean(collapsed[stack.key]) && stack.resources.length > 0;
      var rows = folded ? 0 : Math.ceil(stack.resources.length / perRow);
      var y = Math.max(cursor[stack.lane], parent ? parent.y : 0);
      var box = {stack: stack, indent: indent, width: width, folded: folded,
                 x: laneX[stack.lane] + PAD + indent * INDENT, y: y,
                 height: HEAD + rows * NODE_H + (rows ? PAD : 0)};
      cursor[stack.lane] = y + box.height + GAP;
      boxes[stack.key] = box;
      order(stack, edges).forEach(function (res, index) {
        var id = nodeId(stack.key, res.name);
        nodes[id] = folded ? {id: id, res: res, box: box, hidden: true,
                              x: box.x, y: box.y, width: box.width, height: HEAD}
          : {id: id, res: res, box: box, hidden: false,
             x: box.x + PAD + index % perRow * NODE_W,
             y: box.y + HEAD + Math.floor(index / perRow) * NODE_H,
             width: NODE_W - 6, height: NODE_H - 4};
      });
    });
    var height = 0;
    Object.keys(cursor).forEach(function (lane) { height = Math.max(height, cursor[lane]); });
    return {boxes: boxes, nodes: nodes, height: height + PAD,
            width: Math.max(1, graph.lanes.length) * LANE};
  }

  /* Ends and control points of a curve from one rectangle to another. */
  function ends(from, to) {
    var y1 = from.y + from.height / 2; var y2 = to.y + to.height / 2;
    if (to.x >= from.x + from.width) {
      return {x1: from.x + from.width, y1: y1, c1: 40, x2: to.x, y2: y2, c2: -40};
    }
    if (to.x + to.width <= from.x) {
      return {x1: from.x, y1: y1, c1: -40, x2: to.x + to.width, y2: y2, c2: 40};
    }
    // Same column: bulge out on the right.
    return {x1: from.x + from.width, y1: y1, c1: 30,
            x2: to.x + to.width, y2: y2, c2: 30};
  }

  function curve(from, to) {
    var e = ends(from, to);
    return 'M' + e.x1 + ',' + e.y1 + ' C' + (e.x1 + e.c1) + ',' + e.y1 + ' ' +
      (e.x2 + e.c2) + ',' + e.y2 + ' ' + e.x2 + ',' + e.y2;
  }

  /* The edges as drawn: each end on its node, or on its group when folded;
   * an edge inside one folded group is dropped, and the edges folding
   * makes the same are one. Feeds between two stacks that depend on each
   * other are left to that dependency (one path each, dependencyPaths). */
  function shapeEdges(graph, placed) {
    var seen = {}; var shaped = [];
    (graph.edges || []).forEach(function (edge) {
      var from = placed.nodes[nodeId(edge.source[0], edge.source[1])];
      var to = placed.nodes[nodeId(edge.target[0], edge.target[1])];
      if (!from || !to || from.hidden && to.hidden && from.box === to.box) {
        return;
      }
      var fromEnd = from.hidden ? from.box.stack.key : from.id;
      var toEnd = to.hidden ? to.box.stack.key : to.id;
      var id = edge.kind + SEP + fromEnd + SEP + toEnd;
      if (seen[id]) {
        seen[id].labels = seen[id].labels.concat(edge.labels.filter(function (label) {
          return seen[id].labels.indexOf(label) < 0;
        }));
        return;
      }
      seen[id] = {id: id, kind: edge.kind, from: from, to: to, labels: edge.labels.slice(),
                  cross: Boolean(edge.cross_region), source: edge.source, target: edge.target};
      shaped.push(seen[id]);
    });
    return shaped;
  }

  /* The stack of ``byKey`` that is ``key`` or its ancestor, and a child
   * of ``top``; null for none. */
  function under(byKey, key, top) {
    for (var at = byKey[key]; at; at = byKey[at.parent]) {
      if (at.parent === top) {
        return at.key;
      }
    }
    return null;
  }

  /* Each dependency between stacks, with the feeds (of the shaped edges)
   * running from inside its source to inside its target: drawn together
   * as one path, those feeds then not drawn alone. */
  function dependencyPaths(graph, placed, shaped) {
    var byKey = {};
    var bySides = {};
    graph.stacks.forEach(function (stack) { byKey[stack.key] = stack; });
    (graph.dependencies || []).forEach(function (dep) {
      var holder = byKey[dep.source] ? byKey[dep.source].parent : null;
      bySides[holder + SEP + dep.source + SEP + dep.target] = {dep: dep, pairs: []};
    });
    var holders = {};
    (graph.dependencies || []).forEach(function (dep) {
      if (byKey[dep.source]) {
        holders[byKey[dep.source].parent] = true;
      }
    });
    shaped.forEach(function (edge) {
      if (edge.kind !== 'feed') {
        return;
      }
      Object.keys(holders).forEach(function (holder) {
        var path = bySides[holder + SEP + under(byKey, edge.source[0], holder) + SEP +
                           under(byKey, edge.target[0], holder)];
        if (path && !edge.inDependency) {
          edge.inDependency = true;
          path.pairs.push([edge.from, edge.to]);
        }
      });
    });
    return (graph.dependencies || []).map(function (dep) {
      var holder = byKey[dep.source] ? byKey[dep.source].parent : null;
      var path = bySides[holder + SEP + dep.source + SEP + dep.target];
      var from = placed.boxes[dep.source];
      var to = placed.boxes[dep.target];
      if (!path.pairs.length && from && to) {
        path.pairs.push([from, to]);
      }
      return path;
    }).filter(function (path) { return path.pairs.length; });
  }

  /* From the resource making a child (else its parent's group) to the
   * child's group. */
  function hierarchyLinks(graph, placed) {
    return graph.stacks.filter(function (stack) {
      return placed.boxes[stack.parent];
    }).map(function (stack) {
      var maker = placed.nodes[nodeId(stack.parent, stack.parent_resource)];
      var from = maker && !maker.hidden ? maker : placed.boxes[stack.parent];
      return {stack: stack, from: from, to: placed.boxes[stack.key]};
    });
  }

  /* A nested stack: down its parent's left gutter, then across; a child
   * of OS::Heat::Stack (mostly in another lane): a curve to its title. */
  function linkPath(link) {
    var from = link.from; var to = link.to;
    if (link.stack.kind === 'nested' && to.x >= from.x) {
      return 'M' + (from.x + 4) + ',' + (from.y + from.height) + ' V' + (to.y + HEAD / 2) +
        ' H' + to.x;
    }
    return curve(from, {x: to.x, y: to.y, width: to.width, height: HEAD});
  }

  function summary(graph) {
    var count = 0;
    graph.stacks.forEach(function (stack) { count += stack.resources.length; });
    var text = window.gettext('%(stacks)s stacks and %(resources)s resources in ' +
                              '%(regions)s regions. The Stack tree tab lists them as text.');
    return window.interpolate(text, {stacks: graph.stacks.length, resources: count,
                                     regions: graph.lanes.length}, true);
  }

  function drawLanes(view, graph, size) {
    var lanes = view.append('g').attr('class', 'mr-topo-lanes').selectAll('g')
      .data(graph.lanes).enter().append('g').attr('class', 'mr-topo-lane')
      .attr('data-mr-region', function (lane) { return lane.region; })
      .attr('transform', function (lane, index) { return 'translate(' + index * LANE + ',0)'; });
    lanes.append('rect').attr('width', LANE - 6).attr('height', size.height).attr('rx', 6)
      .attr('class', function (lane, index) {
        return 'mr-topo-lane-bg mr-topo-lane-' + index % 2;
      });
    lanes.append('text').attr('class', 'mr-topo-lane-title').attr('x', PAD).attr('y', 26)
      .text(function (lane) { return lane.label; });
  }

  /* The button folding a group; returns where the group's title starts. */
  function drawToggle(group, box, toggle) {
    var stack = box.stack;
    var text = box.folded ? window.gettext('Show the %(count)s resources of %(name)s')
      : window.gettext('Hide the resources of %(name)s');
    var button = group.append('g').attr('class', 'mr-topo-toggle')
      .attr('role', 'button').attr('tabindex', 0)
      .attr('aria-expanded', box.folded ? 'false' : 'true')
      .attr('aria-label', window.interpolate(
        text, {count: stack.resources.length, name: stack.name}, true));
    button.append('rect').attr('x', 4).attr('y', 4).attr('width', 16).attr('height', 16)
      .attr('rx', 3);
    button.append('text').attr('x', 12).attr('y', 16).text(box.folded ? '+' : '\u2212');
    button.on('click', function () { toggle(stack.key); })
      .on('keydown', function () {
        var key = window.d3.event.key;
        if (key === 'Enter' || key === ' ') {
          window.d3.event.preventDefault();
          toggle(stack.key);
        }
      });
    return 24;
  }

  function statusText(stack) {
    if (stack.error) {
      return stack.error_label + ': ' + stack.error;
    }
    return stack.late || stack.status_label || stack.status;
  }

  function drawGroup(layer, box, toggle) {
    var stack = box.stack;
    var group = layer.append('g').attr('class', 'mr-topo-stack')
      .attr('transform', 'translate(' + box.x + ',' + box.y + ')')
      .attr('data-mr-key', stack.key).attr('data-mr-region', stack.region)
      .attr('data-mr-state', stack.state)
      .attr('data-mr-collapsed', box.folded ? 'true' : 'false')
      .attr('data-mr-drift', stack.drift || null)
      .classed('mr-topo-busy', stack.state === 'in_progress')
      .classed('mr-topo-drifted', stack.drift === 'drifted');
    group.append('rect').attr('class', 'mr-topo-box')
      .attr('width', box.width).attr('height', box.height).attr('rx', 4)
      .style('stroke', colour(stack.state));
    group.append('title').text(stack.name + ' (' + stack.region + ')\n' +
                               (stack.error || stack.late || stack.reason) +
                               (stack.drift === 'drifted'
                                 ? '\n' + window.gettext('Drifted: changed outside Heat') : ''));
    var left = stack.resources.length ? drawToggle(group, box, toggle) : PAD;
    var href = mr.localPath(stack.url);
    var title = href ? group.append('a').attr('xlink:href', href) : group;
    var label = box.folded ? ' (' + stack.resources.length + ')' : '';
    title.append('text').attr('class', 'mr-topo-name').attr('x', left).attr('y', 16)
      .text(truncate(stack.name, box.width - left - PAD - label.length * 7) + label);
    group.append('text').attr('class', 'mr-topo-status').attr('x', left).attr('y', 31)
      .style('fill', colour(stack.state))
      .text(truncate(statusText(stack), box.width - left - PAD));
  }

  function drawNode(layer, node) {
    var res = node.res; var href = mr.localPath(res.url);
    var group = layer.append('g').attr('class', 'mr-topo-node')
      .attr('data-mr-node', node.id).attr('data-mr-state', res.state)
      .attr('data-mr-region', node.box.stack.region)
      .attr('transform', 'translate(' + node.x + ',' + node.y + ')');
    var holder = group;
    if (href) {
      // Horizon's page of the resource (or its details, in a modal).
      holder = group.append('a').attr('class', 'mr-topo-resource-link' +
                                      (res.modal ? ' ajax-modal' : ''))
        .attr('data-mr-resource', res.name);
      holder.node().setAttribute('href', href);
    } else {
      holder.attr('tabindex', 0);
    }
    holder.attr('data-mr-focus', node.id).attr('aria-label', res.name + ', ' + res.type +
                                              ', ' + res.status);
    holder.append('rect').attr('class', 'mr-topo-node-box').attr('width', node.width)
      .attr('height', node.height).attr('rx', 3).style('stroke', colour(res.state));
    holder.append('text').attr('class', 'mr-topo-icon')
      .attr('data-mr-category', res.category).attr('x', 4).attr('y', 15)
      .style('fill', colour(res.state)).text(res.glyph)
      .attr('data-mr-drift', res.drift || null)
      .classed('mr-topo-drifted', res.drift === 'MODIFIED' || res.drift === 'DELETED');
    holder.append('text').attr('class', 'mr-topo-node-name').attr('x', 24).attr('y', 14)
      .text(truncate(res.name, node.width - 28));
    holder.append('title').text(res.name + ' (' + res.type + '): ' + res.status +
                                (res.reason ? '\n' + res.reason : '') +
                                (res.drift ? '\n' + res.drift : ''));
  }

  /* The edges under the nodes, their labels (a dependency's parameters,
   * a site connection's names) over them, in ``labels``. */
  function drawEdges(layer, labels, shaped, placed, graph) {
    var deps = dependencyPaths(graph, placed, shaped);
    shaped.filter(function (edge) { return !edge.inDependency; }).forEach(function (edge) {
      var path = layer.append('path')
        .attr('class', 'mr-topo-edge mr-topo-' + edge.kind + (edge.cross ? ' mr-topo-cross' : ''))
        .attr('d', curve(edge.from, edge.to));
      if (edge.kind === 'feed') {
        path.attr('marker-end', 'url(#mr-topo-arrow)');
      }
      path.append('title').text(edge.labels.join(', '));
    });
    deps.forEach(function (path) {
      var group = layer.append('g').attr('class', 'mr-topo-dependency-group' +
                                         (path.dep.cross_region ? ' mr-topo-cross' : ''));
      group.append('path').attr('class', 'mr-topo-dependency')
        .attr('marker-end', 'url(#mr-topo-arrow)')
        .attr('d', path.pairs.map(function (pair) { return curve(pair[0], pair[1]); }).join(' '));
      var e = ends(path.pairs[0][0], path.pairs[0][1]);
      labels.append('text').attr('class', 'mr-topo-dependency-label')
        .attr('x', (e.x1 + e.x2) / 2 + (e.c1 + e.c2) / 4).attr('y', (e.y1 + e.y2) / 2 - 4)
        .text(path.dep.parameters);
    });
    shaped.filter(function (edge) { return edge.kind === 'site'; }).forEach(function (edge) {
      var e = ends(edge.from, edge.to);
      labels.append('text').attr('class', 'mr-topo-site-label')
        .attr('x', (e.x1 + e.x2) / 2).attr('y', (e.y1 + e.y2) / 2 - 6)
        .text(edge.labels.join(', '));
    });
  }

  function frame(container) {
    var d3 = window.d3;
    container.innerHTML = '';
    var svg = d3.select(container).append('svg').attr('class', 'mr-topo')
      .attr('role', 'img').attr('aria-labelledby', 'mr-topo-summary')
      .attr('xmlns', 'http://www.w3.org/2000/svg');
    svg.append('title').attr('id', 'mr-topo-summary');
    svg.append('defs').append('marker').attr('id', 'mr-topo-arrow')
      .attr('viewBox', '0 0 8 8').attr('refX', 8).attr('refY', 4)
      .attr('markerWidth', 8).attr('markerHeight', 8).attr('orient', 'auto')
      .append('path').attr('d', 'M0,0 L8,4 L0,8 z');
    svg.append('g').attr('class', 'mr-topo-view');
    return svg;
  }

  function draw(container, graph, state) {
    var d3 = window.d3;
    var active = document.activeElement;
    var inside = active && container.contains(active);
    var focused = inside ? active.getAttribute('data-mr-focus') : null;
    if (inside && !state.focus && active.classList.contains('mr-topo-toggle')) {
      // A live update while a group's button has the focus: kept there.
      state.focus = active.parentNode.getAttribute('data-mr-key');
    }
    var first = initialCollapsed(graph);
    var collapsed = {};
    graph.stacks.forEach(function (stack) {
      collapsed[stack.key] = stack.key in state.collapsed ? state.collapsed[stack.key]
        : first[stack.key];
    });
    var placed = layout(graph, collapsed);
    var svg = d3.select(container).select('svg.mr-topo');
    if (svg.empty()) {
      svg = frame(container);
    }
    var scale = ZOOMS[state.zoom];
    svg.attr('width', placed.width * scale).attr('height', placed.height * scale)
      .attr('viewBox', '0 0 ' + placed.width + ' ' + placed.height);
    svg.select('#mr-topo-summary').text(summary(graph));
    var view = svg.select('g.mr-topo-view');
    view.selectAll('*').remove();
    drawLanes(view, graph, placed);
    var links = view.append('g').attr('class', 'mr-topo-links');
    hierarchyLinks(graph, placed).forEach(function (link) {
      links.append('path').attr('class', 'mr-topo-link mr-topo-' + link.stack.kind)
        .attr('d', linkPath(link));
    });
    var groups = view.append('g').attr('class', 'mr-topo-stacks');
    function toggle(key) {
      state.collapsed[key] = !collapsed[key];
      state.focus = key;
      draw(container, graph, state);
    }
    graph.stacks.forEach(function (stack) { drawGroup(groups, placed.boxes[stack.key], toggle); });
    var edges = view.append('g').attr('class', 'mr-topo-edges');
    var nodes = view.append('g').attr('class', 'mr-topo-nodes');
    Object.keys(placed.nodes).forEach(function (id) {
      if (!placed.nodes[id].hidden) {
        drawNode(nodes, placed.nodes[id]);
      }
    });
    drawEdges(edges, view.append('g').attr('class', 'mr-topo-labels'),
              shapeEdges(graph, placed), placed, graph);
    state.graph = graph;
    var again = null;
    var wanted = state.focus;
    Array.prototype.forEach.call(container.querySelectorAll('.mr-topo-stack'), function (group) {
      if (wanted !== null && group.getAttribute('data-mr-key') === wanted) {
        again = group.querySelector('.mr-topo-toggle');
      }
    });
    Array.prototype.forEach.call(container.querySelectorAll('[data-mr-focus]'), function (node) {
      if (!again && focused !== null && node.getAttribute('data-mr-focus') === focused) {
        again = node;
      }
    });
    state.focus = null;
    if (again) {
      again.focus();
    }
    container.setAttribute('data-mr-topology-state', 'drawn');
  }

  /* The picture as a standalone SVG document: the page's styles copied
   * onto each element (the file has no stylesheet). */
  function standalone(container) {
    var svg = container.querySelector('svg.mr-topo');
    var copy = svg.cloneNode(true);
    var from = svg.querySelectorAll('*'); var to = copy.querySelectorAll('*');
    var props = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity',
                 'font-family', 'font-size', 'font-weight', 'text-anchor'];
    Array.prototype.forEach.call(from, function (element, index) {
      var style = window.getComputedStyle(element);
      to[index].setAttribute('style', props.map(function (prop) {
        return prop + ':' + style.getPropertyValue(prop);
      }).join(';'));
    });
    copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
    return new window.XMLSerializer().serializeToString(copy);
  }

  function save(blob, name) {
    var link = document.createElement('a');
    link.href = window.URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { window.URL.revokeObjectURL(link.href); }, 1000);
  }

  function exportPicture(container, kind) {
    if (!container.querySelector('svg.mr-topo')) {
      return;
    }
    var text = standalone(container);
    var blob = new window.Blob([text], {type: 'image/svg+xml'});
    if (kind === 'svg') {
      save(blob, 'stack-topology.svg');
      return;
    }
    var svg = container.querySelector('svg.mr-topo');
    var image = new window.Image();
    var url = window.URL.createObjectURL(blob);
    image.onload = function () {
      var canvas = document.createElement('canvas');
      canvas.width = svg.width.baseVal.value;
      canvas.height = svg.height.baseVal.value;
      var context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0);
      window.URL.revokeObjectURL(url);
      canvas.toBlob(function (png) { save(png, 'stack-topology.png'); });
    };
    image.src = url;
  }

  function act(container, state, action) {
    if (action === 'zoom-in' || action === 'zoom-out') {
      state.zoom = Math.max(0, Math.min(ZOOMS.length - 1,
                                        state.zoom + (action === 'zoom-in' ? 1 : -1)));
    } else if (action === 'expand' || action === 'collapse') {
      (state.graph ? state.graph.stacks : []).forEach(function (stack) {
        state.collapsed[stack.key] = action === 'collapse' && Boolean(stack.parent);
      });
    } else if (action === 'svg' || action === 'png') {
      exportPicture(container, action);
      return;
    }
    if (state.graph) {
      draw(container, state.graph, state);
    }
  }

  mr.topology = {layout: layout, order: order, shapeEdges: shapeEdges,
                 dependencyPaths: dependencyPaths, hierarchyLinks: hierarchyLinks,
                 initialCollapsed: initialCollapsed, nodeId: nodeId};

  mr.boot(function (scope) {
    var root = scope.querySelector('#mr-stack-detail');
    var container = scope.querySelector('#mr-stack-topology');
    if (root && container && window.d3) {
      var state = {collapsed: {}, zoom: ZOOMS.indexOf(1), graph: null, focus: null};
      var tools = scope.querySelectorAll('[data-mr-topo-action]');
      Array.prototype.forEach.call(tools, function (button) {
        button.addEventListener('click', function () {
          act(container, state, button.getAttribute('data-mr-topo-action'));
        });
      });
      root.addEventListener('mr:stack-tree', function (event) {
        draw(container, event.detail.graph, state);
      });
    }
  });
})(window.horizon.mr_dashboard);
