// Measures, in Debian's Chromium, how long the web app's files page takes to show a folder: from the start of a full
// page load until the folder's entries are listed and its summary reads "N files" (data fetched, rows rendered, event
// handlers attached). Run by bench/webapp.sh; prints one JSON line.
import { chromium } from '../webapp/node_modules/playwright-core/index.mjs';

const { HEARTH_URL: url, BENCH_USER: user, BENCH_PASSWORD: password, BENCH_FOLDER: folder } = process.env;
const files = Number(process.env.BENCH_FILES);
const runs = Number(process.env.BENCH_RUNS ?? 6);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${url}/#/login`);
await page.getByLabel('Username').fill(user);
await page.getByLabel('Password').fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('button', { name: 'Sign out' }).waitFor();

const timings = [];
for (let run = 0; run < runs; run++) {
  await page.goto('about:blank');
  await page.goto(`${url}/#/files/${encodeURIComponent(folder)}`);
  await page.waitForFunction(
    (count) => [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes(`${count} files`)),
    files,
    { polling: 'raf', timeout: 60_000 },
  );
  timings.push(await page.evaluate(() => performance.now()));
}
await browser.close();
const warm = timings.slice(1).sort((a, b) => a - b);
console.log(
  JSON.stringify({ firstMs: Math.round(timings[0]), warmMedianMs: Math.round(warm[Math.floor(warm.length / 2)]), runsMs: timings.map(Math.round) }),
);
