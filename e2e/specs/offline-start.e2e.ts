import { expect, test, type Page } from '@playwright/test';
import { get } from '../fixtures/api.ts';
import {
  createStaffThroughApi,
  deviceContext,
  pairingCodeThroughApi,
  revokeDeviceThroughApi,
  setUpBusinessThroughApi,
} from '../fixtures/team.ts';

/**
 * The installed app opening with the network off after a restart: a waiter's phone that lost
 * its tab at a table reopens into the table map and keeps taking orders, a kitchen screen into
 * its tickets — from what the device kept — and the server has the last word once it is back.
 */

const WAITER = { name: 'Luis', pin: '2580' } as const;
/** The one dish of the wizard's carta (completeSetupThroughApi), with no options to choose. */
const DISH = '1/4 de pollo a la brasa';
/** The root layout's bottom notice, made for the screens that cannot save offline. */
const BOTTOM_NOTICE = 'Estás sin conexión';

/** Waits until the service worker controls `page`: from then on the app opens from its cache. */
async function workerInControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
  });
}

/** The rows of each of the app's IndexedDB tables on this device. */
async function keptOnDevice(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const opening = indexedDB.open('smartket');
        opening.onerror = () => reject(new Error('no database'));
        opening.onsuccess = () => {
          const database = opening.result;
          const names = [...database.objectStoreNames];
          const rows: Record<string, unknown[]> = {};
          const reading = database.transaction(names, 'readonly');
          for (const name of names) {
            const all = reading.objectStore(name).getAll();
            all.onsuccess = () => {
              rows[name] = all.result;
            };
          }
          reading.oncomplete = () => {
            database.close();
            resolve(rows);
          };
        };
      }),
  );
}

/** How many rows each table holds. */
async function countsOnDevice(page: Page): Promise<Record<string, number>> {
  const rows = await keptOnDevice(page);
  return Object.fromEntries(Object.entries(rows).map(([name, list]) => [name, list.length]));
}

/** Pairs `page` with `code`; a shared phone then signs the waiter in with the PIN. */
async function pair(page: Page, code: string): Promise<void> {
  await page.goto('/emparejar');
  await page.getByLabel('Código').fill(code);
  await page.getByRole('button', { name: 'Vincular' }).click();
}

async function signInWaiter(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/app\/pin$/);
  await page.getByRole('button', { name: new RegExp(WAITER.name) }).click();
  await page.getByLabel('PIN', { exact: true }).fill(WAITER.pin);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page).toHaveURL(/\/app\/mesas$/);
}

function tableTile(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true });
}

/** The app bar's pill while offline: "Sin conexión", "Sin conexión · 2 pendientes"… */
function syncPill(page: Page) {
  return page.getByRole('button', { name: /^Sin conexión/ });
}

/** The pill in any state ("2 pendientes", "Sincronizando…"): gone once all is sent. */
function syncState(page: Page) {
  return page.getByRole('button', { name: /Ver el estado de los envíos$/ });
}

interface FloorSnapshot {
  orders: { tableIds: string[]; items: { name: string; quantity: number }[] }[];
}

test('a waiter’s phone restarted with no network opens on the table map, takes a round, and sends it once the signal is back; the kitchen screen reopens on its tickets', async ({
  page,
  browser,
}, testInfo) => {
  test.slow();
  const owner = page;
  const { branch } = await setUpBusinessThroughApi(owner, 'Pollería Sin Señal');
  await createStaffThroughApi(owner.request, { ...WAITER, role: 'waiter', branchId: branch.id });
  const phoneCode = await pairingCodeThroughApi(owner.request, {
    branchId: branch.id,
    kind: 'shared_phone',
    name: 'Celular del salón',
  });
  const kitchenCode = await pairingCodeThroughApi(owner.request, {
    branchId: branch.id,
    kind: 'kitchen_screen',
    name: 'Pantalla de cocina',
  });
  const { tables } = await get<{ tables: { id: string; name: string }[] }>(
    owner.request,
    `/api/tenant/branches/${branch.id}`,
  );
  const mesa2 = tables.find((table) => table.name === 'Mesa 2');
  if (!mesa2) {
    throw new Error('the wizard made no Mesa 2');
  }

  const phoneContext = await deviceContext(browser, testInfo, 'phone');
  const kitchenContext = await deviceContext(browser, testInfo, 'kitchen');
  const phone = await phoneContext.newPage();
  const kitchen = await kitchenContext.newPage();
  await pair(kitchen, kitchenCode.code);
  await expect(kitchen).toHaveURL(/\/app\/cocina$/);
  await pair(phone, phoneCode.code);
  await signInWaiter(phone);

  // Online once: the map, its tables and the carta are kept on the phone as they load.
  await expect(tableTile(phone, 'Mesa 2')).toHaveAccessibleDescription(/Libre/);
  await workerInControl(phone);
  await expect
    .poll(() => countsOnDevice(phone))
    .toMatchObject({ identity: 1, menus: 1, branches: 1, snapshots: 1 });

  // The signal goes while the map is open: the pill says so, and the bottom notice (for screens
  // that cannot save offline) stays out of the waiter's way.
  await phoneContext.setOffline(true);
  await expect(syncPill(phone)).toBeVisible();
  await expect(phone.getByText(BOTTOM_NOTICE)).toHaveCount(1);
  await expect(phone.getByText(BOTTOM_NOTICE)).toBeHidden();

  // The phone killed the tab: reopened with no network, the app opens on the map, not on
  // "Sin conexión".
  await phone.reload();
  await expect(tableTile(phone, 'Mesa 2')).toHaveAccessibleDescription(/Libre/);
  await expect(phone.getByRole('heading', { name: 'Sin conexión' })).toHaveCount(0);
  await expect(phone.getByText(WAITER.name, { exact: true })).toBeVisible();
  await expect(syncPill(phone)).toBeVisible();

  // A table and a round, all kept on the phone.
  await tableTile(phone, 'Mesa 2').click();
  await phone.getByRole('dialog', { name: 'Mesa 2' }).getByRole('button', { name: 'Abrir mesa' }).click();
  await expect(phone.getByRole('heading', { name: 'Mesa 2', level: 1 })).toBeVisible();
  await phone.getByRole('button', { name: new RegExp(`^${DISH.replace('/', '\\/')}`) }).click();
  await phone.getByRole('button', { name: 'Enviar a cocina' }).click();
  await expect(syncPill(phone)).toHaveAccessibleName(/^Sin conexión · \d+ pendientes?/);
  await expect(kitchen.getByRole('article', { name: 'Mesa 2', exact: true })).toHaveCount(0);

  // The signal is back: the phone sends it all and the pill goes (any of its states).
  await phoneContext.setOffline(false);
  await expect(syncState(phone)).toHaveCount(0, { timeout: 30_000 });
  await expect
    .poll(async () => {
      const floor = await get<FloorSnapshot>(owner.request, `/api/tenant/branches/${branch.id}/floor`);
      return floor.orders.map((order) => ({
        tableIds: order.tableIds,
        items: order.items.map((item) => [item.name, item.quantity]),
      }));
    })
    .toEqual([{ tableIds: [mesa2.id], items: [[DISH, 1]] }]);

  // The kitchen got it live; restarted with no network it opens on that ticket and says it is
  // not connected; back online it is live again.
  const ticket = kitchen.getByRole('article', { name: 'Mesa 2', exact: true });
  await expect(ticket).toHaveCount(1);
  await expect(ticket).toContainText(DISH);
  await workerInControl(kitchen);
  // …and on the screen's copy, which is what it opens with.
  await expect
    .poll(async () => JSON.stringify((await keptOnDevice(kitchen)).snapshots ?? []))
    .toContain(DISH);
  await expect.poll(() => countsOnDevice(kitchen)).toMatchObject({ identity: 1 });
  await kitchenContext.setOffline(true);
  await kitchen.reload();
  await expect(ticket).toHaveCount(1);
  await expect(ticket).toContainText(DISH);
  // (The feed first tries the server: "Conectando…" for a few seconds, then this.)
  await expect(
    kitchen.getByRole('status').filter({ hasText: 'Sin conexión — los pedidos nuevos' }),
  ).toBeVisible({ timeout: 15_000 });
  await kitchenContext.setOffline(false);
  await expect(kitchen.getByRole('status').filter({ hasText: /En vivo|Actualizado/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(ticket).toHaveCount(1);

  await Promise.all([phoneContext.close(), kitchenContext.close()]);
});

test('the copy only stands in while the server cannot be asked: a phone unpaired meanwhile is told so once back online, and opens offline no more', async ({
  page,
  browser,
}, testInfo) => {
  test.slow();
  const owner = page;
  const { branch } = await setUpBusinessThroughApi(owner, 'Pollería Desvinculada');
  await createStaffThroughApi(owner.request, { ...WAITER, role: 'waiter', branchId: branch.id });
  const phoneCode = await pairingCodeThroughApi(owner.request, {
    branchId: branch.id,
    kind: 'shared_phone',
    name: 'Celular perdido',
  });
  const phoneContext = await deviceContext(browser, testInfo, 'phone');
  const phone = await phoneContext.newPage();
  await pair(phone, phoneCode.code);
  await signInWaiter(phone);
  await expect(tableTile(phone, 'Mesa 1')).toBeVisible();
  await workerInControl(phone);
  await expect.poll(() => countsOnDevice(phone)).toMatchObject({ identity: 1 });

  await phoneContext.setOffline(true);
  await phone.reload();
  await expect(tableTile(phone, 'Mesa 1')).toBeVisible();

  // The owner unpairs it while it is offline: nothing reaches it yet.
  await revokeDeviceThroughApi(owner.request, 'Celular perdido');
  await phoneContext.setOffline(false);
  // Back online, the server's word, whichever request hears it first: the table map goes, for
  // the notice that the phone was unpaired.
  await expect(phone.getByRole('heading', { name: 'Este dispositivo fue desvinculado' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(tableTile(phone, 'Mesa 1')).toHaveCount(0);
  await expect.poll(() => countsOnDevice(phone)).toMatchObject({ identity: 0 });

  // Restarted offline again: nothing to open as, so the plain "Sin conexión" page.
  await phoneContext.setOffline(true);
  await phone.goto('/app/mesas');
  await expect(phone.getByRole('heading', { name: 'Sin conexión' })).toBeVisible();
  await expect(tableTile(phone, 'Mesa 1')).toHaveCount(0);

  await phoneContext.close();
});
