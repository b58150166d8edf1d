import { expect, test, type Page } from '@playwright/test';
import { formatPen } from '@smartket/shared';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import {
  companyCustomerThroughApi,
  sellWithRucThroughApi,
  tableOrderedThroughApi,
} from '../fixtures/sales.ts';
import { MENU, seedService } from '../fixtures/service.ts';

/** The customer who wanted a factura, not the boleta they were handed. */
const COMPANY = 'Constructora Los Andes S.A.C.';

/** `3180` → `31.80`: an amount as the cashier types it in a money box. */
function typed(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Charges the bill on screen with one tender, exactly: the button says the amount. */
async function chargeWith(page: Page, method: 'Efectivo' | 'Tarjeta', cents: number): Promise<void> {
  const pay = page.getByRole('region', { name: 'Pago', exact: true });
  await pay.getByRole('button', { name: method, exact: true }).click();
  await expect(pay).toContainText('Pago completo');
  await page.getByRole('button', { name: `Cobrar ${formatPen(cents)}` }).click();
}

test('the day’s sales: a boleta charged, found in Ventas del día, voided "Anular y volver a cobrar" and charged again as a factura F001-00000001; the list keeps the voided one, marked, beside the new one', async ({
  page,
}) => {
  // A signup, a register opened, two charges and a void: more than the default 30 s under load.
  test.slow();
  const seed = await seedService(page, 'Pollería El Canje');
  await sellWithRucThroughApi(page.request);
  const ruc = await companyCustomerThroughApi(page.request, COMPANY);
  const orderId = await tableOrderedThroughApi(page.request, seed.branch.id, 1, 2);
  const totalCents = 2 * MENU.plain.priceCents;

  // The owner opens the till and charges Mesa 1 in cash on a boleta (the default).
  await page.goto('/app/caja');
  await page.getByLabel('Fondo inicial (sencillo)').fill(typed(10_000));
  await page.getByRole('button', { name: 'Abrir caja' }).click();
  await page
    .getByRole('region', { name: /^Por cobrar/ })
    .getByRole('link', { name: /^Cobrar Mesa 1/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Mesa 1', level: 1 })).toBeVisible();
  await chargeWith(page, 'Efectivo', totalCents);
  await expect(page.getByRole('article', { name: 'Comprobante B001-00000001' })).toContainText(
    'BOLETA DE VENTA',
  );

  // Ventas del día, from the till: the boleta is there.
  await page.getByRole('link', { name: 'Nueva venta' }).click();
  await page.getByRole('link', { name: 'Ventas del día' }).click();
  await expect(page.getByRole('heading', { name: 'Ventas del día', level: 1 })).toBeVisible();
  const list = page.getByRole('list', { name: 'Ventas, la última primero' });
  const sales = list.getByRole('listitem');
  await expect(sales).toHaveCount(1);
  await expect(page.getByRole('heading', { name: `1 venta · ${formatPen(totalCents)}` })).toBeVisible();
  await expect(sales.first()).toContainText('B001-00000001');
  await expect(sales.first()).toContainText('Mesa 1');
  await expect(sales.first()).toContainText('Efectivo');
  await expectNoSidewaysScroll(page);

  // The customer wanted a factura: open the boleta and void it, to charge it again.
  await sales
    .first()
    .getByRole('link', { name: /B001-00000001/ })
    .click();
  await expect(page.getByRole('article', { name: 'Comprobante B001-00000001' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Volver a ventas del día' })).toBeVisible();
  await page.getByRole('button', { name: 'Anular venta' }).click();
  const dialog = page.getByRole('dialog', { name: 'Anular B001-00000001' });
  await dialog.getByRole('button', { name: 'Comprobante equivocado' }).click();
  await expect(dialog.getByRole('switch', { name: 'Volver a cobrar esta cuenta' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await dialog.getByRole('button', { name: 'Anular y volver a cobrar' }).click();

  // The bill again, closed but owing what the boleta paid: "Cobrar de nuevo".
  await expect(page).toHaveURL(new RegExp(`/app/caja/cobrar/${orderId}$`));
  await expect(page.getByRole('heading', { name: 'Cobrar de nuevo · Mesa 1', level: 1 })).toBeVisible();
  await expect(page.getByText(`faltan ${formatPen(totalCents)}`)).toBeVisible();
  await expectNoSidewaysScroll(page);

  // Ventas del día meanwhile: the boleta marked voided, with its reason and the way back to charge it.
  await page.getByRole('link', { name: 'Volver a caja' }).click();
  await page.getByRole('link', { name: 'Ventas del día' }).click();
  await expect(sales).toHaveCount(1);
  await expect(sales.first()).toContainText('Anulada');
  await expect(sales.first()).toContainText('Motivo: Comprobante equivocado');
  await expect(page.getByRole('heading', { name: `0 ventas · ${formatPen(0)}` })).toBeVisible();
  await expect(page.getByText('1 anulada')).toBeVisible();
  await sales
    .first()
    .getByRole('link', { name: `Cobrar de nuevo ${formatPen(totalCents)}` })
    .click();
  await expect(page.getByRole('heading', { name: 'Cobrar de nuevo · Mesa 1', level: 1 })).toBeVisible();

  // A factura to the company, by card.
  await page.getByRole('button', { name: 'Factura', exact: true }).click();
  await page.getByLabel('Buscar por DNI, RUC, teléfono o nombre').fill(ruc);
  await page.getByRole('button', { name: `Elegir a ${COMPANY}` }).click();
  await chargeWith(page, 'Tarjeta', totalCents);
  const factura = page.getByRole('article', { name: 'Comprobante F001-00000001' });
  await expect(factura).toContainText('FACTURA');
  await expect(factura).toContainText(COMPANY);
  await expect(factura).toContainText('Pedido: Mesa 1');

  // The day: the factura on top, the voided boleta below it, marked, with nothing left to charge.
  await page.goto('/app/caja/ventas');
  await expect(sales).toHaveCount(2);
  await expect(sales.nth(0)).toContainText('F001-00000001');
  await expect(sales.nth(0)).toContainText('Tarjeta');
  await expect(sales.nth(0)).toContainText(COMPANY);
  await expect(sales.nth(0)).not.toContainText('Anulada');
  await expect(sales.nth(1)).toContainText('B001-00000001');
  await expect(sales.nth(1)).toContainText('Anulada');
  await expect(list.getByRole('link', { name: /^Cobrar de nuevo/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: `1 venta · ${formatPen(totalCents)}` })).toBeVisible();
  await expect(page.getByText('1 anulada')).toBeVisible();
  await expectNoSidewaysScroll(page);

  // An earlier day had no sales; "Hoy" comes back to today's.
  await page.getByRole('button', { name: 'Día anterior' }).click();
  await expect(page.getByRole('heading', { name: 'No hubo ventas ese día' })).toBeVisible();
  await page.getByRole('button', { name: 'Hoy', exact: true }).click();
  await expect(sales).toHaveCount(2);
});
