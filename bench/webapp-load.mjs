// Measures, in Debian's Chromium, how long the web app's files page takes to show a folder: from the start of a full
// page load until the folder's entries are listed and its summary reads "N files" (data fetched, rows rendered, event
// handlers attached), and until the first thumbnail of the list has been drawn (the files are photos: the first load
// makes the server generate the previews, later loads find them cached). Run by bench/webapp.sh; prints one JSON line.
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
const thumbnails = [];
for (let run = 0; run < runs; run++) {
  await page.goto('about:blank');
  await page.goto(`${url}/#/files/${encodeURIComponent(folder)}`);
  await page.waitForFunction(
    (count) => [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes(`${count} files`)),
    files,
    { polling: 'raf', timeout: 60_000 },
  );
  timings.push(await page.evaluate(() => performance.now()));
  await page.waitForFunction(
    () => [...document.querySelectorAll('img.thumbnail')].some((img) => img.complete && img.naturalWidth > 0),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  thumbnails.push(await page.evaluate(() => performance.now()));
}
await browser.close();
const median = (values) => {
  const sorted = values.slice(1).sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]);
};
console.log(
  JSON.stringify({
    firstMs: Math.round(timings[0]),
    warmMedianMs: median(timings),
    firstThumbnailMs: Math.round(thumbnails[0]),
    warmThumbnailMedianMs: median(thumbnails),
    runsMs: timings.map(Math.round),
    thumbnailRunsMs: thumbnails.map(Math.round),
  }),
);
