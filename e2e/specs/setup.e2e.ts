import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import { signUpThroughApi, tenantsPlan, uniqueEmail } from '../fixtures/owner.ts';

/** The owner's own menu, as they would fill in the downloaded template. */
async function menuSpreadsheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Menú');
  sheet.addRow(['Categoría', 'Producto', 'Precio', 'SKU', 'Descripción', 'Estación', 'Activo']);
  sheet.addRow([
    'Pollos a la brasa',
    '1/4 de pollo a la brasa',
    '19,90',
    'POL-14',
    'Con papas y ensalada',
    'Brasa',
    'sí',
  ]);
  sheet.addRow(['Pollos a la brasa', 'Pollo entero a la brasa', 64.5, 'POL-1', '', 'Brasa', 'sí']);
  sheet.addRow(['Bebidas', 'Chicha morada (jarra)', '12.50', '', 'Jarra de 1 litro', '', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a new owner sets up the restaurant: fiscal data, branch, register, menu from Excel and the sample @tablet', async ({
  page,
}) => {
  await page.goto('/registro');
  await page.getByLabel('Correo electrónico').fill(uniqueEmail());
  await page.getByLabel('Contraseña', { exact: true }).fill('pollo-a-la-brasa-2026');
  await page.getByLabel('Nombre de tu negocio').fill('Pollería La Leña');
  await page.getByRole('button', { name: 'Crear mi cuenta' }).click();

  // Step 1: the RUC names what is wrong with it before anything is saved.
  await expect(page).toHaveURL(/\/app\/configuracion/);
  await expect(page.getByText('Paso 1 de 4')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.getByText('Tengo RUC', { exact: true }).click();
  await page.getByRole('textbox', { name: 'RUC' }).fill('20131312956');
  await page.getByLabel('Razón social').fill('Pollería La Leña S.A.C.');
  await page.getByLabel('Dirección fiscal').fill('Av. Túpac Amaru 1450, Comas');
  await page.getByRole('button', { name: 'Guardar y continuar' }).click();
  await expect(page.getByText('el último dígito no cuadra')).toBeVisible();
  await page.getByRole('textbox', { name: 'RUC' }).fill('20131312955');
  await page.getByRole('button', { name: 'Guardar y continuar' }).click();

  // Step 2: the first branch and its tables.
  await expect(page.getByText('Paso 2 de 4')).toBeVisible();
  await page.getByLabel('Nombre del local').fill('Local Comas');
  await page.getByLabel(/^Dirección/).fill('Av. Túpac Amaru 1450');
  await page.getByLabel('Distrito').fill('Comas');
  await page.getByLabel('Número de mesas').fill('8');
  await expect(page.getByText('Crearemos de la Mesa 1 a la Mesa 8 en el Salón.')).toBeVisible();
  await page.getByRole('button', { name: 'Guardar y continuar' }).click();
  await expect(page.getByText('Paso 3 de 4')).toBeVisible();

  // A reload — or another device — continues where the owner left off.
  await page.reload();
  await expect(page.getByText('Paso 3 de 4')).toBeVisible();
  await expect(page.getByLabel('Nombre de la caja')).toHaveValue('Caja principal');
  await page.getByRole('button', { name: 'Guardar y continuar' }).click();

  // Step 4: upload the owner's own spreadsheet; its categories are new, so the owner chooses.
  await expect(page.getByText('Paso 4 de 4')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ir a mi negocio' })).toBeDisabled();
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'mi-carta.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await menuSpreadsheet(),
    });
  await expect(page.getByText(/Fila 2 · Categoría/)).toBeVisible();
  await page.getByRole('button', { name: 'Crear las categorías que faltan e importar' }).click();
  await expect(page.getByText('Importamos 3 productos nuevos.')).toBeVisible();
  await expect(page.getByText('Chicha morada (jarra)')).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The sample fills in the rest of the menu, and leaves the two dishes the owner already has alone.
  await page.getByRole('button', { name: 'Cargar menú de ejemplo de pollería' }).click();
  await expect(
    page.getByText('Agregamos 25 productos de ejemplo. 2 ya los tenías y no los tocamos.'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Ir a mi negocio' }).click();
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole('heading', { name: '¡Hola, Pollería La Leña!' })).toBeVisible();
  await expect(page.getByText('Te quedan 14 días de prueba')).toBeVisible();

  // The menu keeps the owner's own prices, with the sample's dishes around them.
  await page.getByRole('link', { name: 'Carta', exact: true }).click();
  await expect(page).toHaveURL(/\/app\/menu/);
  const quarter = page.getByRole('listitem').filter({ hasText: '1/4 de pollo a la brasa' });
  await expect(quarter).toContainText('S/ 19.90');
  const whole = page.getByRole('listitem').filter({ hasText: 'Pollo entero a la brasa' });
  await expect(whole).toContainText('S/ 64.50');
  await expect(page.getByRole('listitem').filter({ hasText: 'Mostrito' })).toContainText('S/ 22.90');
  await expectNoSidewaysScroll(page);
});

test('an owner whose trial ended sees the lock screen, and a plan unlocks it @tablet', async ({ page }) => {
  await page.goto('/');
  const slug = await signUpThroughApi(page, 'Pollería Fin de Prueba');
  await tenantsPlan(slug, 'trial', '--days', '0');

  await page.goto('/app');
  await expect(page.getByRole('heading', { name: 'Tu prueba gratis terminó' })).toBeVisible();
  await expect(page.getByText('No se borró nada')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Elegir un plan' })).toBeVisible();
  await expectNoSidewaysScroll(page);

  await tenantsPlan(slug, 'pro');
  await page.getByRole('button', { name: 'Actualizar' }).click();
  await expect(page.getByRole('heading', { name: 'Tu prueba gratis terminó' })).toBeHidden();
  await expect(page).toHaveURL(/\/app\/configuracion/);
});
