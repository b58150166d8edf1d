import { expect, test, type Locator, type Page } from '@playwright/test';
import { equalParts, formatPen, igvBreakdown } from '@smartket/shared';
import {
  cartaPrices,
  CASHIER,
  pairCashDesk,
  salesToday,
  seedCheckout,
  watchCharges,
} from '../fixtures/checkout.ts';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import {
  addPlain,
  addQuarterChicken,
  pairWaiterPhone,
  tableTile,
  tabletContext,
  WAITER,
} from '../fixtures/service.ts';
import { deviceContext } from '../fixtures/team.ts';

/** Marks the page's window: the mark is gone if the page ever reloads. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { smartketNoReload: true }));
}

async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => 'smartketNoReload' in window), 'the page was reloaded').toBe(true);
}

/** `13570` → `135.70`: an amount as the cashier types it in a money box. */
function typed(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A line of the 80 mm paper: its label, then its amount ("Op. gravada … S/ 21.91"). */
function paperRow(label: string, cents: number): RegExp {
  return new RegExp(`${escape(label)}\\s*${escape(formatPen(cents))}(?![\\d,])`);
}

/** Checks a receipt's tenders: each payment line, what cash was handed over, the change. */
async function expectTenders(
  paper: Locator,
  tenders: { method: string; cents: number; receivedCents?: number }[],
  changeCents: number,
): Promise<void> {
  for (const tender of tenders) {
    const line = paper.getByRole('listitem').filter({ hasText: tender.method });
    await expect(line).toContainText(paperRow(tender.method, tender.cents));
    if (tender.receivedCents !== undefined) {
      await expect(line).toContainText(paperRow('Recibido', tender.receivedCents));
    }
  }
  await expect(paper).toContainText(paperRow('Vuelto', changeCents));
}

test('a table charged at the till: the waiter sends it, the cashier splits it in two (cash, then cash + Yape), boletas B001-1 and -2, the table frees on the phone, the till closes S/ 1.00 short', async ({
  browser,
}, testInfo) => {
  // A signup, three devices, a service and a close of day: more than the default 30 s under load.
  test.slow();
  const ownerContext = await tabletContext(browser, testInfo);
  const waiterContext = await deviceContext(browser, testInfo, 'phone');
  const deskContext = await tabletContext(browser, testInfo);
  const owner = await ownerContext.newPage();
  const waiter = await waiterContext.newPage();
  const desk = await deskContext.newPage();

  const seed = await seedCheckout(owner, 'Pollería La Caja Cuadrada');
  await Promise.all([pairWaiterPhone(waiter, seed.phoneCode), pairCashDesk(desk, seed.deskCode)]);

  // What the table orders and what each of the two parts pays, from the carta's prices and the
  // shared money rules — the same ones the server and the screens use.
  const prices = await cartaPrices(owner.request);
  const totalCents = prices.quarter('Pierna') + 2 * prices.plain;
  const [part1, part2] = equalParts(totalCents, 2) as [number, number];
  const igv1 = igvBreakdown(part1);
  const igv2 = igvBreakdown(part2);
  const floatCents = 10_000;
  // Part 1: cash, the customer hands over S/ 50.00.
  const received1 = 5_000;
  const change1 = received1 - part1;
  // Part 2: S/ 15.00 by Yape, the rest in cash out of a S/ 20.00 bill.
  const yape2 = 1_500;
  const cash2 = part2 - yape2;
  const received2 = 2_000;
  const change2 = received2 - cash2;
  const cashSales = part1 + cash2;
  const expectedCents = floatCents + cashSales;
  const countedCents = expectedCents - 100;
  expect(change1, 'part 1 is paid with more than it costs').toBeGreaterThan(0);
  expect(change2, 'part 2 cash is paid with more than it costs').toBeGreaterThan(0);

  // 1. The cashier opens the register with S/ 100.00 of change.
  await expect(desk.getByRole('heading', { name: 'Abrir Caja principal' })).toBeVisible();
  await desk.getByLabel('Fondo inicial (sencillo)').fill(typed(floatCents));
  await desk.getByRole('button', { name: 'Abrir caja' }).click();
  await expect(desk.getByRole('heading', { name: 'Caja principal abierta', level: 1 })).toBeVisible();
  await expect(desk.getByText(`Abierta por ${CASHIER.name}`, { exact: false })).toBeVisible();
  const till = desk.getByRole('region', { name: 'Caja en vivo' });
  await expect(till).toContainText(paperRow('Efectivo esperado en caja', floatCents));
  const toCharge = desk.getByRole('region', { name: /^Por cobrar/ });
  await expect(toCharge).toContainText('No hay cuentas por cobrar');
  await markNoReload(desk);
  await markNoReload(waiter);

  // 2. The waiter opens Mesa 4, orders a quarter chicken (Pierna) and two Mostritos, sends them.
  const mesa4 = tableTile(waiter, 'Mesa 4');
  await expect(mesa4).toHaveAccessibleDescription(/Libre/);
  await mesa4.click();
  await waiter.getByRole('dialog', { name: 'Mesa 4' }).getByRole('button', { name: 'Abrir mesa' }).click();
  await expect(waiter.getByRole('heading', { name: 'Mesa 4', level: 1 })).toBeVisible();
  await addQuarterChicken(waiter, 'Pierna');
  await addPlain(waiter);
  await addPlain(waiter);
  await waiter.getByRole('tab', { name: 'Pedido (3)' }).click();
  await waiter.getByRole('button', { name: 'Enviar a cocina' }).click();
  const sent = waiter.getByRole('region', { name: 'Pedido', exact: true });
  await expect(sent.getByRole('heading', { name: /^Ronda 1/ })).toBeVisible();
  await waiter.getByRole('link', { name: 'Mesas' }).first().click();
  await expect(mesa4).toHaveAccessibleDescription(/Ocupada/);

  // 3. The till lists the table to charge with its total, without a reload.
  const bill = toCharge.getByRole('link', { name: /^Cobrar Mesa 4/ });
  await expect(bill).toContainText(formatPen(totalCents));
  await expect(bill).toContainText(`Mozo: ${WAITER.name}`);
  await expectNotReloaded(desk);
  await bill.click();
  await expect(desk.getByRole('heading', { name: 'Mesa 4', level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(desk);
  const charges = watchCharges(desk);

  // Two equal parts.
  await desk
    .getByRole('group', { name: 'Forma de dividir la cuenta' })
    .getByRole('button', { name: 'Partes iguales' })
    .click();
  const split = desk.getByRole('region', { name: '¿Cómo pagan?' });
  const parts = split.getByRole('listitem');
  await expect(parts).toHaveCount(2);
  await expect(parts.nth(0)).toContainText('Se cobra ahora');
  await expect(parts.nth(0)).toContainText(formatPen(part1));
  await expect(parts.nth(1)).toContainText(formatPen(part2));

  // Part 1 in cash: S/ 50.00 handed over, the change on screen.
  const pay = desk.getByRole('region', { name: 'Pago', exact: true });
  await pay.getByRole('button', { name: 'Efectivo', exact: true }).click();
  await expect(pay.getByLabel('Monto en Efectivo')).toHaveValue(typed(part1));
  await pay.getByLabel('Recibido', { exact: true }).fill(typed(received1));
  await expect(pay).toContainText(`Pago completo · Vuelto ${formatPen(change1)}`);
  await expect(desk.getByRole('button', { name: 'Boleta', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // A nervous double tap on "Cobrar": one charge.
  await desk.getByRole('button', { name: `Cobrar ${formatPen(part1)}` }).dblclick();
  await expect(desk.getByRole('status').filter({ hasText: 'cobrado' })).toContainText(
    `B001-00000001 cobrado: ${formatPen(part1)}.`,
  );
  expect(charges.length, 'Cobrar sent the charge').toBeGreaterThan(0);
  expect(new Set(charges).size, 'every copy of the charge carries the same sale id').toBe(1);

  // Its receipt, for the first payer.
  await desk.getByRole('link', { name: 'Ver e imprimir' }).click();
  const receipt1 = desk.getByRole('article', { name: 'Comprobante B001-00000001' });
  await expect(receipt1).toContainText('BOLETA DE VENTA');
  await expect(receipt1).toContainText('Boleta simple — sin RUC');
  await expect(receipt1).toContainText('Pedido: Mesa 4 · Parte 1 de 2');
  await expect(receipt1).toContainText('Por consumo (parte 1 de 2)');
  await expect(receipt1).toContainText(paperRow('Op. gravada', igv1.taxableCents));
  await expect(receipt1).toContainText(paperRow('IGV 18 %', igv1.igvCents));
  await expect(receipt1).toContainText(paperRow('TOTAL', part1));
  await expectTenders(receipt1, [{ method: 'Efectivo', cents: part1, receivedCents: received1 }], change1);
  await expect(receipt1).toContainText(`Atendido por ${CASHIER.name}`);
  await expectNoSidewaysScroll(desk);

  // Back to the bill: the split is fixed, part 1 paid, part 2 next.
  await desk.getByRole('link', { name: 'Seguir cobrando esta cuenta' }).click();
  await expect(desk.getByRole('heading', { name: 'Mesa 4', level: 1 })).toBeVisible();
  await expect(split).toContainText('Dividida en 2 partes');
  await expect(parts.nth(0)).toContainText('Pagada');
  await expect(parts.nth(1)).toContainText('Se cobra ahora');

  // Part 2: Yape and cash on one part.
  await pay.getByRole('button', { name: 'Yape', exact: true }).click();
  await pay.getByRole('button', { name: 'Efectivo', exact: true }).click();
  await pay.getByLabel('Monto en Yape').fill(typed(yape2));
  await expect(pay.getByLabel('Monto en Efectivo')).toHaveValue(typed(cash2));
  await pay.getByLabel('Recibido', { exact: true }).fill(typed(received2));
  await expect(pay).toContainText(`Pago completo · Vuelto ${formatPen(change2)}`);
  await desk.getByRole('button', { name: `Cobrar ${formatPen(part2)}` }).click();

  // 4. The last part goes straight to its receipt: the next number of the series.
  await expect(desk).toHaveURL(/\/app\/caja\/recibo\/[0-9a-f-]+$/);
  const receipt2 = desk.getByRole('article', { name: 'Comprobante B001-00000002' });
  await expect(receipt2).toContainText('BOLETA DE VENTA');
  await expect(receipt2).toContainText('Pedido: Mesa 4 · Parte 2 de 2');
  await expect(receipt2).toContainText('Por consumo (parte 2 de 2)');
  await expect(receipt2).toContainText(paperRow('Op. gravada', igv2.taxableCents));
  await expect(receipt2).toContainText(paperRow('IGV 18 %', igv2.igvCents));
  await expect(receipt2).toContainText(paperRow('TOTAL', part2));
  await expectTenders(
    receipt2,
    [
      { method: 'Yape', cents: yape2 },
      { method: 'Efectivo', cents: cash2, receivedCents: received2 },
    ],
    change2,
  );

  // 5. The waiter's phone frees the table by itself.
  await expect(mesa4).toHaveAccessibleDescription(/Libre/);
  await expectNotReloaded(waiter);

  // 6. Back at the till: nothing left to charge, the drawer should hold the float and the cash.
  await desk.getByRole('link', { name: 'Nueva venta' }).click();
  await expect(toCharge).toContainText('No hay cuentas por cobrar');
  await expect(till).toContainText(paperRow('Efectivo esperado en caja', expectedCents));
  await expectNotReloaded(desk);

  // The cashier counts a sol less than expected.
  await till.getByRole('button', { name: 'Cerrar caja' }).click();
  const closing = desk.getByRole('dialog', { name: 'Cerrar Caja principal' });
  await closing.getByLabel('Efectivo contado').fill(typed(countedCents));
  await closing.getByRole('button', { name: 'Cerrar caja' }).click();
  await expect(desk).toHaveURL(/\/app\/caja\/cierre\/[0-9a-f-]+$/);
  await expect(desk.getByRole('status').filter({ hasText: 'Falta' })).toHaveText('Falta S/ 1.00');

  // The Z report: two sales, by method, the drawer's arithmetic.
  const report = desk.getByRole('article', { name: 'Cierre de caja' });
  await expect(report).toContainText('CIERRE DE CAJA (Z)');
  await expect(report).toContainText(/N\.º de ventas\s*2(?!\d)/);
  await expect(report).toContainText(paperRow('Total vendido', totalCents));
  await expect(report).toContainText(paperRow('Op. gravada', igv1.taxableCents + igv2.taxableCents));
  await expect(report).toContainText(paperRow('IGV 18 %', igv1.igvCents + igv2.igvCents));
  await expect(report).toContainText(paperRow('Efectivo (2)', cashSales));
  await expect(report).toContainText(paperRow('Yape (1)', yape2));
  await expect(report).toContainText(paperRow('Fondo inicial', floatCents));
  await expect(report).toContainText(paperRow('+ Ventas en efectivo', cashSales));
  await expect(report).toContainText(paperRow('Esperado', expectedCents));
  await expect(report).toContainText(paperRow('Contado', countedCents));
  await expect(report).toContainText(paperRow('Diferencia', countedCents - expectedCents));
  await expect(report).toContainText('FALTA S/ 1.00');
  await expectNotReloaded(desk);

  // Nothing was charged twice: the day holds the two parts, numbered one after the other.
  const sales = await salesToday(owner.request, seed.branch.id);
  expect(
    sales
      .map((sale) => ({ receipt: sale.receipt, status: sale.status, totalCents: sale.totalCents }))
      .sort((a, b) => a.receipt.localeCompare(b.receipt)),
  ).toEqual([
    { receipt: 'B001-00000001', status: 'completed', totalCents: part1 },
    { receipt: 'B001-00000002', status: 'completed', totalCents: part2 },
  ]);
  // Each sale is the one its "Cobrar" sent: the double tap's copies were one and the same.
  expect(new Set(sales.map((sale) => sale.id))).toEqual(new Set(charges));

  await Promise.all([ownerContext.close(), waiterContext.close(), deskContext.close()]);
});
