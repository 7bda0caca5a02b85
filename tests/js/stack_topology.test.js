/*
 * The Topology tab's picture (mr_dashboard.stack_topology.js), drawn with
 * the d3 3 Horizon ships: its data shaped (groups in their region's lane,
 * never above their parent; a stack's producers before what they feed;
 * groups folded in a large tree; edges ending on a folded group, made one;
 * the feeds between two dependent stacks one path) and drawn from the
 * "mr:stack-tree" event: a node per resource linked to this site only,
 * texts as text, a group folded and shown again by its button, a live
 * update keeping what the user folded, a late stack saying so until filled in.
 */
import {beforeEach, describe, expect, it, vi} from 'vitest';
import {HOSTILE, loadPage} from './page.js';

const PAGE = `
  <button data-mr-topo-action="zoom-in">+</button>
  <button data-mr-topo-action="expand">all</button>
  <div id="mr-stack-detail">
    <div id="mr-stack-topology" data-mr-topology-state="loading"></div>
  </div>`;

function res(name, extra) {
  return {name, type: 'OS::Neutron::Net', status: 'CREATE_COMPLETE', state: 'complete',
          reason: '', category: 'network', glyph: 'N', drift: '', modal: false,
          url: null, ...extra};
}

function stack(key, lane, parent, resources, extra) {
  return {key, lane, parent, name: key, kind: parent ? 'remote' : 'root',
          region: lane.slice(1), parent_resource: `make_${key}`, state: 'complete',
          status: 'CREATE_COMPLETE', status_label: 'Create Complete', reason: '',
          error: '', error_label: '', drift: '', url: `/project/mr_stacks/x/${key}/`,
          resources, ...extra};
}

function edge(source, target, kind, labels) {
  return {source, target, kind: kind || 'local', labels: labels || [], cross_region: false};
}

/* Use case 1's shape: a root, a site in each region, a site connection. */
function sites() {
  return {
    lanes: [{key: '/RegionOne', region: 'RegionOne', label: 'RegionOne'},
            {key: '/RegionTwo', region: 'RegionTwo', label: 'RegionTwo'}],
    stacks: [
      stack('root', '/RegionOne', null, [res('make_one'), res('make_two'), res('link')]),
      stack('one', '/RegionOne', 'root', [res('vpn'), res('router')]),
      stack('two', '/RegionTwo', 'root', [
        res('vpn'), res('router'),
        res('server', {url: '/project/mr_stacks/RegionOne/root/open/RegionTwo/?id=s'})])
    ],
    dependencies: [{source: 'one', target: 'two', parameters: 'peer_address',
                    cross_region: true}],
    edges: [edge(['one', 'router'], ['one', 'vpn']),
            edge(['two', 'router'], ['two', 'vpn']),
            edge(['one', 'router'], ['two', 'vpn'], 'feed', ['peer_address']),
            edge(['one', 'router'], ['root', 'link'], 'feed', ['peer_address']),
            edge(['one', 'vpn'], ['two', 'vpn'], 'site', ['link'])],
    collapse_above: 80
  };
}

let mr,
  topo;

beforeEach(() => {
  vi.stubGlobal('gettext', (text) => text);
  vi.stubGlobal('interpolate', (text, values) => text.replace(
    /%\((\w+)\)s/g, (all, name) => String(values[name])));
  const page = loadPage(PAGE, ['stack_topology'], {d3: true});
  mr = page.mr;
  topo = mr.topology;
  page.start();
});

function send(graph) {
  document.getElementById('mr-stack-detail').dispatchEvent(
    new CustomEvent('mr:stack-tree', {detail: {graph}}));
}

function all(selector) {
  return Array.from(document.querySelectorAll(`#mr-stack-topology ${selector}`));
}

describe('the data shaped', () => {
  it('puts each group in its lane, never above its parent, its nodes inside', () => {
    const graph = sites();
    const placed = topo.layout(graph, {});
    const [root, one, two] = ['root', 'one', 'two'].map((key) => placed.boxes[key]);
    expect(root.x).toBeLessThan(two.x);
    expect(one.x).toBe(root.x);
    expect(one.y).toBeGreaterThanOrEqual(root.y + root.height);
    expect(two.y).toBe(root.y); // its lane is empty above: level with its parent
    const server = placed.nodes[topo.nodeId('two', 'server')];
    expect(server.hidden).toBe(false);
    expect(server.x).toBeGreaterThanOrEqual(two.x);
    expect(server.y + server.height).toBeLessThanOrEqual(two.y + two.height);
  });

  it('orders a stack\'s resources producers first, then by name', () => {
    const graph = sites();
    expect(topo.order(graph.stacks[1], graph.edges).map((r) => r.name))
      .toEqual(['router', 'vpn']);
    expect(topo.order(graph.stacks[0], graph.edges).map((r) => r.name))
      .toEqual(['link', 'make_one', 'make_two']);
    // A cycle ends.
    const loop = [edge(['one', 'vpn'], ['one', 'router']), edge(['one', 'router'], ['one', 'vpn'])];
    expect(topo.order(graph.stacks[1], loop)).toHaveLength(2);
  });

  it('folds every group but the root\'s in a tree of more resources than the limit', () => {
    const graph = sites();
    expect(topo.initialCollapsed(graph)).toEqual({root: false, one: false, two: false});
    graph.collapse_above = 4;
    expect(topo.initialCollapsed(graph)).toEqual({root: false, one: true, two: true});
  });

  it('ends an edge to a folded group\'s resource on the group, and makes such edges one', () => {
    const graph = sites();
    graph.edges.push(edge(['two', 'router'], ['root', 'link'], 'feed', ['peer_cidr']));
    const placed = topo.layout(graph, {two: true});
    expect(placed.boxes.two.height).toBeLessThan(placed.boxes.one.height);
    const shaped = topo.shapeEdges(graph, placed);
    // two's own edge is gone; the site connection ends on the group.
    expect(shaped.map((e) => e.kind)).toEqual(['local', 'feed', 'feed', 'site', 'feed']);
    const site = shaped[3];
    expect(site.to.hidden).toBe(true);
    expect(site.to.box).toBe(placed.boxes.two);
    graph.edges.push(edge(['two', 'vpn'], ['root', 'link'], 'feed', ['peer_id']));
    const again = topo.shapeEdges(graph, placed).filter(
      (e) => e.target[0] === 'root' && e.source[0] === 'two');
    expect(again).toHaveLength(1);
    expect(again[0].labels).toEqual(['peer_cidr', 'peer_id']);
  });

  it('draws the feeds between two dependent stacks as their dependency\'s one path', () => {
    const graph = sites();
    const placed = topo.layout(graph, {});
    const shaped = topo.shapeEdges(graph, placed);
    const paths = topo.dependencyPaths(graph, placed, shaped);
    expect(paths).toHaveLength(1);
    expect(paths[0].pairs).toHaveLength(1);
    expect(shaped.filter((e) => e.inDependency).map((e) => e.target)).toEqual([['two', 'vpn']]);
    // Without resource edges, from box to box.
    graph.edges = [];
    expect(topo.dependencyPaths(graph, placed, [])[0].pairs[0])
      .toEqual([placed.boxes.one, placed.boxes.two]);
  });

  it('links a child from the resource that makes it, else from its parent\'s group', () => {
    const graph = sites();
    const placed = topo.layout(graph, {});
    const links = topo.hierarchyLinks(graph, placed);
    expect(links.map((link) => link.from.id)).toEqual([
      topo.nodeId('root', 'make_one'), topo.nodeId('root', 'make_two')]);
    const folded = topo.layout(graph, {root: true});
    expect(topo.hierarchyLinks(graph, folded)[0].from).toBe(folded.boxes.root);
  });
});

describe('the picture', () => {
  it('draws a node per resource, lanes, the dependency and the site connection', () => {
    send(sites());
    const container = document.getElementById('mr-stack-topology');
    expect(container.getAttribute('data-mr-topology-state')).toBe('drawn');
    expect(all('g.mr-topo-lane').map((g) => g.getAttribute('data-mr-region')))
      .toEqual(['RegionOne', 'RegionTwo']);
    expect(all('g.mr-topo-stack')).toHaveLength(3);
    expect(all('g.mr-topo-node')).toHaveLength(8);
    expect(all('text.mr-topo-icon')).toHaveLength(8);
    expect(all('path.mr-topo-dependency')).toHaveLength(1);
    expect(all('path.mr-topo-site')).toHaveLength(1);
    expect(all('path.mr-topo-remote')).toHaveLength(2);
    const [link] = all('a.mr-topo-resource-link');
    expect(link.getAttribute('data-mr-resource')).toBe('server');
    expect(link.getAttribute('href'))
      .toBe('/project/mr_stacks/RegionOne/root/open/RegionTwo/?id=s');
  });

  it('puts every text from the cloud as text, links only to this site', () => {
    const graph = sites();
    graph.stacks[2].resources = HOSTILE.map((text, index) => res(text, {
      reason: text, type: text, url: index ? 'https://elsewhere.example/' : '//x/'}));
    graph.stacks[1].name = HOSTILE[0];
    graph.stacks[1].reason = HOSTILE[1];
    send(graph);
    expect(window.hacked).toBeUndefined();
    expect(document.querySelectorAll('#mr-stack-topology script, #mr-stack-topology img'))
      .toHaveLength(0);
    expect(all('a.mr-topo-resource-link')).toHaveLength(0);
    const titles = all('g.mr-topo-node title').map((title) => title.textContent);
    expect(titles.some((text) => text.includes(HOSTILE[1]))).toBe(true);
  });

  it('says a late stack\'s region answers slowly, as text, then fills it in', () => {
    const graph = sites();
    graph.stacks[2] = stack('two', '/RegionTwo', 'root', [], {
      state: 'late', status: '', status_label: '', late: `${HOSTILE[0]} is answering slowly…`});
    send(graph);
    const late = all('g.mr-topo-stack[data-mr-key="two"]')[0];
    expect(late.getAttribute('data-mr-state')).toBe('late');
    expect(late.querySelector('text.mr-topo-status').textContent)
      .toContain(HOSTILE[0].slice(0, 8));
    expect(late.querySelector('title').textContent)
      .toContain(`${HOSTILE[0]} is answering slowly…`);
    expect(window.hacked).toBeUndefined();
    expect(document.querySelectorAll('#mr-stack-topology script, #mr-stack-topology img'))
      .toHaveLength(0);
    send(sites());
    const filled = all('g.mr-topo-stack[data-mr-key="two"]');
    expect(filled).toHaveLength(1);
    expect(filled[0].getAttribute('data-mr-state')).toBe('complete');
    expect(filled[0].querySelector('text.mr-topo-status').textContent).toBe('Create Complete');
    expect(all('g.mr-topo-node')).toHaveLength(8);
  });

  it('folds and shows a group by its button, keeps that and the zoom across updates', () => {
    const graph = sites();
    graph.collapse_above = 4;
    send(graph);
    const folded = () => all('g.mr-topo-stack').map((g) => g.getAttribute('data-mr-collapsed'));
    expect(folded()).toEqual(['false', 'true', 'true']);
    expect(all('text.mr-topo-icon')).toHaveLength(3);
    const width = Number(document.querySelector('svg.mr-topo').getAttribute('width'));
    document.querySelector('[data-mr-topo-action="zoom-in"]').click();
    all('g.mr-topo-stack[data-mr-key="two"] .mr-topo-toggle')[0]
      .dispatchEvent(new MouseEvent('click', {bubbles: true}));
    expect(folded()).toEqual(['false', 'true', 'false']);
    expect(all('[data-mr-key="two"] .mr-topo-toggle')[0].getAttribute('aria-expanded'))
      .toBe('true');
    // A live update: the server failed meanwhile.
    const later = sites();
    later.collapse_above = 4;
    later.stacks[2].resources[2] = res('server', {state: 'failed', status: 'CREATE_FAILED',
                                                  reason: 'No valid host'});
    send(later);
    expect(folded()).toEqual(['false', 'true', 'false']);
    expect(Number(document.querySelector('svg.mr-topo').getAttribute('width')))
      .toBeGreaterThan(width);
    const server = all('g.mr-topo-node').find(
      (g) => g.getAttribute('data-mr-node') === topo.nodeId('two', 'server'));
    expect(server.getAttribute('data-mr-state')).toBe('failed');
    expect(server.querySelector('title').textContent).toContain('No valid host');
    document.querySelector('[data-mr-topo-action="expand"]').click();
    expect(folded()).toEqual(['false', 'false', 'false']);
  });

  it('opens a large tree (120 stacks) folded, and shows one group\'s resources when asked', () => {
    const lanes = ['/RegionOne', '/RegionTwo', '/RegionThree'];
    const stacks = Array.from({length: 120}, (unused, index) => stack(
      `s${index}`, lanes[index % 3], index ? `s${Math.floor((index - 1) / 4)}` : null,
      [res('net'), res('subnet'), res('server')]));
    send({lanes: lanes.map((key) => ({key, region: key.slice(1), label: key.slice(1)})),
          stacks, dependencies: [], edges: [], collapse_above: 80});
    expect(all('g.mr-topo-stack')).toHaveLength(120);
    expect(all('g.mr-topo-stack[data-mr-collapsed="true"]')).toHaveLength(119);
    expect(all('g.mr-topo-node')).toHaveLength(3);
    all('g.mr-topo-stack[data-mr-key="s100"] .mr-topo-toggle')[0]
      .dispatchEvent(new MouseEvent('click', {bubbles: true}));
    expect(all('g.mr-topo-node')).toHaveLength(6);
    expect(all('g.mr-topo-stack[data-mr-key="s100"]')[0].getAttribute('data-mr-collapsed'))
      .toBe('false');
  });

  it('works from the keyboard: a group\'s button by Enter, the focus kept across updates', () => {
    send(sites());
    const toggle = () => all('g.mr-topo-stack[data-mr-key="one"] .mr-topo-toggle')[0];
    toggle().focus();
    toggle().dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
    expect(all('[data-mr-key="one"]')[0].getAttribute('data-mr-collapsed')).toBe('true');
    expect(document.activeElement).toBe(toggle());
    send(sites());
    expect(document.activeElement).toBe(toggle());
    const node = all('[data-mr-focus]').find(
      (element) => element.getAttribute('data-mr-focus') === topo.nodeId('two', 'vpn'));
    expect(node.getAttribute('tabindex')).toBe('0');
    node.focus();
    send(sites());
    expect(document.activeElement.getAttribute('data-mr-focus')).toBe(topo.nodeId('two', 'vpn'));
  });
});
