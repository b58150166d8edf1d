import { expect, test, type Locator, type Page } from '@playwright/test';
import { equalPartAmount, formatPen, igvBreakdown, priceOrder, type IgvBreakdown } from '@smartket/shared';
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

type Three<T> = [T, T, T];

/** A payment line on a receipt, whatever its method. */
const PAID_BY = /^(Efectivo|Tarjeta|Yape|Plin|Transferencia)/;

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

/**
 * A line of the 80 mm paper: its label, then its amount ("Op. gravada … S/ 21.91"); `sign` for
 * an amount taken off ("Descuentos … −S/ 36.80").
 */
function paperRow(label: string, cents: number, sign: '' | '−' = ''): RegExp {
  return new RegExp(`${escape(label)}\\s*${sign}${escape(formatPen(cents))}(?![\\d,])`);
}

/** The amount on a paper's `label` row, in céntimos: what the customer reads, to add up. */
async function paperAmount(paper: Locator, label: string): Promise<number> {
  const text = await paper.innerText();
  const match = new RegExp(`^${escape(label)}\\s*S/\\s*([\\d,]+)\\.(\\d{2})$`, 'm').exec(text);
  if (!match) {
    throw new Error(`no ${label} on the paper:\n${text}`);
  }
  return Number(match[1]!.replaceAll(',', '')) * 100 + Number(match[2]);
}

/** Checks a receipt's tenders: each payment line, what cash was handed over, the change (none: no line). */
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
  if (changeCents > 0) {
    await expect(paper).toContainText(paperRow('Vuelto', changeCents));
  } else {
    await expect(paper).not.toContainText('Vuelto');
  }
}

/**
 * On the waiter's phone, from the table map: opens `table`, orders what `order` adds (`count`
 * dishes), sends the round to the kitchen and goes back to the map, where the table is taken.
 */
async function sendTable(waiter: Page, table: string, count: number, order: () => Promise<void>) {
  const tile = tableTile(waiter, table);
  await expect(tile).toHaveAccessibleDescription(/Libre/);
  await tile.click();
  await waiter.getByRole('dialog', { name: table }).getByRole('button', { name: 'Abrir mesa' }).click();
  await expect(waiter.getByRole('heading', { name: table, level: 1 })).toBeVisible();
  await order();
  await waiter.getByRole('tab', { name: `Pedido (${count})` }).click();
  await waiter.getByRole('button', { name: 'Enviar a cocina' }).click();
  const sent = waiter.getByRole('region', { name: 'Pedido', exact: true });
  await expect(sent.getByRole('heading', { name: /^Ronda 1/ })).toBeVisible();
  await waiter.getByRole('link', { name: 'Mesas' }).first().click();
  await expect(tile).toHaveAccessibleDescription(/Ocupada/);
}

test('the till: Mesa 4 split in three equal parts, the last with the céntimo (cash, Yape + cash, card: B001-1 to -3), Mesa 2 on the house closed at S/ 0.00 (B001-4), both freed on the phone, the close S/ 1.00 short with the cortesía in the Z', async ({
  browser,
}, testInfo) => {
  // A signup, three devices, two tables charged and a close of day: more than the default 30 s under load.
  test.slow();
  const ownerContext = await tabletContext(browser, testInfo);
  const waiterContext = await deviceContext(browser, testInfo, 'phone');
  const deskContext = await tabletContext(browser, testInfo);
  const owner = await ownerContext.newPage();
  const waiter = await waiterContext.newPage();
  const desk = await deskContext.newPage();

  const seed = await seedCheckout(owner, 'Pollería La Caja Cuadrada');
  await Promise.all([pairWaiterPhone(waiter, seed.phoneCode), pairCashDesk(desk, seed.deskCode)]);

  // What Mesa 4 orders and what each of its three parts pays, from the carta's prices and the
  // shared money rules — the same ones the server and the screens use.
  const prices = await cartaPrices(owner.request);
  const totalCents = prices.quarter('Pierna') + 2 * prices.plain;
  const partCount = 3;
  const [part1, part2, part3] = [0, 1, 2].map((index) =>
    equalPartAmount(totalCents, partCount, index),
  ) as Three<number>;
  expect(totalCents % partCount, 'the bill does not split evenly: céntimos are left over').not.toBe(0);
  const [igv1, igv2, igv3] = [part1, part2, part3].map((part) => igvBreakdown(part)) as Three<IgvBreakdown>;
  const floatCents = 10_000;
  // Part 1: cash, the customer hands over S/ 20.00.
  const received1 = 2_000;
  const change1 = received1 - part1;
  // Part 2: S/ 15.00 by Yape, the rest in cash out of a S/ 10.00 bill.
  const yape2 = 1_500;
  const cash2 = part2 - yape2;
  const received2 = 1_000;
  const change2 = received2 - cash2;
  // Part 3: by card, with the céntimos the other parts left.
  const cashSales = part1 + cash2;
  const expectedCents = floatCents + cashSales;
  const countedCents = expectedCents - 100;
  expect(change1, 'part 1 is paid with more than it costs').toBeGreaterThan(0);
  expect(cash2, 'part 2 is partly cash').toBeGreaterThan(0);
  expect(change2, 'part 2 cash is paid with more than it costs').toBeGreaterThan(0);

  // Mesa 2, on the house: the whole order 100 % off, priced by the shared rule.
  const onTheHouse = priceOrder(
    [
      { id: 'quarter', quantity: 1, unitPriceCents: prices.quarter('Pecho'), status: 'sent' },
      { id: 'plain', quantity: 1, unitPriceCents: prices.plain, status: 'sent' },
    ],
    [{ itemId: null, kind: 'percent', value: 100 }],
  );
  expect(onTheHouse.totalCents, 'a 100 % discount leaves nothing to pay').toBe(0);
  const courtesyCents = onTheHouse.discountCents;

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
  await sendTable(waiter, 'Mesa 4', 3, async () => {
    await addQuarterChicken(waiter, 'Pierna');
    await addPlain(waiter);
    await addPlain(waiter);
  });
  const mesa4 = tableTile(waiter, 'Mesa 4');

  // 3. The till lists the table to charge with its total, without a reload.
  const bill = toCharge.getByRole('link', { name: /^Cobrar Mesa 4/ });
  await expect(bill).toContainText(formatPen(totalCents));
  await expect(bill).toContainText(`Mozo: ${WAITER.name}`);
  await expectNotReloaded(desk);
  await bill.click();
  await expect(desk.getByRole('heading', { name: 'Mesa 4', level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(desk);
  const charges = watchCharges(desk);

  // Three equal parts: the first two the total divided evenly, the last whatever is left.
  await desk
    .getByRole('group', { name: 'Forma de dividir la cuenta' })
    .getByRole('button', { name: 'Partes iguales' })
    .click();
  const split = desk.getByRole('region', { name: '¿Cómo pagan?' });
  const parts = split.getByRole('listitem');
  await expect(parts).toHaveCount(2);
  await split.getByRole('button', { name: 'Una parte más' }).click();
  await expect(parts).toHaveCount(partCount);
  await expect(split).toContainText('La última parte se lleva los céntimos.');
  await expect(parts.nth(0)).toContainText('Se cobra ahora');
  await expect(parts.nth(0)).toContainText(formatPen(part1));
  await expect(parts.nth(1)).toContainText(formatPen(part2));
  await expect(parts.nth(2)).toContainText(formatPen(part3));

  // Part 1 in cash: S/ 20.00 handed over, the change on screen.
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
  await expect(receipt1).toContainText('Pedido: Mesa 4 · Parte 1 de 3');
  await expect(receipt1).toContainText('Por consumo (parte 1 de 3)');
  await expect(receipt1).toContainText(paperRow('Op. gravada', igv1.taxableCents));
  await expect(receipt1).toContainText(paperRow('IGV 18 %', igv1.igvCents));
  await expect(receipt1).toContainText(paperRow('TOTAL', part1));
  await expectTenders(receipt1, [{ method: 'Efectivo', cents: part1, receivedCents: received1 }], change1);
  await expect(receipt1).toContainText(`Atendido por ${CASHIER.name}`);
  await expectNoSidewaysScroll(desk);
  const shown1 = await paperAmount(receipt1, 'TOTAL');

  // Back to the bill: the split is fixed, part 1 paid, part 2 next.
  await desk.getByRole('link', { name: 'Seguir cobrando esta cuenta' }).click();
  await expect(desk.getByRole('heading', { name: 'Mesa 4', level: 1 })).toBeVisible();
  await expect(split).toContainText(`Dividida en ${partCount} partes`);
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
  await expect(desk.getByRole('status').filter({ hasText: 'cobrado' })).toContainText(
    `B001-00000002 cobrado: ${formatPen(part2)}.`,
  );
  await expect(parts.nth(1)).toContainText('Pagada');
  await expect(parts.nth(2)).toContainText('Se cobra ahora');
  await desk.getByRole('link', { name: 'Ver e imprimir' }).click();
  const receipt2 = desk.getByRole('article', { name: 'Comprobante B001-00000002' });
  await expect(receipt2).toContainText('Pedido: Mesa 4 · Parte 2 de 3');
  await expect(receipt2).toContainText('Por consumo (parte 2 de 3)');
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
  const shown2 = await paperAmount(receipt2, 'TOTAL');

  // Part 3, the one with the céntimos the others left, by card.
  await desk.getByRole('link', { name: 'Seguir cobrando esta cuenta' }).click();
  await expect(parts.nth(2)).toContainText('Se cobra ahora');
  await pay.getByRole('button', { name: 'Tarjeta', exact: true }).click();
  await expect(pay.getByLabel('Monto en Tarjeta')).toHaveValue(typed(part3));
  await expect(pay).toContainText('Pago completo');
  await desk.getByRole('button', { name: `Cobrar ${formatPen(part3)}` }).click();

  // 4. The last part goes straight to its receipt: the next number of the series.
  await expect(desk).toHaveURL(/\/app\/caja\/recibo\/[0-9a-f-]+$/);
  const receipt3 = desk.getByRole('article', { name: 'Comprobante B001-00000003' });
  await expect(receipt3).toContainText('BOLETA DE VENTA');
  await expect(receipt3).toContainText('Pedido: Mesa 4 · Parte 3 de 3');
  await expect(receipt3).toContainText('Por consumo (parte 3 de 3)');
  await expect(receipt3).toContainText(paperRow('Op. gravada', igv3.taxableCents));
  await expect(receipt3).toContainText(paperRow('IGV 18 %', igv3.igvCents));
  await expect(receipt3).toContainText(paperRow('TOTAL', part3));
  await expectTenders(receipt3, [{ method: 'Tarjeta', cents: part3 }], 0);
  await expect(receipt3.getByRole('listitem').filter({ hasText: PAID_BY })).toHaveCount(1);
  // The three papers handed to the table add up to its bill, to the céntimo.
  expect(shown1 + shown2 + (await paperAmount(receipt3, 'TOTAL')), 'the receipts add up to the bill').toBe(
    totalCents,
  );

  // 5. The waiter's phone frees the table by itself.
  await expect(mesa4).toHaveAccessibleDescription(/Libre/);
  await expectNotReloaded(waiter);

  // 6. Mesa 2 is on the house: the waiter sends it like any other table.
  await desk.getByRole('link', { name: 'Nueva venta' }).click();
  await expect(toCharge).toContainText('No hay cuentas por cobrar');
  await sendTable(waiter, 'Mesa 2', 2, async () => {
    await addQuarterChicken(waiter, 'Pecho');
    await addPlain(waiter);
  });
  const mesa2 = tableTile(waiter, 'Mesa 2');
  const courtesyBill = toCharge.getByRole('link', { name: /^Cobrar Mesa 2/ });
  await expect(courtesyBill).toContainText(formatPen(onTheHouse.subtotalCents));
  await courtesyBill.click();
  await expect(desk.getByRole('heading', { name: 'Mesa 2', level: 1 })).toBeVisible();

  // The cashier takes 100 % off the whole bill, with the reason.
  const account = desk.getByRole('region', { name: 'Cuenta', exact: true });
  await account.getByRole('button', { name: 'Descuento a la cuenta', exact: true }).click();
  const discount = desk.getByRole('dialog', { name: 'Descuento a toda la cuenta' });
  await discount.getByLabel('Porcentaje (1 a 100)').fill('100');
  await expect(discount).toContainText(
    `Descuento: ${formatPen(courtesyCents)} · queda ${formatPen(onTheHouse.totalCents)}`,
  );
  await discount.getByRole('button', { name: 'Cortesía de la casa' }).click();
  await expect(discount.getByRole('textbox', { name: 'Motivo' })).toHaveValue('Cortesía de la casa');
  await discount.getByRole('button', { name: 'Aplicar descuento' }).click();
  await expect(discount).toHaveCount(0);
  await expect(account).toContainText('Descuento a la cuenta · 100 % · Cortesía de la casa');
  await expect(account).toContainText(paperRow('Subtotal', onTheHouse.subtotalCents));
  await expect(account).toContainText(paperRow('Descuentos', courtesyCents, '−'));
  await expect(account).toContainText(paperRow('Total', onTheHouse.totalCents));

  // Nothing to pay, so no tip and no tender to choose: the one button closes the bill.
  await expect(desk.getByRole('region', { name: 'Cortesía de la casa' })).toContainText('no se cobra nada');
  await expect(desk.getByRole('region', { name: /^Pago/ })).toHaveCount(0);
  const closeCourtesy = desk.getByRole('button', { name: 'Cerrar cortesía' });
  await expect(closeCourtesy).toBeEnabled();
  await closeCourtesy.click();

  // Its receipt: the next number, the discount on paper, nothing paid.
  await expect(desk).toHaveURL(/\/app\/caja\/recibo\/[0-9a-f-]+$/);
  const receipt4 = desk.getByRole('article', { name: 'Comprobante B001-00000004' });
  await expect(receipt4).toContainText('BOLETA DE VENTA');
  await expect(receipt4).toContainText('Pedido: Mesa 2');
  for (const line of onTheHouse.lines) {
    await expect(receipt4).toContainText(`Desc. −${formatPen(line.orderDiscountCents)}`);
  }
  await expect(receipt4).toContainText(paperRow('Subtotal', onTheHouse.subtotalCents));
  await expect(receipt4).toContainText(paperRow('Descuentos', courtesyCents, '−'));
  const igv4 = igvBreakdown(onTheHouse.totalCents);
  await expect(receipt4).toContainText(paperRow('Op. gravada', igv4.taxableCents));
  await expect(receipt4).toContainText(paperRow('IGV 18 %', igv4.igvCents));
  await expect(receipt4).toContainText(paperRow('TOTAL', onTheHouse.totalCents));
  await expect(receipt4.getByRole('listitem').filter({ hasText: PAID_BY })).toHaveCount(0);
  await expectTenders(receipt4, [], 0);
  await expect(receipt4).toContainText('Cortesía · sin pago');

  // The phone frees Mesa 2 by itself too.
  await expect(mesa2).toHaveAccessibleDescription(/Libre/);
  await expectNotReloaded(waiter);

  // 7. Back at the till: nothing left to charge, the drawer should hold the float and the cash.
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

  // The Z report: four receipts (the cortesía's among them, worth nothing), the discount, by
  // method, the drawer's arithmetic.
  const report = desk.getByRole('article', { name: 'Cierre de caja' });
  await expect(report).toContainText('CIERRE DE CAJA (Z)');
  await expect(report).toContainText(/N\.º de ventas\s*4(?!\d)/);
  await expect(report).toContainText(paperRow('Total vendido', totalCents));
  await expect(report).toContainText(
    paperRow('Op. gravada', igv1.taxableCents + igv2.taxableCents + igv3.taxableCents),
  );
  await expect(report).toContainText(paperRow('IGV 18 %', igv1.igvCents + igv2.igvCents + igv3.igvCents));
  await expect(report).toContainText(paperRow('Descuentos', courtesyCents));
  await expect(report).toContainText(paperRow('Efectivo (2)', cashSales));
  await expect(report).toContainText(paperRow('Yape (1)', yape2));
  await expect(report).toContainText(paperRow('Tarjeta (1)', part3));
  await expect(report).toContainText(paperRow('Fondo inicial', floatCents));
  await expect(report).toContainText(paperRow('+ Ventas en efectivo', cashSales));
  await expect(report).toContainText(paperRow('Esperado', expectedCents));
  await expect(report).toContainText(paperRow('Contado', countedCents));
  // A shortfall carries a true minus, as the paper's other lines do ("−S/ 1.00").
  await expect(report).toContainText(paperRow('Diferencia', expectedCents - countedCents, '−'));
  await expect(report).toContainText('FALTA S/ 1.00');
  await expectNotReloaded(desk);

  // Nothing was charged twice: the day holds the three parts and the cortesía, numbered one after
  // the other, and the parts add up to the bill.
  const sales = await salesToday(owner.request, seed.branch.id);
  expect(
    sales
      .map((sale) => ({
        receipt: sale.receipt,
        status: sale.status,
        totalCents: sale.totalCents,
        discountCents: sale.discountCents,
        payments: sale.payments.length,
      }))
      .sort((a, b) => a.receipt.localeCompare(b.receipt)),
  ).toEqual([
    { receipt: 'B001-00000001', status: 'completed', totalCents: part1, discountCents: 0, payments: 1 },
    { receipt: 'B001-00000002', status: 'completed', totalCents: part2, discountCents: 0, payments: 2 },
    { receipt: 'B001-00000003', status: 'completed', totalCents: part3, discountCents: 0, payments: 1 },
    {
      receipt: 'B001-00000004',
      status: 'completed',
      totalCents: onTheHouse.totalCents,
      discountCents: courtesyCents,
      payments: 0,
    },
  ]);
  // Each sale of Mesa 4 is the one its "Cobrar" sent: the double tap's copies were one and the same.
  const mesa4Sales = sales.filter((sale) => sale.orderLabel === 'Mesa 4');
  expect(mesa4Sales.reduce((sum, sale) => sum + sale.totalCents, 0)).toBe(totalCents);
  expect(new Set(sales.map((sale) => sale.id))).toEqual(new Set(charges));

  await Promise.all([ownerContext.close(), waiterContext.close(), deskContext.close()]);
});
