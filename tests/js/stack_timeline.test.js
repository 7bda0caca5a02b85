/*
 * The Timeline tab (mr_dashboard.stack_timeline.js), drawn with the d3 3
 * Horizon ships: asked once, when its tab is shown (again every second
 * while a branch is late, each answer drawn); the data shaped into one
 * lane per stack in tree order, a bar from a stack's first to its last
 * event, a dot per event placed on the time axis and coloured by region, a
 * failure ringed; every text from the cloud as text.
 */
import {beforeEach, expect, it, vi} from 'vitest';
import {HOSTILE, loadPage, serve, settle, until} from './page.js';

// The script's layout: lanes 24 px apart from 34 px down, the time axis
// from x = 230 to 24 px short of the width (640 px at least: jsdom lays
// nothing out, so the width is that least).
const LANE_Y = [34, 58, 82];
const AXIS = [230, 616];
const T0 = Date.parse('2026-03-01T10:00:00Z');

function page(active) {
  return `
    <ul class="nav nav-tabs">
      <li><a id="overview-tab" data-toggle="tab" data-target="#stack__overview">Overview</a></li>
      <li><a id="timeline-tab" data-toggle="tab" data-target="#stack__timeline">Timeline</a></li>
    </ul>
    <div class="tab-content">
      <div id="stack__overview" class="tab-pane${active ? '' : ' active'}"></div>
      <div id="stack__timeline" class="tab-pane${active ? ' active' : ''}">
        <div id="mr-stack-timeline" data-mr-timeline-url="/project/mr/stacks/RegionOne/p/timeline/"
             data-mr-timeline-state="waiting"><p>Reading…</p></div>
      </div>
    </div>`;
}

function at(seconds) {
  return new Date(T0 + seconds * 1000).toISOString();
}

function event(lane, seconds, state, extra) {
  return {lane, time: at(seconds), resource: `res-${seconds}`,
          status: `CREATE_${state.toUpperCase()}`, state, reason: '', ...extra};
}

const DATA = {
  lanes: [
    {key: 'p', name: 'parent', region: 'RegionOne', kind: 'stack'},
    {key: 'c', name: 'x'.repeat(40), region: 'RegionTwo', kind: 'stack'},
    {key: 'q', name: 'quiet', region: 'RegionOne', kind: 'stack'}
  ],
  regions: ['RegionOne', 'RegionTwo'],
  events: [
    event('p', 0, 'in_progress'),
    event('c', 30, 'in_progress'),
    event('c', 60, 'failed', {reason: 'Quota exceeded'}),
    event('p', 100, 'complete')
  ]
};

function svg() {
  return document.querySelector('#mr-stack-timeline svg.mr-timeline');
}

function lane(key) {
  return svg().querySelector(`g.mr-timeline-lane[data-mr-lane="${key}"]`);
}

// An attribute's number, to a tenth of a pixel (the scale's arithmetic).
function number(element, attribute) {
  return Math.round(Number(element.getAttribute(attribute)) * 10) / 10;
}

async function drawn(data, active = true) {
  const seen = serve(() => ({body: data}));
  loadPage(page(active), ['stack_timeline'], {d3: true}).start();
  if (!active) {
    window.jQuery('#timeline-tab').trigger('shown.bs.tab');
  }
  await until(() => {
    expect(document.getElementById('mr-stack-timeline').getAttribute('data-mr-timeline-state'))
      .toBe('drawn');
  });
  return seen;
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

it('draws one lane per stack, in tree order, with its name and region', async () => {
  await drawn(DATA);
  const lanes = [...svg().querySelectorAll('g.mr-timeline-lane')];
  expect(lanes.map((g) => g.getAttribute('data-mr-lane'))).toEqual(['p', 'c', 'q']);
  expect(lanes.map((g) => g.getAttribute('data-mr-region')))
    .toEqual(['RegionOne', 'RegionTwo', 'RegionOne']);
  expect(lanes.map((g) => g.getAttribute('transform')))
    .toEqual(LANE_Y.map((y) => `translate(0,${y})`));
  expect(lane('c').querySelector('text.mr-timeline-name').textContent)
    .toBe(`${'x'.repeat(29)}\u2026`);
  expect(lane('c').querySelector('title').textContent).toBe(`${'x'.repeat(40)} (RegionTwo)`);
  expect(number(svg(), 'height')).toBe(34 + 3 * 24 + 26);
});

it('places each event on the time axis, and spans each stack from first to last event',
   async () => {
     await drawn(DATA);
     const dots = [...svg().querySelectorAll('circle.mr-timeline-event')];
     expect(dots.map((dot) => number(dot, 'cx')))
       .toEqual([230, 345.8, 461.6, 616]);
     expect(dots.map((dot) => number(dot, 'cy')))
       .toEqual([LANE_Y[0], LANE_Y[1], LANE_Y[1], LANE_Y[0]].map((y) => y + 12));

     const span = (key) => lane(key).querySelector('rect.mr-timeline-span');
     expect(number(span('p'), 'x')).toBe(AXIS[0]);
     expect(number(span('p'), 'width')).toBe(AXIS[1] - AXIS[0]);
     expect(number(span('c'), 'x')).toBe(345.8);
     expect(number(span('c'), 'width')).toBe(115.8);
     expect(span('q')).toBeNull();
   });

it('colours by region, rings a failure and tells its reason', async () => {
  await drawn(DATA);
  const dots = [...svg().querySelectorAll('circle.mr-timeline-event')];
  const fills = dots.map((dot) => dot.getAttribute('fill'));
  expect(fills[0]).toBe(fills[3]);
  expect(fills[1]).toBe(fills[2]);
  expect(fills[0]).not.toBe(fills[1]);
  expect(dots.map((dot) => dot.getAttribute('data-mr-state')))
    .toEqual(['in_progress', 'in_progress', 'failed', 'complete']);
  expect(dots.map((dot) => dot.getAttribute('stroke')))
    .toEqual(['#ffffff', '#ffffff', '#d9534f', '#ffffff']);
  expect(dots[2].getAttribute('stroke-width')).toBe('3');
  expect(dots[2].querySelector('title').textContent)
    .toBe(`res-60: CREATE_FAILED (${at(60)}) \u2014 Quota exceeded`);
  expect(dots[0].querySelector('title').textContent)
    .toBe(`res-0: CREATE_IN_PROGRESS (${at(0)})`);

  const legend = [...svg().querySelectorAll('g.mr-timeline-legend > g')];
  expect(legend.map((item) => item.querySelector('text').textContent))
    .toEqual(['RegionOne', 'RegionTwo']);
  expect(legend.map((item) => item.querySelector('circle').getAttribute('fill')))
    .toEqual([fills[0], fills[1]]);
});

it('widens a tree whose events share one moment to a second', async () => {
  await drawn({lanes: [DATA.lanes[0]], regions: ['RegionOne'],
               events: [event('p', 5, 'complete'), event('p', 5, 'complete')]});
  const dots = [...svg().querySelectorAll('circle.mr-timeline-event')];
  expect(dots.map((dot) => number(dot, 'cx'))).toEqual([AXIS[0], AXIS[0]]);
  expect(number(lane('p').querySelector('rect'), 'width')).toBe(2);
});

it('draws a tree without events: its lanes and nothing else', async () => {
  await drawn({lanes: DATA.lanes, regions: DATA.regions, events: []});
  expect(svg().querySelectorAll('g.mr-timeline-lane')).toHaveLength(3);
  expect(svg().querySelectorAll('circle.mr-timeline-event, rect')).toHaveLength(0);
});

it('writes names, resources, statuses, reasons and regions as text', async () => {
  const [script, img, quoted, breakout] = HOSTILE;
  await drawn({
    lanes: [{key: 'h', name: script, region: img, kind: 'stack'}],
    regions: [img],
    events: [event('h', 0, 'failed', {resource: quoted, status: breakout, reason: script})]
  });
  const picture = document.getElementById('mr-stack-timeline');
  expect(picture.querySelectorAll('script, img, td')).toHaveLength(0);
  expect(window.hacked).toBeUndefined();
  expect(lane('h').querySelector('text').textContent).toBe(`${script.slice(0, 29)}\u2026`);
  expect(lane('h').querySelector('title').textContent).toBe(`${script} (${img})`);
  expect(picture.querySelector('circle title').textContent)
    .toBe(`${quoted}: ${breakout} (${at(0)}) \u2014 ${script}`);
  expect(picture.querySelector('g.mr-timeline-legend text').textContent)
    .toBe(`${img.slice(0, 23)}\u2026`);
});

it('asks only when its tab is shown, and only once', async () => {
  const seen = await drawn(DATA, false);
  expect(seen.map((request) => request.url)).toEqual(['/project/mr/stacks/RegionOne/p/timeline/']);
  window.jQuery('#overview-tab').trigger('shown.bs.tab');
  window.jQuery('#timeline-tab').trigger('shown.bs.tab');
  await settle();
  expect(seen).toHaveLength(1);
});

it('waits while another tab is shown', () => {
  const seen = serve(() => ({body: DATA}));
  loadPage(page(false), ['stack_timeline'], {d3: true}).start();
  window.jQuery('#overview-tab').trigger('shown.bs.tab');
  expect(seen).toHaveLength(0);
  expect(document.getElementById('mr-stack-timeline').getAttribute('data-mr-timeline-state'))
    .toBe('waiting');
});

it('says it failed, and keeps its text, when the events cannot be read', async () => {
  serve(() => ({status: 502, body: ''}));
  loadPage(page(true), ['stack_timeline'], {d3: true}).start();
  const root = document.getElementById('mr-stack-timeline');
  await until(() => {
    expect(root.getAttribute('data-mr-timeline-state')).toBe('failed');
  });
  expect(root.textContent.trim()).toBe('Reading…');
  expect(console.warn).toHaveBeenCalledWith(
    'mr_dashboard: /project/mr/stacks/RegionOne/p/timeline/ answered 502');
});

it('asks again every second while a branch is late, and draws each answer', async () => {
  vi.stubGlobal('gettext', (text) => text);
  vi.stubGlobal('interpolate', (text, values) => text.replace('%s', values[0]));
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
  const late = {...DATA, lanes: DATA.lanes.slice(0, 1), events: DATA.events.slice(0, 1),
                late: ['<b>RegionTwo</b>']};
  const answers = [late, {...DATA, late: []}];
  const seen = serve(() => ({body: answers.shift()}));
  loadPage(page(true), ['stack_timeline'], {d3: true}).start();
  const root = document.getElementById('mr-stack-timeline');
  await until(() => expect(root.getAttribute('data-mr-timeline-state')).toBe('late'));
  expect(svg().querySelectorAll('g.mr-timeline-lane')).toHaveLength(1);
  expect(root.querySelector('.mr-timeline-late').textContent).toBe(
    'Answering slowly, their stacks\' events come when they answer: <b>RegionTwo</b>');
  expect(root.querySelector('.mr-timeline-late b')).toBeNull();

  vi.advanceTimersByTime(1000);
  await until(() => expect(root.getAttribute('data-mr-timeline-state')).toBe('drawn'));
  expect(svg().querySelectorAll('g.mr-timeline-lane')).toHaveLength(3);
  expect(root.querySelector('.mr-timeline-late')).toBeNull();
  vi.advanceTimersByTime(10000);
  expect(seen).toHaveLength(2);
});
