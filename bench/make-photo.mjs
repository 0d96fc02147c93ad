// Writes a photo-like JPEG (gradients and noise, so it compresses like a photo) drawn by Debian's Chromium, for the
// benchmarks that need real images: node bench/make-photo.mjs OUT.jpg [WIDTH] [HEIGHT]
import { writeFileSync } from 'node:fs';
import { chromium } from '../webapp/node_modules/playwright-core/index.mjs';

const [out, width = '2000', height = '1500'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const base64 = await page.evaluate(async ([w, h]) => {
  const canvas = new OffscreenCanvas(w, h);
  const g = canvas.getContext('2d');
  const sky = g.createLinearGradient(0, 0, w, h);
  sky.addColorStop(0, '#2d6cdf');
  sky.addColorStop(0.6, '#f4c06b');
  sky.addColorStop(1, '#3b7a3a');
  g.fillStyle = sky;
  g.fillRect(0, 0, w, h);
  const pixels = g.getImageData(0, 0, w, h);
  for (let i = 0; i < pixels.data.length; i += 4) {
    const noise = (Math.random() - 0.5) * 40;
    pixels.data[i] += noise;
    pixels.data[i + 1] += noise;
    pixels.data[i + 2] += noise;
  }
  g.putImageData(pixels, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}, [Number(width), Number(height)]);
await browser.close();
writeFileSync(out, Buffer.from(base64, 'base64'));
