import { expect, test, type Page } from '@playwright/test';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import { SIGNUP_TIMEOUT_MS, signUpThroughApi, tenantsPlan, uniqueEmail } from '../fixtures/owner.ts';
import {
  createStaffThroughApi,
  deviceContext,
  invitationThroughApi,
  pairingCodeThroughApi,
  revokeDeviceThroughApi,
  setIdleLockThroughApi,
  setUpBusinessThroughApi,
  updateStaffThroughApi,
} from '../fixtures/team.ts';

const NAV = 'Secciones de tu negocio';

/** Pairs `page` with a code typed the way a person would: lower case, a space instead of the dash. */
async function pair(page: Page, code: string): Promise<void> {
  await page.goto('/emparejar');
  await expect(page.getByText('El dueño lo crea en Personal → Dispositivos.')).toBeVisible();
  await page.getByLabel('Código').fill(code.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: 'Vincular' }).click();
}

test('a waiter signs in with a PIN on a paired phone and sees only their screens; a kitchen screen stays signed in; a revoked phone knows at once', async ({
  page,
  browser,
}, testInfo) => {
  // Three devices and two signups' worth of work: more than the default 30 s on a loaded machine.
  test.slow();
  // The owner, on their own device, through the API.
  const { branch } = await setUpBusinessThroughApi(page, 'Pollería Los Mozos');
  await createStaffThroughApi(page.request, {
    name: 'Luis',
    role: 'waiter',
    pin: '2580',
    branchId: branch.id,
  });
  const phoneCode = await pairingCodeThroughApi(page.request, {
    branchId: branch.id,
    kind: 'shared_phone',
    name: 'Celular del salón',
  });

  // A waiter's phone: no account, just the code.
  const phoneContext = await deviceContext(browser, testInfo, 'phone');
  const phone = await phoneContext.newPage();
  await pair(phone, phoneCode.code);
  await expect(phone).toHaveURL(/\/app\/pin$/);
  await expect(phone.getByRole('heading', { name: 'Toca tu nombre' })).toBeVisible();
  await expectNoSidewaysScroll(phone);
  // Nobody is signed in: no navigation to anything else.
  await expect(phone.getByRole('navigation', { name: NAV })).toHaveCount(0);

  await phone.getByRole('button', { name: /Luis/ }).click();
  const pin = phone.getByLabel('PIN', { exact: true });
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await expect(pin).toHaveAttribute('autocomplete', 'off');
  await pin.fill('1397');
  await phone.getByRole('button', { name: 'Entrar' }).click();
  await expect(phone.getByText('PIN incorrecto. Te quedan 4 intentos.')).toBeVisible();
  await expect(pin).toHaveValue('');

  // The right PIN on the on-screen keypad.
  const keypad = phone.getByRole('group', { name: 'Teclado del PIN' });
  for (const digit of '2580') {
    await keypad.getByRole('button', { name: digit, exact: true }).click();
  }
  await phone.getByRole('button', { name: 'Entrar' }).click();

  await expect(phone).toHaveURL(/\/app\/mesas$/);
  await expect(phone.getByRole('heading', { name: 'Mesas', exact: true })).toBeVisible();
  await expect(phone.getByRole('listitem').filter({ hasText: 'Mesa 6' })).toBeVisible();
  await expect(phone.getByText('Luis', { exact: true })).toBeVisible();
  await expectNoSidewaysScroll(phone);

  // Only the waiter's screens: Mesas and a read-only Carta.
  const nav = phone.getByRole('navigation', { name: NAV });
  await expect(nav.getByRole('link')).toHaveText(['Mesas', 'Carta']);
  await nav.getByRole('link', { name: 'Carta' }).click();
  await expect(phone.getByRole('heading', { name: 'Carta', level: 1, exact: true })).toBeVisible();
  await expect(phone.getByText('1/4 de pollo a la brasa')).toBeVisible();
  await expect(phone.getByText('S/ 19.90')).toBeVisible();
  await expect(phone.getByRole('button', { name: /Agregar producto/ })).toHaveCount(0);
  await expect(phone.getByRole('button', { name: /Editar/ })).toHaveCount(0);
  await expect(phone.getByRole('tab', { name: 'Excel' })).toHaveCount(0);
  // What is switched off, and the owner's setup warnings, are not a waiter's business.
  await expect(phone.getByRole('switch', { name: /Mostrar inactivos/ })).toHaveCount(0);

  // A screen that is not theirs says so, with the way back.
  for (const path of ['/app/personal', '/app/locales', '/app/configuracion']) {
    await phone.goto(path);
    await expect(phone.getByRole('heading', { name: 'No tienes acceso a esta pantalla' })).toBeVisible();
  }
  await phone.getByRole('link', { name: 'Volver a Mesas' }).click();
  await expect(phone).toHaveURL(/\/app\/mesas$/);

  // Handing the phone over.
  await phone.getByRole('button', { name: 'Cambiar de usuario' }).click();
  await expect(phone).toHaveURL(/\/app\/pin$/);
  await expect(phone.getByRole('heading', { name: 'Toca tu nombre' })).toBeVisible();

  // A kitchen screen: paired from the QR's link, signed in on its own, across a reload.
  const kitchenCode = await pairingCodeThroughApi(page.request, {
    branchId: branch.id,
    kind: 'kitchen_screen',
    name: 'Pantalla de cocina',
  });
  const kitchenContext = await deviceContext(browser, testInfo, 'kitchen');
  const kitchen = await kitchenContext.newPage();
  await kitchen.goto(new URL(kitchenCode.pairUrl).pathname + new URL(kitchenCode.pairUrl).search);
  await expect(kitchen.getByLabel('Código')).toHaveValue(kitchenCode.code);
  await kitchen.getByRole('button', { name: 'Vincular' }).click();
  await expect(kitchen).toHaveURL(/\/app\/cocina$/);
  await expect(kitchen.getByRole('heading', { name: 'Sin pedidos por ahora' })).toBeVisible();
  await expect(kitchen.getByRole('status').filter({ hasText: 'En vivo' })).toBeVisible();
  await kitchen.reload();
  await expect(kitchen).toHaveURL(/\/app\/cocina$/);
  await expect(kitchen.getByRole('heading', { name: 'Sin pedidos por ahora' })).toBeVisible();
  // Its branch's stations, to pick the one this screen shows.
  await expect(
    kitchen
      .getByRole('group', { name: 'Estación que muestra esta pantalla' })
      .getByRole('button', { name: 'Brasa', exact: true }),
  ).toBeVisible();

  // The owner unpairs the phone: it says so without a reload.
  await revokeDeviceThroughApi(page.request, 'Celular del salón');
  await expect(phone.getByRole('heading', { name: 'Este dispositivo fue desvinculado' })).toBeVisible();
  await phone.getByRole('link', { name: 'Vincular otra vez' }).click();
  await expect(phone).toHaveURL(/\/emparejar/);
  // The kitchen screen is not affected.
  await kitchen.reload();
  await expect(kitchen.getByRole('heading', { name: 'Sin pedidos por ahora' })).toBeVisible();

  await phoneContext.close();
  await kitchenContext.close();
});

test('a wrong or used pairing code is said under the box; five wrong PINs lock a person out with a countdown', async ({
  page,
  browser,
}, testInfo) => {
  const { branch } = await setUpBusinessThroughApi(page, 'Pollería Candado');
  await createStaffThroughApi(page.request, {
    name: 'Rosa',
    role: 'cashier',
    pin: '4826',
    branchId: branch.id,
  });
  const { code } = await pairingCodeThroughApi(page.request, {
    branchId: branch.id,
    kind: 'cash_desk',
    name: 'Caja',
  });

  const deskContext = await deviceContext(browser, testInfo, 'phone');
  const desk = await deskContext.newPage();
  await pair(desk, 'ABCD-EFGH');
  const field = desk.getByLabel('Código');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(desk.getByText('Ese código no existe.', { exact: false })).toBeVisible();

  await pair(desk, code);
  await expect(desk).toHaveURL(/\/app\/pin$/);

  // The same code on another device: already used.
  const otherContext = await deviceContext(browser, testInfo, 'phone');
  const other = await otherContext.newPage();
  await pair(other, code);
  await expect(other.getByText('Ese código ya se usó en otro equipo.', { exact: false })).toBeVisible();
  await otherContext.close();

  await desk.getByRole('button', { name: /Rosa/ }).click();
  const pin = desk.getByLabel('PIN', { exact: true });
  for (const left of [4, 3, 2, 1]) {
    await pin.fill('1397');
    await desk.getByRole('button', { name: 'Entrar' }).click();
    await expect(
      desk.getByText(left === 1 ? 'Te queda 1 intento.' : `Te quedan ${left} intentos.`, { exact: false }),
    ).toBeVisible();
  }
  await pin.fill('1397');
  await desk.getByRole('button', { name: 'Entrar' }).click();
  await expect(desk.getByText('Demasiados intentos.', { exact: false })).toBeVisible();
  const wait = desk.getByRole('button', { name: /^Espera \d:\d\d$/ });
  await expect(wait).toBeDisabled();
  const before = await wait.textContent();
  await expect(wait).not.toHaveText(before ?? '', { timeout: 3000 });
  // The right PIN is not even checked while the lockout lasts.
  await expect(desk.getByRole('button', { name: '1', exact: true })).toBeDisabled();
  await desk.getByRole('button', { name: 'Elegir otro nombre' }).click();
  await expect(desk.getByRole('button', { name: /Rosa/ })).toContainText(/Espera \d:\d\d/);

  await deskContext.close();
});

test('an untouched phone warns, then locks back to the PIN screen; a deactivated waiter is sent there live', async ({
  page,
  browser,
}, testInfo) => {
  const { branch } = await setUpBusinessThroughApi(page, 'Pollería El Descuido');
  const carla = await createStaffThroughApi(page.request, {
    name: 'Carla',
    role: 'waiter',
    pin: '5820',
    branchId: branch.id,
  });
  await setIdleLockThroughApi(page.request, 1);
  const { code } = await pairingCodeThroughApi(page.request, {
    branchId: branch.id,
    kind: 'shared_phone',
    name: 'Celular',
  });

  const phoneContext = await deviceContext(browser, testInfo, 'phone');
  const phone = await phoneContext.newPage();
  // The phone's own clock: a minute of nobody touching it passes at once.
  await phone.clock.install();
  await pair(phone, code);
  await phone.getByRole('button', { name: /Carla/ }).click();
  await phone.getByLabel('PIN', { exact: true }).fill('5820');
  await phone.getByRole('button', { name: 'Entrar' }).click();
  await expect(phone).toHaveURL(/\/app\/mesas$/);

  await phone.clock.fastForward('00:51');
  const warning = phone.getByRole('alertdialog', { name: 'Se bloqueará por inactividad' });
  await expect(warning).toBeVisible();
  // A touch keeps the person signed in.
  await warning.getByRole('button', { name: 'Sigo aquí' }).click();
  await expect(warning).toHaveCount(0);
  await expect(phone).toHaveURL(/\/app\/mesas$/);

  await phone.clock.fastForward('01:01');
  await expect(phone).toHaveURL(/\/app\/pin$/);
  await expect(phone.getByText('Se bloqueó por inactividad.', { exact: false })).toBeVisible();

  // Signed in again; the owner deactivates her meanwhile.
  await phone.getByRole('button', { name: /Carla/ }).click();
  await phone.getByLabel('PIN', { exact: true }).fill('5820');
  await phone.getByRole('button', { name: 'Entrar' }).click();
  await expect(phone).toHaveURL(/\/app\/mesas$/);
  await updateStaffThroughApi(page.request, carla.id, { active: false });
  await expect(phone).toHaveURL(/\/app\/pin$/);
  await expect(phone.getByText('Tu usuario fue desactivado.', { exact: false })).toBeVisible();
  await expect(phone.getByRole('button', { name: /Carla/ })).toHaveCount(0);
  await phoneContext.close();
});

test('staff of a business whose trial ended are told plainly to let the owner know', async ({
  page,
  browser,
}, testInfo) => {
  const { slug, branch } = await setUpBusinessThroughApi(page, 'Pollería Vencida');
  await createStaffThroughApi(page.request, {
    name: 'Ana',
    role: 'waiter',
    pin: '7391',
    branchId: branch.id,
  });
  const { code } = await pairingCodeThroughApi(page.request, {
    branchId: branch.id,
    kind: 'shared_phone',
    name: 'Celular',
  });
  await tenantsPlan(slug, 'trial', '--days', '0');

  const phoneContext = await deviceContext(browser, testInfo, 'phone');
  const phone = await phoneContext.newPage();
  await pair(phone, code);
  await phone.getByRole('button', { name: /Ana/ }).click();
  await phone.getByLabel('PIN', { exact: true }).fill('7391');
  await phone.getByRole('button', { name: 'Entrar' }).click();
  await expect(phone.getByRole('heading', { name: 'El negocio no está activo' })).toBeVisible();
  await expect(phone.getByText('Avisa al dueño de Pollería Vencida', { exact: false })).toBeVisible();
  // No lock screen or plans for staff: those are the owner's.
  await expect(phone.getByRole('link', { name: /Ver planes|Escríbenos/ })).toHaveCount(0);
  await expect(phone.getByRole('button', { name: 'Cambiar de usuario' })).toBeVisible();
  await phoneContext.close();
});

test('an invited manager opens the link, creates an account and lands in the business', async ({
  page,
  browser,
}, testInfo) => {
  await setUpBusinessThroughApi(page, 'Pollería La Invitación');
  const email = uniqueEmail();
  const link = await invitationThroughApi(page.request, { email, role: 'admin' });

  const context = await deviceContext(browser, testInfo, 'phone');
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(
    invitee.getByRole('heading', { name: 'Pollería La Invitación te invitó como administrador' }),
  ).toBeVisible();
  await expect(invitee.getByText(email, { exact: true })).toBeVisible();
  await expectNoSidewaysScroll(invitee);
  await invitee.getByLabel('Tu nombre').fill('Rosa Quispe');
  await invitee.getByLabel('Elige una contraseña').fill('chicha-morada-2026');
  await invitee.getByRole('button', { name: 'Crear cuenta y aceptar' }).click();

  await expect(invitee).toHaveURL(/\/app$/, { timeout: SIGNUP_TIMEOUT_MS });
  await expect(invitee.getByRole('heading', { name: '¡Hola, Pollería La Invitación!' })).toBeVisible();
  await expect(invitee.getByText('Administrador', { exact: true })).toBeVisible();
  // A manager runs the team, but not the audit log (the owner's).
  const nav = invitee.getByRole('navigation', { name: NAV });
  await expect(nav.getByRole('link', { name: 'Personal' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Actividad' })).toHaveCount(0);

  // The link is spent; opened again, it leads into the app.
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: 'Esta invitación ya se usó' })).toBeVisible();
  await expect(invitee.getByRole('link', { name: 'Abrir SmartKet' })).toBeVisible();
  // On a browser where nobody is signed in, it offers to sign in.
  await context.clearCookies();
  await invitee.goto(link);
  await expect(invitee.getByRole('link', { name: 'Ingresar con mi correo' })).toHaveAttribute(
    'href',
    '/ingresar',
  );
  await context.close();
});

test('an owner invited to a second business accepts signed in and switches between both', async ({
  page,
  browser,
}, testInfo) => {
  // The invitee already owns a business, and is signed in on their own device.
  const context = await deviceContext(browser, testInfo, 'phone');
  const invitee = await context.newPage();
  await invitee.goto('/');
  await signUpThroughApi(invitee, 'Pollería Primera');
  const me = (await (await invitee.request.get('/api/auth/me')).json()) as { user: { email: string } };

  await setUpBusinessThroughApi(page, 'Pollería Segunda');
  const link = await invitationThroughApi(page.request, { email: me.user.email, role: 'owner' });

  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: 'Pollería Segunda te invitó como dueño' })).toBeVisible();
  await invitee.getByRole('button', { name: 'Aceptar invitación' }).click();
  await expect(invitee).toHaveURL(/\/app$/);
  await expect(invitee.getByRole('heading', { name: '¡Hola, Pollería Segunda!' })).toBeVisible();

  await invitee.getByRole('button', { name: 'Abrir menú de cuenta' }).click();
  const businesses = invitee.getByRole('group', { name: 'Cambiar de negocio' });
  await expect(businesses.getByRole('button')).toHaveCount(2);
  await businesses.getByRole('button', { name: /Pollería Primera/ }).click();
  // The first business never finished its setup: its owner is back in its wizard.
  await expect(invitee).toHaveURL(/\/app\/configuracion/);
  await invitee.getByRole('button', { name: 'Abrir menú de cuenta' }).click();
  await expect(businesses.getByRole('button', { name: /Pollería Primera/ })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(businesses.getByRole('button', { name: /Pollería Segunda/ })).not.toHaveAttribute(
    'aria-current',
  );
  await context.close();
});
