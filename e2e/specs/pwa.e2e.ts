import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { signUpThroughApi } from '../fixtures/owner.ts';
import { setUpBusinessThroughApi } from '../fixtures/team.ts';

/**
 * The installable app: Chromium accepts the manifest, the service worker takes over the app,
 * the installed app opens with the network off, and a new version waits until someone says
 * "Actualizar".
 */

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

interface WebManifest {
  id: string;
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  lang: string;
  theme_color: string;
  background_color: string;
  icons: ManifestIcon[];
}

/** Waits until a service worker controls `page` and answers its script URL. */
async function controllingWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
    return navigator.serviceWorker.controller?.scriptURL ?? '';
  });
}

/** Collects Content-Security-Policy violations reported in `page`. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      seen.push(message.text());
    }
  });
  return seen;
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the manifest describes an app Chromium can install, and every icon it names exists', async ({
  page,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');

  const response = await page.request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as WebManifest;
  expect(manifest).toMatchObject({
    name: 'SmartKet',
    short_name: 'SmartKet',
    start_url: '/app',
    scope: '/',
    display: 'standalone',
    lang: 'es-PE',
    // app.css: --brand and --bg; app.html's theme-color
    theme_color: '#c2410c',
    background_color: '#fffaf3',
  });
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color);

  const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
  for (const icon of pngs) {
    const file = await page.request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(pngSize(await file.body()), icon.src).toBe(icon.sizes);
  }
  const sizes = (purpose: string): string[] =>
    pngs.filter((icon) => (icon.purpose ?? 'any').split(' ').includes(purpose)).map((icon) => icon.sizes);
  expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(sizes('maskable')).toContain('512x512');

  // What Chromium itself says: the parsed manifest has no errors and nothing stops installing.
  const cdp = await page.context().newCDPSession(page);
  const parsed = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[] };
  expect(parsed.errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito profiles, where Chromium never installs anything.
  expect(installabilityErrors.filter((error) => error.errorId !== 'in-incognito')).toEqual([]);
});

test('the service worker takes over the app and precaches the shell, never the API', async ({ page }) => {
  const violations = cspViolations(page);
  await signUpThroughApi(page, 'Pollería El Trabajador');
  await page.goto('/app');

  expect(await controllingWorker(page)).toMatch(/\/sw\.js$/);
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      urls.push(...(await cache.keys()).map((request) => new URL(request.url).pathname));
    }
    return urls;
  });
  expect(cached).toContain('/app-shell');
  expect(cached).toContain('/manifest.webmanifest');
  expect(cached.some((url) => url.startsWith('/_app/immutable/entry/start.'))).toBe(true);
  expect(cached.filter((url) => url.startsWith('/api/') || url.startsWith('/socket.io'))).toEqual([]);
  expect(violations).toEqual([]);
});

test("the app's code travels compressed, so a phone on mobile data downloads a fraction of it", async ({
  request,
}) => {
  const landing = await (await request.get('/')).text();
  const script = /\/_app\/immutable\/entry\/app\.[\w-]+\.js/.exec(landing)?.[0];
  if (!script) {
    throw new Error('the landing page names no app script');
  }
  const fetchAs = (encoding: string) => request.get(script, { headers: { 'accept-encoding': encoding } });
  const [plain, gzip, brotli] = await Promise.all([
    fetchAs('identity'),
    fetchAs('gzip'),
    fetchAs('gzip, br'),
  ]);
  const bytesSent = (response: typeof plain): number => Number(response.headers()['content-length']);

  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  expect(brotli.headers()['content-encoding']).toBe('br');
  expect(brotli.headers()['vary']).toMatch(/accept-encoding/i);
  expect(bytesSent(brotli)).toBeLessThan(bytesSent(plain) / 2);
  // The same script, once the browser has unpacked it.
  expect((await brotli.body()).equals(await plain.body())).toBe(true);
  expect((await gzip.body()).equals(await plain.body())).toBe(true);
});

test('the installed app shell loads with the network off as whoever used it last; signed out, it says "Sin conexión" and opens by itself when the network is back', async ({
  page,
  context,
}) => {
  test.slow();
  const violations = cspViolations(page);
  await setUpBusinessThroughApi(page, 'Pollería Sin Señal');
  await page.goto('/app');
  await controllingWorker(page);
  // Seen once online with the worker in charge, the public home page is kept for offline.
  await page.goto('/');
  await page.goto('/app');
  const nav = page.getByRole('navigation', { name: 'Secciones de tu negocio' });
  await expect(nav).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  // The shell came from the service worker and its scripts ran (its CSP hash is still valid):
  // the app opens as the owner this device last saw (offline-start.e2e.ts: a waiter's phone),
  // and the app bar says it is offline.
  await expect(nav).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sin conexión/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sin conexión' })).toHaveCount(0);

  // Any address in the app opens the same way, typed or from a shortcut.
  await page.goto('/app/mesas');
  await expect(nav).toBeVisible();

  // The API is never answered from a cache.
  const api = await page.evaluate(() =>
    fetch('/api/auth/me').then(
      (response) => `answered ${response.status}`,
      () => 'failed',
    ),
  );
  expect(api).toBe('failed');

  // The public home page was seen online, so it opens too.
  await page.goto('/');
  await expect(
    page.getByRole('heading', { name: 'Tu pollería en orden, desde el primer pedido' }),
  ).toBeVisible();

  // Signed out, the device keeps nobody to open as: offline the app says so, and it opens by
  // itself once the server answers (on the sign-in page, as the session is over).
  await context.setOffline(false);
  await page.goto('/app');
  await page.getByRole('button', { name: 'Abrir menú de cuenta' }).click();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/ingresar/);
  await context.setOffline(true);
  await page.goto('/app/mesas');
  await expect(page.getByRole('heading', { name: 'Sin conexión' })).toBeVisible();
  await expect(page).toHaveTitle('Sin conexión — SmartKet');
  await expect(nav).toHaveCount(0);
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/ingresar\?next=%2Fapp%2Fmesas$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Sin conexión' })).toHaveCount(0);
  expect(violations).toEqual([]);
});

test('a new version waits for "Actualizar", and "Luego" keeps the current one', async ({ browser }) => {
  // The real server serves one build; this one serves the same build and, once told, a changed
  // service worker, as a deployment would. The app's API is not needed to see the prompt.
  const build = new URL('../../client/build/', import.meta.url);
  const { handler } = (await import(new URL('handler.js', build).href)) as {
    handler: (req: unknown, res: unknown, next: () => void) => void;
  };
  const originalWorker = await readFile(new URL('client/sw.js', build), 'utf8');
  let deployed = originalWorker;
  const server: Server = createServer((req, res) => {
    if (req.url?.split('?')[0] === '/sw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
      res.end(deployed);
      return;
    }
    handler(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'es-PE',
  });
  try {
    const page = await context.newPage();
    await page.goto('/app');
    await controllingWorker(page);
    const prompt = page.getByRole('group', { name: 'Nueva versión de SmartKet' });
    await expect(prompt).toHaveCount(0);

    deployed = `${originalWorker}\n// next version\n`;
    const checkForUpdate = (): Promise<void> =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });

    // "Luego": the prompt goes away and the page stays as it is.
    await checkForUpdate();
    await expect(prompt.getByText('Hay una nueva versión de SmartKet')).toBeVisible();
    await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
    await prompt.getByRole('button', { name: 'Luego' }).click();
    await expect(prompt).toHaveCount(0);
    expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true);

    // Opening the app again asks again; "Actualizar" puts the new worker in charge and reloads.
    await page.reload();
    await expect(prompt).toBeVisible();
    const apply = prompt.getByRole('button', { name: 'Actualizar' });
    const box = await apply.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
    const reloaded = page.waitForEvent('load');
    await apply.click();
    await reloaded;
    expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
    const waiting = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return Boolean(registration?.waiting);
    });
    expect(waiting).toBe(false);
    await expect(prompt).toHaveCount(0);
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
