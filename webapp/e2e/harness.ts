/**
 * What every browser test needs: Debian's Chromium driven by playwright-core (no downloaded browser), the
 * server the Java side started (HEARTH_URL) with an account made for this run, screenshots kept as test
 * artifacts, and a watch on the console, since a page that logs errors is broken even when it looks right.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: browser tests run from the server's WebAppBrowserIT`);
  return value;
}

export const server = {
  url: setting('HEARTH_URL').replace(/\/$/, ''),
  username: setting('HEARTH_USER'),
  password: setting('HEARTH_PASSWORD'),
  adminUsername: setting('HEARTH_ADMIN_USER'),
  adminPassword: setting('HEARTH_ADMIN_PASSWORD'),
};

const screenshots = process.env.HEARTH_SCREENSHOTS ?? 'target/screenshots';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/**
 * A page whose console errors and uncaught exceptions are collected; `assertQuiet` fails on any but the
 * `expected` ones (in order), e.g. the refused request a test provokes on purpose.
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; assertQuiet: (...expected: string[]) => void }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every refused request; a 401 is how the app learns it is signed out, so that one is expected.
    const expected = /Failed to load resource: .* status of 401/.test(message.text());
    if (message.type() === 'error' && !expected) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, assertQuiet: (...expected) => expect(problems).toEqual(expected) };
}

export async function signIn(page: Page, username = server.username, password = server.password): Promise<void> {
  await page.goto(`${server.url}/#/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Calls the server's WebDAV as the test account, e.g. to put files in place before a page shows them. */
export async function dav(method: string, path: string, body?: BodyInit): Promise<Response> {
  const auth = Buffer.from(`${server.username}:${server.password}`).toString('base64');
  const url = `${server.url}/remote.php/dav/files/${encodeURIComponent(server.username)}${path
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
  return fetch(url, { method, body, headers: { Authorization: `Basic ${auth}` } });
}

/** Calls the REST API as the administrator, e.g. to add a second user or change the sharing policy. */
export async function adminApi(method: string, path: string, body?: unknown): Promise<Response> {
  const auth = Buffer.from(`${server.adminUsername}:${server.adminPassword}`).toString('base64');
  return fetch(`${server.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json', Accept: 'application/json' },
  });
}

/** SHA-1 of some bytes, hex: how the browser tests compare what arrived with what was sent. */
export function sha1(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}
