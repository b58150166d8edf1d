import { expect, test, type Page } from '@playwright/test';
import {
  addPlain,
  addQuarterChicken,
  kitchenTickets,
  MENU,
  openServiceScreens,
  pairKitchenScreen,
  pairWaiterPhone,
  seedService,
  tableTile,
} from '../fixtures/service.ts';

/**
 * Waits until the service worker controls `page`: from then on the app's code (every route's
 * chunk) comes from its cache, so moving between screens works with the network off.
 */
async function workerInControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
  });
}

test('a waiter takes a table with two rounds while the phone is offline; back online the kitchen gets each round once', async ({
  browser,
}, testInfo) => {
  test.slow();
  const screens = await openServiceScreens(browser, testInfo);
  const { owner, waiter, kitchen, waiterContext } = screens;
  const seed = await seedService(owner, 'Pollería Sin Señal');
  await Promise.all([
    pairWaiterPhone(waiter, seed.phoneCode),
    pairKitchenScreen(kitchen, seed.kitchenCode),
    owner.goto('/app/tablero'),
  ]);
  const inKitchen = owner.getByRole('region', { name: /^En cocina/ });
  await expect(inKitchen).toContainText('La cocina no tiene pedidos pendientes.');

  // The map has loaded the branch, its tables and the carta; then the signal goes.
  const mesa2 = tableTile(waiter, 'Mesa 2');
  await expect(mesa2).toHaveAccessibleDescription(/Libre/);
  await workerInControl(waiter);
  await waiterContext.setOffline(true);
  const pill = waiter.getByRole('button', { name: /^Sin conexión/ });
  await expect(pill).toBeVisible();

  // Round 1: the table opened and a quarter chicken sent, all kept on the phone.
  await mesa2.click();
  await waiter.getByRole('dialog', { name: 'Mesa 2' }).getByRole('button', { name: 'Abrir mesa' }).click();
  await expect(waiter.getByRole('heading', { name: 'Mesa 2', level: 1 })).toBeVisible();
  await addQuarterChicken(waiter, 'Pecho');
  await waiter.getByRole('button', { name: 'Enviar a cocina' }).click();
  const waiting = waiter.getByRole('region', { name: 'Por enviar a cocina' });
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('Se envía solo al volver la conexión');
  await expect(waiting).toContainText(MENU.withOptions.name);
  await expect(pill).toHaveAccessibleName(/^Sin conexión · 2 pendientes/);

  // The map says the table is taken but not sent yet.
  await waiter.getByRole('link', { name: 'Mesas' }).first().click();
  await expect(mesa2).toHaveAccessibleDescription(/Por enviar/);

  // Round 2 on the same table: a Mostrito.
  await mesa2.click();
  await expect(waiter.getByRole('heading', { name: 'Mesa 2', level: 1 })).toBeVisible();
  await waiter.getByRole('tab', { name: 'Carta' }).click();
  await addPlain(waiter);
  await waiter.getByRole('button', { name: 'Enviar a cocina' }).click();
  await expect(waiting).toHaveCount(2);
  await expect(waiting.nth(1)).toContainText(MENU.plain.name);
  await expect(pill).toHaveAccessibleName(/^Sin conexión · 3 pendientes/);
  // Nothing could reach the kitchen.
  await expect(kitchenTickets(kitchen, 'Mesa 2')).toHaveCount(0);

  // The signal is back: the phone sends everything in order and the pill goes away.
  await waiterContext.setOffline(false);
  await expect(pill).toHaveCount(0, { timeout: 20_000 });
  await expect(waiting).toHaveCount(0);
  const sent = waiter.getByRole('region', { name: 'Pedido', exact: true });
  await expect(sent.getByRole('heading', { name: /^Ronda \d/ })).toHaveCount(2);
  await expect(sent.getByRole('listitem')).toHaveCount(2);
  await expect(waiter.getByRole('heading', { name: 'Mesa 2', level: 1 })).toBeVisible();

  // The kitchen shows each round once: two tickets for Mesa 2, rounds 1 and 2.
  const tickets = kitchenTickets(kitchen, 'Mesa 2');
  await expect(tickets).toHaveCount(2);
  await expect(tickets.nth(0)).toContainText('Ronda 1');
  await expect(tickets.nth(0)).toContainText('Pecho');
  await expect(tickets.nth(1)).toContainText('Ronda 2');
  await expect(tickets.nth(1)).toContainText(MENU.plain.name);
  await expect(inKitchen.getByRole('listitem').filter({ hasText: 'Mesa 2' })).toHaveCount(2);
  // The point here is that nothing more arrives: a late duplicate would land within this.
  await kitchen.waitForTimeout(2000);
  await expect(tickets).toHaveCount(2);
  // And the server has them once too: a fresh kitchen screen reads the same two.
  await kitchen.reload();
  await expect(kitchen.getByRole('status').filter({ hasText: 'En vivo' })).toBeVisible();
  await expect(tickets).toHaveCount(2);
  await expect(inKitchen.getByRole('listitem').filter({ hasText: 'Mesa 2' })).toHaveCount(2);

  await screens.close();
});
