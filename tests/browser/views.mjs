// Drives the dyad page in chromium (playwright-core): every view loads without console
// errors, filters change results, an event opens with highlighted evidence, the charts,
// network and map render, live coding works, a shared URL restores the view.
// Usage: node views.mjs BASE_URL ARTIFACT_DIR PROFILE_DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [, , base, artifacts, profile] = process.argv;
mkdirSync(artifacts, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1360, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let passed = 0, failed = 0;

function watch(page) {
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!r.url().includes('/api/export')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  return page;
}

async function open(page, hash) {
  await page.goto(base + hash);
  await page.waitForSelector('#view[data-ready="1"]', { timeout: 30000 });
}

// Pixels drawn (alpha > 0) on the canvases under `selector`.
async function inked(page, selector) {
  return page.evaluate((sel) => {
    let n = 0;
    for (const c of document.querySelectorAll(sel + ' canvas')) {
      if (!c.width || !c.height) continue;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ++n;
    }
    return n;
  }, selector);
}

async function check(name, fn) {
  const before = problems.length;
  try {
    await fn();
    if (problems.length > before) throw new Error(problems.slice(before).join('\n  '));
    console.log(`PASS ${name}`);
    ++passed;
  } catch (e) {
    console.log(`FAIL ${name}: ${e.message}`);
    ++failed;
  }
}

function expect(cond, what) { if (!cond) throw new Error(what); }

const page = watch(await context.newPage());
const rowIds = () => page.$$eval('#results tbody tr', (rs) => rs.map((r) => r.dataset.event));

await check('search lists events, filtering changes them', async () => {
  await open(page, '/#/search');
  const all = await rowIds();
  expect(all.length > 5, `only ${all.length} rows without filters`);
  await page.screenshot({ path: `${artifacts}/search.png`, fullPage: false });
  await page.selectOption('#filters select[name=quad]', '4');
  await page.click('#filters button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('quad=4'));
  await page.waitForSelector('#view[data-ready="1"]');
  const conflict = await rowIds();
  expect(conflict.length > 0, 'no material-conflict events');
  expect(conflict.length < all.length, 'the quad filter did not change the results');
  const dots = await page.$$eval('#results tbody .quad', (ds) => ds.map((d) => d.className));
  expect(dots.every((c) => c.includes('q4')), `rows outside quad 4: ${dots}`);
});

await check('a shared URL restores the same view', async () => {
  await open(page, '/#/search?actor=RUS&sort=date_asc');
  const ids = await rowIds();
  expect(ids.length > 0, 'no RUS events');
  const other = watch(await context.newPage());
  await other.goto(page.url());
  await other.waitForSelector('#view[data-ready="1"]');
  const again = await other.$$eval('#results tbody tr', (rs) => rs.map((r) => r.dataset.event));
  expect(JSON.stringify(ids) === JSON.stringify(again), 'a second tab shows other rows');
  expect(await other.inputValue('#filters input[name=actor]') === 'RUS', 'the filter form lost its value');
  expect(await other.inputValue('#sort') === 'date_asc', 'the sort was not restored');
  await other.close();
});

await check('cursor paging moves to the next page', async () => {
  await open(page, '/#/search?limit=3');
  const first = await rowIds();
  await page.click('#next-page');
  await page.waitForFunction(() => location.hash.includes('cursor='));
  await page.waitForSelector('#view[data-ready="1"]');
  const second = await rowIds();
  expect(second.length > 0 && !second.some((id) => first.includes(id)), 'the next page repeats rows');
});

await check('an event opens with its evidence highlighted', async () => {
  await open(page, '/#/search?actor=RUS');
  await page.click('#results tbody tr');
  await page.waitForFunction(() => location.hash.startsWith('#/event/'));
  await page.waitForSelector('#view[data-ready="1"]');
  const marks = await page.$$eval('#evidence mark', (ms) => ms.map((m) => [m.dataset.role, m.textContent]));
  const roles = marks.map((m) => m[0]);
  expect(roles.includes('source') && roles.includes('verb'), `evidence marks: ${JSON.stringify(marks)}`);
  expect(marks.every((m) => m[1].trim().length > 0), 'an empty highlight');
  expect((await page.textContent('#reason')).includes('pattern'), 'no coding reason');
  expect(await page.$$eval('#mentions tbody tr', (r) => r.length) > 0, 'no mentions listed');
  await page.screenshot({ path: `${artifacts}/event.png` });
});

await check('dyad chart renders and a click lists its events', async () => {
  await open(page, '/#/dyad?a=RUS&b=UKR&by=month');
  await page.waitForSelector('#dyad-counts canvas');
  expect(await inked(page, '#dyad-counts') > 500, 'the dyad chart is blank');
  expect(await inked(page, '#dyad-quads') > 500, 'the QuadClass chart is blank');
  await page.screenshot({ path: `${artifacts}/dyad.png` });
  const box = await page.$eval('#dyad-counts .u-over', (o) => { const r = o.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
  // Sweep until the cursor lands on a period with events.
  for (let f = 0.1; f < 1 && !page.url().includes('#/search'); f += 0.1) {
    await page.mouse.move(box[0] + box[2] * f, box[1] + box[3] * 0.8);
    await page.mouse.click(box[0] + box[2] * f, box[1] + box[3] * 0.8);
    await page.waitForTimeout(100);
  }
  expect(page.url().includes('#/search') && page.url().includes('from='), `no navigation: ${page.url()}`);
  await page.waitForSelector('#view[data-ready="1"]');
});

await check('network renders actors and edges', async () => {
  await open(page, '/#/network');
  await page.waitForFunction(() => window.dyadCy && window.dyadCy.edges().length > 0);
  const [nodes, edges] = await page.evaluate(() => [window.dyadCy.nodes().length, window.dyadCy.edges().length]);
  expect(nodes >= 3 && edges >= 2, `${nodes} nodes, ${edges} edges`);
  await page.waitForTimeout(300);
  expect(await inked(page, '#cy') > 1000, 'the network canvas is blank');
  await page.screenshot({ path: `${artifacts}/network.png` });
});

await check('map renders country outlines and event places', async () => {
  await open(page, '/#/map');
  await page.waitForSelector('#map path.place-marker');
  const paths = await page.$$eval('#map path', (p) => p.length);
  expect(paths > 100, `only ${paths} SVG paths (outlines missing)`);
  await page.screenshot({ path: `${artifacts}/map.png` });
});

await check('codebook lists and filters CAMEO codes', async () => {
  await open(page, '/#/codebook');
  const all = await page.$$eval('#cameo-table tbody tr', (r) => r.length);
  expect(all > 200, `${all} CAMEO rows`);
  await page.fill('#codebook-q', 'protest');
  const some = await page.$$eval('#cameo-table tbody tr', (r) => r.length);
  expect(some > 0 && some < all, `filter gave ${some} of ${all}`);
  await page.screenshot({ path: `${artifacts}/codebook.png` });
});

await check('pasting an article codes it live with highlights', async () => {
  await open(page, '/#/code');
  await page.fill('#article-text', 'Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Riyadh on Tuesday. Ukraine criticised the talks.');
  await page.fill('#article-date', '2025-02-18');
  await page.click('#code-it');
  await page.waitForSelector('#live-count', { timeout: 60000 });
  const n = Number(await page.textContent('#live-count'));
  expect(n > 0, 'no events coded');
  const roles = await page.$$eval('#live-text mark', (ms) => ms.map((m) => m.className));
  expect(roles.includes('source') && roles.includes('verb'), `highlights: ${roles}`);
  await page.screenshot({ path: `${artifacts}/code.png` });
});

await context.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
