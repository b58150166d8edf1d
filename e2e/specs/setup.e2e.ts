import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import {
  completeSetupThroughApi,
  SIGNUP_TIMEOUT_MS,
  signUpThroughApi,
  tenantsPlan,
  uniqueEmail,
} from '../fixtures/owner.ts';

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
  await page.getByLabel('Tu nombre').fill('Pepa Quispe');
  await page.getByLabel('Correo electrónico').fill(uniqueEmail());
  await page.getByLabel('Contraseña', { exact: true }).fill('pollo-a-la-brasa-2026');
  await page.getByLabel('Nombre de tu negocio').fill('Pollería La Leña');
  await page.getByRole('button', { name: 'Crear mi cuenta' }).click();

  // Step 1: the RUC names what is wrong with it before anything is saved.
  // Signup hashes a password and clones a database: give a loaded CI machine time.
  await expect(page).toHaveURL(/\/app\/configuracion/, { timeout: SIGNUP_TIMEOUT_MS });
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

  // Step 2: the first branch and its tables; the step's title takes the focus.
  await expect(page.getByText('Paso 2 de 4')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tu local' })).toBeFocused();
  await expect(page.getByLabel('Nombre del local')).toHaveValue('Local principal');
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
  await expect(page.getByText('Fila 2 · Categoría: «Pollos a la brasa» no está en tu carta.')).toBeVisible();
  await expect(page.getByText('Faltan las categorías: Pollos a la brasa y Bebidas.')).toBeVisible();
  await page.getByRole('button', { name: 'Crear las categorías que faltan e importar' }).click();
  await expect(page.getByText('Importamos 3 productos nuevos.')).toBeVisible();
  await expect(page.getByText('Chicha morada (jarra)')).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The sample fills in the rest of the menu, and leaves the two dishes the owner already has alone.
  await page.getByRole('button', { name: 'Cargar carta de ejemplo de pollería' }).click();
  await expect(
    page.getByText('Agregamos 25 productos de ejemplo. 2 ya los tenías y no los tocamos.'),
  ).toBeVisible();
  // The import's result stepped aside for the newer one.
  await expect(page.getByText('Importamos 3 productos nuevos.')).toBeHidden();

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

test('an owner edits the carta on a phone: a new category with the product, undo a deactivation, options', async ({
  page,
}) => {
  await page.goto('/');
  await signUpThroughApi(page, 'Pollería La Carta');
  // Set up elsewhere, through the API: its category has no kitchen station.
  await completeSetupThroughApi(page.request);

  await page.goto('/app/menu');
  await expect(page.getByRole('heading', { name: 'Tu carta', level: 1 })).toBeVisible();
  await expect(page.getByText('Sin estación: no sale en ninguna pantalla de cocina')).toBeVisible();

  // A product brings its new category along; the category goes to the first station.
  await page.getByRole('button', { name: 'Nuevo producto' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo producto' });
  await dialog.getByLabel('Nombre', { exact: true }).fill('Chicha morada');
  await dialog.getByLabel('Precio', { exact: true }).fill('6');
  await dialog.getByLabel('Categoría', { exact: true }).selectOption({ label: '+ Nueva categoría…' });
  await dialog.getByLabel('Nombre de la nueva categoría').fill('Bebidas');
  await expect(dialog.getByLabel('Estación de cocina')).toContainText('La de su categoría (Brasa)');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Guardamos Chicha morada.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Editar Chicha morada' })).toBeFocused();
  const drinks = page.getByRole('region', { name: 'Bebidas' });
  await expect(drinks).toContainText('Se prepara en Brasa');

  // The same name again says what is wrong; Cancelar gives the focus back.
  await page.getByRole('button', { name: 'Nuevo producto' }).click();
  await dialog.getByLabel('Nombre', { exact: true }).fill('chicha morada');
  await dialog.getByLabel('Precio', { exact: true }).fill('6');
  await dialog.getByLabel('Categoría', { exact: true }).selectOption({ label: 'Bebidas' });
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog.getByText('Ya tienes un producto con ese nombre.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Nuevo producto' })).toBeFocused();

  // Deactivating says so and can be undone from the toast.
  await page.getByRole('button', { name: 'Editar Chicha morada' }).click();
  const edit = page.getByRole('dialog', { name: 'Editar producto' });
  await edit.getByRole('switch', { name: 'Activo', exact: true }).click();
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Desactivamos Chicha morada.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Editar Chicha morada' })).toBeHidden();
  await page.getByRole('button', { name: 'Deshacer' }).click();
  await expect(page.getByText('Volvimos a activar Chicha morada.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Editar Chicha morada' })).toBeVisible();

  // Options live in their own tab; a row left empty is not an error.
  await page.getByRole('tab', { name: 'Opciones' }).click();
  await page.getByRole('button', { name: 'Nuevo grupo de opciones' }).click();
  const group = page.getByRole('dialog', { name: 'Nuevo grupo de opciones' });
  await group.getByLabel('Nombre del grupo').fill('Cremas');
  await group.getByLabel('Nombre de la opción 1').fill('Mayonesa');
  await group.getByLabel('Nombre de la opción 2').fill('Ají');
  await group.getByLabel('Precio extra de Ají').fill('0.50');
  await group.getByRole('button', { name: 'Agregar otra opción' }).click();
  await expect(group.getByLabel('Nombre de la opción 3')).toBeFocused();
  await group.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Guardamos el grupo Cremas.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Editar Cremas/ })).toContainText('Mayonesa, Ají');
  await expectNoSidewaysScroll(page);
});

test('an owner whose trial ended sees the lock screen, and a plan unlocks it @tablet', async ({ page }) => {
  await page.goto('/');
  const slug = await signUpThroughApi(page, 'Pollería Fin de Prueba');
  await tenantsPlan(slug, 'trial', '--days', '0');

  await page.goto('/app');
  await expect(page.getByRole('heading', { name: 'Tu prueba gratis terminó' })).toBeVisible();
  await expect(page.getByText('No se borró nada')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ver planes' })).toBeVisible();
  await expectNoSidewaysScroll(page);

  await tenantsPlan(slug, 'pro');
  await page.getByRole('button', { name: 'Actualizar' }).click();
  await expect(page.getByRole('heading', { name: 'Tu prueba gratis terminó' })).toBeHidden();
  await expect(page).toHaveURL(/\/app\/configuracion/);
});

test('an owner browsing after the trial sees the carta read-only: every change is off and says why', async ({
  page,
}) => {
  await page.goto('/');
  const slug = await signUpThroughApi(page, 'Pollería Solo Lectura');
  await completeSetupThroughApi(page.request);
  await tenantsPlan(slug, 'trial', '--days', '0');

  await page.goto('/app');
  await page.getByRole('button', { name: 'Ver mis datos (solo lectura)' }).click();
  await page.getByRole('link', { name: 'Carta', exact: true }).click();
  await expect(page).toHaveURL(/\/app\/menu/);
  await expect(page.getByRole('button', { name: 'Nuevo producto' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Nueva categoría' })).toBeDisabled();

  // A product still opens, to look at it, but cannot be saved.
  await page.getByRole('button', { name: 'Editar 1/4 de pollo a la brasa' }).click();
  const dialog = page.getByRole('dialog', { name: 'Editar producto' });
  await expect(dialog.getByRole('button', { name: 'Guardar' })).toBeDisabled();
  await expect(
    dialog.getByText('Solo lectura: tu prueba gratis terminó. Elige un plan para hacer cambios.'),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancelar' }).click();

  await page.getByRole('tab', { name: 'Excel' }).click();
  await expect(page.locator('input[type=file]')).toBeDisabled();
});
