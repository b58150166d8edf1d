import { expect, test, type Page } from '@playwright/test';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
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
  WAITER,
} from '../fixtures/service.ts';

/** An owner's service screens show one branch at a time; the "Local" select changes it. */
async function pickBranch(page: Page, name: string): Promise<void> {
  const select = page.getByLabel('Local', { exact: true });
  await expect(select.getByRole('option')).toHaveText(['Local Miraflores', name]);
  await expect(select).toHaveValue(/.+/);
  await select.selectOption({ label: name });
}

/** Marks the page's window: the mark is gone if the page ever reloads. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { smartketNoReload: true }));
}

async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => 'smartketNoReload' in window), 'the page was reloaded').toBe(true);
}

test('a table through one service: the waiter sends it from the phone, the kitchen and the owner see it at once, the kitchen says ready, the waiter serves it', async ({
  browser,
}, testInfo) => {
  // Three devices, a signup and a whole table's service: more than the default 30 s under load.
  test.slow();
  const screens = await openServiceScreens(browser, testInfo);
  const { owner, waiter, kitchen } = screens;
  const seed = await seedService(owner, 'Pollería La Brasa Viva', { otherBranch: 'Local Miraflores' });

  await Promise.all([
    pairWaiterPhone(waiter, seed.phoneCode),
    pairKitchenScreen(kitchen, seed.kitchenCode),
    owner.goto('/app/tablero'),
  ]);

  // The owner's board, on the tablet: two branches, Miraflores first by name; the owner picks the
  // one where the service is. Nothing open there yet.
  await expect(owner.getByRole('heading', { name: 'En vivo', level: 1 })).toBeVisible();
  await pickBranch(owner, seed.branch.name);
  const figures = owner.getByRole('region', { name: 'Cifras de hoy' });
  const inKitchen = owner.getByRole('region', { name: /^En cocina/ });
  const openOrders = owner.getByRole('region', { name: /^Mesas y pedidos abiertos/ });
  await expect(inKitchen).toContainText('La cocina no tiene pedidos pendientes.');
  await expect(openOrders).toContainText('No hay mesas ni pedidos abiertos ahora.');
  await expect(figures).toContainText(/Mesas ocupadas\s*0\s*de 6 mesas/);
  await markNoReload(owner);
  await expect(kitchen.getByRole('status').filter({ hasText: 'En vivo' })).toBeVisible();
  await markNoReload(kitchen);

  // The waiter opens Mesa 4 for three.
  const mesa4 = tableTile(waiter, 'Mesa 4');
  await expect(mesa4).toHaveAccessibleDescription(/Libre/);
  await expectNoSidewaysScroll(waiter);
  await mesa4.click();
  const opening = waiter.getByRole('dialog', { name: 'Mesa 4' });
  await opening.getByRole('button', { name: 'Una persona más' }).click();
  await expect(opening.getByLabel('Personas')).toHaveValue('3');
  await opening.getByRole('button', { name: 'Abrir mesa' }).click();
  await expect(waiter).toHaveURL(/\/app\/mesas\/pedido\/[0-9a-f-]+$/);
  await expect(waiter.getByRole('heading', { name: 'Mesa 4', level: 1 })).toBeVisible();

  // A quarter chicken with its "presa" from the options sheet, a Mostrito with a note.
  await addQuarterChicken(waiter, 'Pierna');
  await addPlain(waiter);
  await waiter.getByRole('tab', { name: 'Pedido (2)' }).click();
  const draft = waiter.getByRole('region', { name: 'Por enviar' });
  await expect(draft).toContainText('Pierna');
  await draft.getByRole('button', { name: new RegExp(`^Nota.*${MENU.plain.name}`) }).click();
  const noteDialog = waiter.getByRole('dialog', { name: `Nota: ${MENU.plain.name}` });
  await noteDialog.getByLabel('Nota para cocina').fill('sin ensalada');
  await noteDialog.getByRole('button', { name: 'Guardar nota' }).click();
  await expect(draft).toContainText('“sin ensalada”');
  await expectNoSidewaysScroll(waiter);
  await waiter.getByRole('button', { name: 'Enviar a cocina' }).click();

  // The phone shows the round as the server took it.
  const sent = waiter.getByRole('region', { name: 'Pedido', exact: true });
  await expect(sent.getByRole('heading', { name: /^Ronda 1/ })).toBeVisible();
  await expect(sent.getByRole('listitem').filter({ hasText: MENU.withOptions.name })).toContainText(
    'Pendiente',
  );

  // The kitchen screen gets the ticket without a reload: the presa and the note on it.
  const ticket = kitchenTickets(kitchen, 'Mesa 4');
  await expect(ticket).toHaveCount(1);
  await expect(ticket).toContainText('Ronda 1');
  await expect(ticket).toContainText(WAITER.name);
  const quarterOnTicket = ticket.getByRole('button', { name: new RegExp(MENU.withOptions.name) });
  await expect(quarterOnTicket).toContainText('Pierna');
  await expect(ticket.getByRole('button', { name: new RegExp(MENU.plain.name) })).toContainText(
    'Nota: sin ensalada',
  );

  // So does the owner's board: the ticket in the kitchen's queue, the table open, the figures.
  await expect(inKitchen.getByRole('listitem').filter({ hasText: 'Mesa 4' })).toContainText(
    `Ronda 1 · ${WAITER.name} · 2 platos`,
  );
  const boardOrder = openOrders.getByRole('listitem').filter({ hasText: 'Mesa 4' });
  await expect(boardOrder).toContainText(`Mozo: ${WAITER.name}`);
  await expect(boardOrder).toContainText('2 en cocina');
  await expect(figures).toContainText(/Mesas ocupadas\s*1\s*de 6 mesas/);
  await expect(figures).toContainText(/Pedidos de hoy\s*1/);
  // 1/4 with Pierna (S/ 19.90) and a Mostrito (S/ 15.90).
  await expect(figures).toContainText(/Vendido hoy\s*S\/\s?35\.80/);

  // The cook starts the chicken, then says the whole ticket is ready: it leaves the screen.
  await quarterOnTicket.click();
  await expect(quarterOnTicket).toContainText('En prep.');
  await ticket.getByRole('button', { name: 'Listo', exact: true }).click();
  await expect(ticket).toHaveCount(0);
  await expect(kitchen.getByRole('heading', { name: 'Sin pedidos por ahora' })).toBeVisible();

  // The waiter's phone rings with it and marks both dishes ready.
  await expect(waiter.getByRole('alert').filter({ hasText: 'Mesa 4: 2 platos listos' })).toBeVisible();
  const quarterSent = sent.getByRole('listitem').filter({ hasText: MENU.withOptions.name });
  const plainSent = sent.getByRole('listitem').filter({ hasText: MENU.plain.name });
  await expect(quarterSent).toContainText('Listo');
  await expect(plainSent).toContainText('Listo');
  await expect(boardOrder).toContainText('2 por servir');
  await expect(inKitchen).toContainText('La cocina no tiene pedidos pendientes.');

  // Served one by one.
  await quarterSent.getByRole('button', { name: 'Servido' }).click();
  await expect(quarterSent.getByRole('button', { name: 'Servido' })).toHaveCount(0);
  await expect(quarterSent).toContainText('Servido');
  await plainSent.getByRole('button', { name: 'Servido' }).click();
  await expect(sent.getByRole('button', { name: 'Servido' })).toHaveCount(0);
  await expect(plainSent).toContainText('Servido');
  await expect(boardOrder).not.toContainText('por servir');
  await expect(figures).toContainText('promedio de 1 pedido listo');

  // Back on the map Mesa 4 is taken, by this waiter; the owner sees it taken on their own map.
  await waiter.getByRole('link', { name: 'Mesas' }).first().click();
  await expect(mesa4).toHaveAccessibleDescription(/Ocupada.*3 personas.*Tú/);
  const ownerMap = await owner.context().newPage();
  await ownerMap.goto('/app/mesas');
  await pickBranch(ownerMap, seed.branch.name);
  await expect(tableTile(ownerMap, 'Mesa 4')).toHaveAccessibleDescription(
    new RegExp(`Ocupada.*${WAITER.name}`),
  );
  await expect(tableTile(ownerMap, 'Mesa 3')).toHaveAccessibleDescription(/Libre/);

  // The bill asked for on the phone: the owner's map and board follow.
  await mesa4.click();
  await waiter.getByRole('button', { name: 'Pedir cuenta' }).click();
  await expect(waiter.getByRole('heading', { name: 'Mesa 4', level: 1 })).toBeVisible();
  await expect(tableTile(ownerMap, 'Mesa 4')).toHaveAccessibleDescription(/Cuenta pedida/);
  await expect(boardOrder).toContainText('Cuenta pedida');

  await expectNotReloaded(owner);
  await expectNotReloaded(kitchen);
  await screens.close();
});
