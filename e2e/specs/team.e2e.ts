import { expect, test, type Page } from '@playwright/test';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import { uniqueEmail } from '../fixtures/owner.ts';
import {
  createStaffThroughApi,
  deviceContext,
  setUpBusinessThroughApi,
  type Branch,
} from '../fixtures/team.ts';

/** A signed-in owner of a set-up business, on the team screen; answers its one branch. */
async function ownerOnTeam(page: Page, business: string): Promise<Branch> {
  const { branch } = await setUpBusinessThroughApi(page, business);
  await page.goto('/app/personal');
  await expect(page.getByRole('heading', { name: 'Tu equipo', level: 1 })).toBeVisible();
  return branch;
}

test('an owner adds a waiter with a PIN (a too-simple one refused first), deactivates and undoes it, and the tab survives a reload', async ({
  page,
}) => {
  await ownerOnTeam(page, 'Pollería El Mozo');
  const tabs = page.getByRole('tablist', { name: 'Secciones de tu equipo' });
  await expect(tabs.getByRole('tab')).toHaveText(['Personal', 'Dispositivos', 'Administradores']);
  await expect(tabs.getByRole('tab', { name: 'Personal' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Todavía no agregas a tu personal' })).toBeVisible();

  await page.getByRole('button', { name: 'Agregar persona' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nueva persona' });
  await dialog.getByLabel('Nombre', { exact: true }).fill('Rosa');
  const roles = dialog.getByRole('group', { name: 'Rol' });
  await expect(roles.getByRole('radio')).toHaveCount(3);
  await roles.getByRole('radio', { name: 'Mozo' }).check();
  // One branch: it is ticked already.
  await expect(
    dialog.getByRole('group', { name: 'Locales' }).getByRole('checkbox', { name: 'Local principal' }),
  ).toBeChecked();
  const pin = dialog.getByLabel('PIN', { exact: true });
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await expect(dialog.getByText('4 a 6 números. No lo mostraremos otra vez.')).toBeVisible();

  // 1234 is the first PIN anyone tries: refused, said under the field, the dialog stays open.
  await pin.fill('1234');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog.getByText('Ese PIN es muy fácil de adivinar. Evita 1234 o 1111.')).toBeVisible();
  await expect(pin).toBeFocused();
  await expect(pin).toHaveAttribute('aria-invalid', 'true');

  // The owner can check what they typed before saving.
  await pin.fill('2580');
  await dialog.getByRole('button', { name: 'Mostrar PIN' }).click();
  await expect(dialog.getByRole('textbox', { name: 'PIN', exact: true })).toHaveValue('2580');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Agregamos a Rosa. Ya puede ingresar con su PIN.')).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Rosa' }) });
  await expect(card).toContainText('Mozo · Local principal');
  await expect(card).toContainText('Todavía no ingresa');
  await expectNoSidewaysScroll(page);

  // Deactivating asks first, then offers to undo.
  await page.getByRole('button', { name: 'Editar a Rosa' }).click();
  const edit = page.getByRole('dialog', { name: 'Editar a Rosa' });
  await edit.getByRole('button', { name: 'Desactivar persona' }).click();
  await expect(edit).toContainText('Rosa ya no podrá ingresar');
  await edit.getByRole('button', { name: 'Sí, desactivar' }).click();
  await expect(page.getByText('Desactivamos a Rosa.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rosa' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Deshacer' }).click();
  await expect(page.getByText('Reactivamos a Rosa.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rosa' })).toBeVisible();

  // The server's refusals land on their field too: a second Rosa would be confused with the first.
  await page.getByRole('button', { name: 'Agregar persona' }).click();
  const second = page.getByRole('dialog', { name: 'Nueva persona' });
  await second.getByLabel('Nombre', { exact: true }).fill('rosa');
  await second.getByRole('radio', { name: 'Cocina' }).check();
  await second.getByLabel('PIN', { exact: true }).fill('3690');
  await second.getByRole('button', { name: 'Guardar' }).click();
  await expect(second.getByText('Ya existe otro con este nombre.')).toBeVisible();
  await expect(second.getByLabel('Nombre', { exact: true })).toBeFocused();
  await second.getByRole('button', { name: 'Cancelar' }).click();

  // The tab is in the address: a reload opens the same one.
  await tabs.getByRole('tab', { name: 'Dispositivos' }).click();
  await expect(page).toHaveURL(/\/app\/personal\?tab=dispositivos$/);
  await page.reload();
  await expect(tabs.getByRole('tab', { name: 'Dispositivos' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'Vincular dispositivo' }).first()).toBeVisible();
});

test('an owner creates a pairing code, sees it big with its QR and countdown, and the dialog says so when the phone uses it', async ({
  page,
  browser,
}, testInfo) => {
  const branch = await ownerOnTeam(page, 'Pollería El Código');
  await page.getByRole('tab', { name: 'Dispositivos' }).click();
  await expect(page.getByRole('heading', { name: 'Todavía no vinculas ningún equipo' })).toBeVisible();

  await page.getByRole('button', { name: 'Vincular dispositivo' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Vincular dispositivo' });
  await dialog.getByLabel('Nombre del dispositivo').fill('Celular mozos 1');
  // One branch: it is chosen already.
  await expect(dialog.getByLabel('Local', { exact: true })).toHaveValue(branch.id);
  const kinds = dialog.getByRole('group', { name: 'Tipo' });
  await expect(kinds.getByRole('radio')).toHaveCount(3);
  await kinds.getByRole('radio', { name: 'Celular compartido' }).check();
  await dialog.getByRole('button', { name: 'Crear código' }).click();

  const code = dialog.getByLabel('Código de vinculación');
  await expect(code).toHaveText(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  await expect(dialog.getByRole('img', { name: 'Código QR para vincular Celular mozos 1' })).toBeVisible();
  await expect(dialog.getByRole('timer')).toHaveText(/^Vence en (10:00|9:[0-5]\d)$/);
  await expect(dialog).toContainText('/emparejar');
  await expectNoSidewaysScroll(page);

  // The phone types the code; the owner's dialog notices without a reload.
  const phoneContext = await deviceContext(browser, testInfo, 'phone');
  const phone = await phoneContext.newPage();
  await phone.goto('/emparejar');
  await phone.getByLabel('Código').fill((await code.textContent()) ?? '');
  await phone.getByRole('button', { name: 'Vincular' }).click();
  await expect(phone).toHaveURL(/\/app\/pin$/);
  await expect(dialog.getByText('¡Listo! Celular mozos 1 quedó vinculado.')).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Listo' }).click();
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Celular mozos 1' }) });
  await expect(card).toContainText('Celular compartido · Local principal');
  await expect(card).toContainText('Nadie ingresó');

  // Unpairing explains what happens before doing it.
  await card.getByRole('button', { name: 'Desvincular Celular mozos 1' }).click();
  const confirm = page.getByRole('dialog', { name: '¿Desvincular Celular mozos 1?' });
  await expect(confirm).toContainText('Se cerrará la sesión en ese equipo al instante');
  await confirm.getByRole('button', { name: 'Sí, desvincular' }).click();
  await expect(page.getByText('Desvinculamos Celular mozos 1. Ya no puede entrar.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Celular mozos 1' })).toHaveCount(0);
  await page.getByRole('switch', { name: 'Mostrar desvinculados' }).click();
  await expect(card).toContainText('Desvinculado el');
  await phoneContext.close();
});

test('an owner invites an admin and gets the link once, to copy or send by WhatsApp', async ({ page }) => {
  await ownerOnTeam(page, 'Pollería La Invitación');
  await page.getByRole('tab', { name: 'Administradores' }).click();
  const members = page.getByRole('region', { name: 'Con acceso' });
  await expect(members).toContainText('Dueño');
  await expect(members).toContainText('Tú');
  // Nobody removes their own access from here.
  await expect(members.getByRole('button', { name: /^Quitar el acceso/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Invitar' }).click();
  const dialog = page.getByRole('dialog');
  const email = uniqueEmail().replace('dueno.', 'encargado.');
  await dialog.getByLabel('Correo electrónico').fill(email);
  await expect(dialog.getByRole('radio', { name: 'Administrador' })).toBeChecked();
  await expect(dialog.getByText('Maneja carta, locales, personal y dispositivos.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Enviar invitación' }).click();

  await expect(dialog).toHaveAccessibleName('Invitación enviada');
  await expect(dialog).toContainText(`Le enviamos un correo a ${email}`);
  const link = dialog.getByLabel('Enlace de la invitación');
  await expect(link).toHaveValue(/\/invitacion\/[\w-]+$/);
  const whatsapp = dialog.getByRole('link', { name: /Enviar por WhatsApp/ });
  const href = (await whatsapp.getAttribute('href')) ?? '';
  expect(href.startsWith('https://wa.me/?text=')).toBe(true);
  expect(decodeURIComponent(href.slice('https://wa.me/?text='.length))).toContain(await link.inputValue());
  await expect(dialog.getByRole('button', { name: 'Copiar enlace' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Listo' }).click();

  // The invitation waits in the list, and can be voided.
  const invitations = page.getByRole('region', { name: 'Invitaciones' });
  await expect(invitations).toContainText(email);
  await expect(invitations).toContainText('Pendiente');
  await invitations.getByRole('button', { name: `Anular la invitación de ${email}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sí, anular' }).click();
  await expect(invitations).toContainText('Anulada');
  await expectNoSidewaysScroll(page);
});

test('an owner reads the activity: who added whom, grouped under today, filtered by kind @tablet', async ({
  page,
}) => {
  const branch = await ownerOnTeam(page, 'Pollería La Bitácora');
  await createStaffThroughApi(page.request, {
    name: 'Carmen',
    role: 'cashier',
    pin: '4826',
    branchId: branch.id,
  });

  await page
    .getByRole('navigation', { name: 'Secciones de tu negocio' })
    .getByRole('link', { name: 'Actividad' })
    .click();
  await expect(page.getByRole('heading', { name: 'Actividad', level: 1 })).toBeVisible();
  const today = page.getByRole('region', { name: 'Hoy' });
  await expect(today.getByText('Agregó a Carmen como cajero', { exact: true })).toBeVisible();

  // Only the people changes, kept in the address; no price changed yet.
  const chips = page.getByRole('group', { name: 'Filtrar la actividad' });
  await chips.getByRole('button', { name: 'Personal' }).click();
  await expect(chips.getByRole('button', { name: 'Personal' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/\?grupo=personal$/);
  await expect(today.getByText('Agregó a Carmen como cajero', { exact: true })).toBeVisible();
  await chips.getByRole('button', { name: 'Precios' }).click();
  await expect(page.getByRole('heading', { name: 'No hay actividad con estos filtros' })).toBeVisible();
  await page.getByRole('button', { name: 'Quitar filtros' }).first().click();
  await expect(today.getByText('Agregó a Carmen como cajero', { exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
});
