import { expect, test } from '@playwright/test';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import { completeSetupThroughApi, signUpThroughApi } from '../fixtures/owner.ts';

test('an owner manages a branch: registers in opening order, renamed tables keep their number, every change confirmed @tablet', async ({
  page,
}) => {
  await page.goto('/');
  await signUpThroughApi(page, 'Pollería Las Mesas');
  // The wizard's branch: "Local principal", Mesa 1..6 in "Salón", "Caja principal".
  await completeSetupThroughApi(page.request);

  await page.goto('/app/locales');
  await page.getByRole('link', { name: 'Mesas y cajas de Local principal' }).click();
  await expect(page.getByRole('heading', { name: 'Local principal', level: 1 })).toBeVisible();
  const dialog = page.getByRole('dialog');

  // A second register goes after the wizard's one, and says it was added.
  const addRegister = page.getByRole('button', { name: 'Agregar caja' });
  await addRegister.click();
  await expect(dialog.getByRole('textbox', { name: 'Nombre de la caja' })).toHaveValue('Caja 2');
  await dialog.getByRole('button', { name: 'Agregar caja' }).click();
  await expect(page.getByText('Agregamos Caja 2.')).toBeVisible();
  await expect(addRegister).toBeFocused();
  const registers = page.getByRole('region', { name: 'Cajas' }).getByRole('listitem');
  await expect(registers).toHaveText([/^Caja principal/, /^Caja 2/]);

  // Four tables at once: the button says so on one line, and so does the confirmation.
  const addTables = page.getByRole('button', { name: 'Agregar mesas' });
  await addTables.click();
  for (let more = 0; more < 3; more++) {
    await dialog.getByRole('button', { name: 'Una mesa más' }).click();
  }
  const submit = dialog.getByRole('button', { name: 'Agregar 4 mesas' });
  const box = await submit.boundingBox();
  expect(box?.height ?? 0, 'one line of label').toBeLessThan(60);
  await submit.click();
  await expect(page.getByText('Agregamos 4 mesas.')).toBeVisible();
  await expect(addTables).toBeFocused();
  await expect(page.getByRole('button', { name: /^Mesa 10 ·/ })).toBeVisible();

  // A renamed table keeps its number on its tile.
  await page.getByRole('button', { name: /^Mesa 10 ·/ }).click();
  await dialog.getByRole('textbox', { name: /^Nombre/ }).fill('Mesa de la ventana');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  const renamed = page.getByRole('button', { name: /^10 · Mesa de la ventana/ });
  await expect(renamed).toBeFocused();
  await expect(page.getByText('Guardamos 10 · Mesa de la ventana.')).toBeVisible();

  // Deactivating a table takes its tile away: the focus lands on the section, the count is worded.
  await page.getByRole('button', { name: /^Mesa 9 ·/ }).click();
  await dialog.getByRole('button', { name: 'Desactivar mesa' }).click();
  await dialog.getByRole('button', { name: 'Sí, desactivar' }).click();
  await expect(page.getByText('1 mesa desactivada')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Salones y mesas' })).toBeFocused();

  // Each station's box is named by the station, inside one group.
  const stations = page.getByRole('group', { name: 'Estaciones que tiene este local' });
  await expect(stations.getByRole('checkbox', { name: 'Brasa', exact: true })).toBeChecked();

  // The only active branch cannot be deactivated from the UI: the team would have nowhere to serve.
  const edit = page.getByRole('button', { name: 'Editar datos' });
  await edit.click();
  await expect(dialog).toContainText('Es tu único local activo');
  await expect(dialog.getByRole('button', { name: 'Desactivar local' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(edit).toBeFocused();

  await page.reload();
  await expect(registers).toHaveText([/^Caja principal/, /^Caja 2/]);
  await expect(page.getByRole('button', { name: /^10 · Mesa de la ventana/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
});
