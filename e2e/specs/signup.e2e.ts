import { expect, test } from '@playwright/test';
import { expectNoSidewaysScroll } from '../fixtures/layout.ts';
import {
  completeSetupThroughApi,
  SIGNUP_TIMEOUT_MS,
  signUpThroughApi,
  tenantsPlan,
  uniqueEmail,
} from '../fixtures/owner.ts';

test('a new owner signs up from the landing page, stays signed in across a reload, and logs out', async ({
  page,
}) => {
  const email = uniqueEmail();

  await page.goto('/');
  await expect(page).toHaveTitle(/SmartKet/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('pollería');
  await expectNoSidewaysScroll(page);
  await page.getByRole('link', { name: 'Crear mi cuenta gratis' }).first().click();

  await expect(page).toHaveURL(/\/registro$/);
  await expectNoSidewaysScroll(page);
  // The name is asked first, and asked for by name when it is left blank.
  await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
  await expect(page.getByText('Escribe tu nombre.')).toBeVisible();
  await expect(page.getByLabel('Tu nombre')).toBeFocused();
  await page.getByLabel('Tu nombre').fill('  Pepa   Quispe ');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill('pollo-a-la-brasa-2026');
  await page.getByLabel('Nombre de tu negocio').fill('Pollería El Buen Sabor');
  await page.getByRole('button', { name: 'Crear mi cuenta' }).click();

  // A new business starts in the setup wizard, and stays there across a reload.
  // Signup hashes a password and clones a database: give a loaded CI machine time.
  await expect(page).toHaveURL(/\/app\/configuracion/, { timeout: SIGNUP_TIMEOUT_MS });
  await expect(page.getByRole('heading', { name: 'Configura tu negocio' })).toBeVisible();
  await expect(page.getByText('Pollería El Buen Sabor')).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Configura tu negocio' })).toBeVisible();

  await page.getByRole('button', { name: 'Abrir menú de cuenta' }).click();
  await expect(page.getByText('Pepa Quispe', { exact: true })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  // The name is changed from the same menu, in a small dialog.
  await page.getByRole('button', { name: /^Tu nombre/ }).click();
  const naming = page.getByRole('dialog', { name: 'Tu nombre' });
  await naming.getByLabel('Tu nombre').fill(' ');
  await naming.getByRole('button', { name: 'Guardar' }).click();
  await expect(naming.getByText('Escribe tu nombre.')).toBeVisible();
  await naming.getByLabel('Tu nombre').fill('Pepa Q.');
  await naming.getByRole('button', { name: 'Guardar' }).click();
  await expect(naming).toBeHidden();
  await expect(page.getByText('Listo. Ahora te verán como Pepa Q.')).toBeVisible();
  await page.getByRole('button', { name: 'Abrir menú de cuenta' }).click();
  await expect(page.getByText('Pepa Q.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/ingresar/);

  await page.goto('/app');
  await expect(page).toHaveURL(/\/ingresar\?next=%2Fapp/);
});

test('the signup form names the field at fault in Spanish and sends one request on a double click', async ({
  page,
}) => {
  // Hold the answer back, as a slow 3G connection would, so the second click lands while the
  // first request is still pending.
  let signups = 0;
  await page.route('**/api/auth/signup', async (route) => {
    signups += 1;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });

  await page.goto('/registro');
  await page.getByLabel('Tu nombre').fill('Pepa');
  await page.getByLabel('Correo electrónico').fill(uniqueEmail());
  await page.getByLabel('Contraseña', { exact: true }).fill('password123');
  await page.getByLabel('Nombre de tu negocio').fill('Pollería Repetida');
  await page.getByRole('button', { name: 'Crear mi cuenta' }).dblclick();
  await expect(page.getByRole('button', { name: /Creando tu negocio/ })).toBeDisabled();

  const password = page.getByLabel('Contraseña', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/contraseña.*(común|fácil)/i)).toBeVisible();
  expect(signups).toBe(1);
});

test('an owner whose restaurant is set up logs in and lands on its home', async ({ page, request }) => {
  const email = uniqueEmail();
  const created = await request.post('/api/auth/signup', {
    data: {
      email,
      password: 'caja-chica-segura-42',
      displayName: 'Pepa Quispe',
      businessName: 'Pollería La Esquina',
    },
  });
  expect(created.status()).toBe(201);
  await completeSetupThroughApi(request);
  // Branch cards read the list alone, counts included: never one request per branch.
  const branchReads: string[] = [];
  page.on('request', (sent) => {
    const { pathname } = new URL(sent.url());
    if (pathname.startsWith('/api/tenant/branches')) {
      branchReads.push(pathname);
    }
  });

  await page.goto('/ingresar');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill('clave-equivocada');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('alert')).toBeVisible();

  await page.getByLabel('Contraseña', { exact: true }).fill('caja-chica-segura-42');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole('heading', { name: '¡Hola, Pollería La Esquina!' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tu carta' })).toContainText('1 producto');
  await expect(page.getByText('Te quedan 14 días de prueba')).toBeVisible();
  // The trial runs to the end of a day: the home names the day, never a time.
  const planCard = page.getByRole('region', { name: 'Plan' });
  await expect(planCard).toContainText(/Gratis hasta el \p{L}+ \d{1,2} de \p{L}+/u);
  await expect(planCard).not.toContainText(/\d:\d\d/);
  // The RUC can be added later, from the home and from the account menu.
  await expect(page.getByRole('link', { name: /Datos del negocio/ })).toHaveAttribute(
    'href',
    '/app/configuracion?paso=datos-fiscales',
  );
  await page.getByRole('button', { name: 'Abrir menú de cuenta' }).click();
  await expect(
    page.locator('#user-menu-panel').getByRole('link', { name: /Datos del negocio/ }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('navigation', { name: 'Secciones de tu negocio' }).getByRole('link', { name: 'Carta' }),
  ).toBeVisible();
  const card = page.getByRole('region', { name: 'Locales' });
  await expect(card.getByRole('listitem').filter({ hasText: 'Local principal' })).toContainText(
    '6 mesas · 1 caja',
  );

  await page.goto('/app/locales');
  const branch = page.getByRole('listitem').filter({ hasText: 'Local principal' });
  await expect(branch).toContainText('6 mesas · 1 caja');
  expect(branchReads).toContain('/api/tenant/branches');
  expect(branchReads.filter((read) => read !== '/api/tenant/branches')).toEqual([]);
});

test('an owner whose trial ended starts on the lock screen and may look around read-only in that tab', async ({
  page,
}) => {
  await page.goto('/');
  const slug = await signUpThroughApi(page, 'Pollería Solo Lectura');
  await completeSetupThroughApi(page.request);
  await tenantsPlan(slug, 'trial', '--days', '0');

  await page.goto('/app/locales');
  await expect(page.getByRole('heading', { name: 'Tu prueba gratis terminó' })).toBeVisible();
  // Writing to us is how a plan is activated today: the chat already says which business.
  await expect(page.getByRole('link', { name: /Escríbenos por WhatsApp/ })).toHaveAttribute(
    'href',
    new RegExp(`^https://wa\\.me/\\d+\\?text=.*${slug}`),
  );
  await expect(page.getByRole('link', { name: 'Ver planes' })).toBeVisible();

  const refresh = page.getByRole('button', { name: 'Actualizar' });
  await refresh.click();
  await expect(page.getByRole('status').filter({ hasText: 'Todavía no vemos tu plan activo' })).toBeVisible();
  await expect(refresh).toBeFocused();

  await page.getByRole('button', { name: 'Ver mis datos (solo lectura)' }).click();
  const banner = page.getByRole('complementary', { name: 'Solo lectura' });
  await expect(banner).toContainText('Tu prueba terminó: puedes ver tus datos, pero no cambiarlos.');
  await expect(page.getByRole('heading', { name: 'Tus locales' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Agregar local' })).toBeDisabled();
  await page.getByRole('link', { name: 'Mesas y cajas de Local principal' }).click();
  await expect(page.getByRole('heading', { name: 'Local principal' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Agregar mesas' })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: 'Brasa', exact: true })).toBeDisabled();
  await expectNoSidewaysScroll(page);

  // The choice holds for this tab, across a reload; another tab starts on the lock screen again.
  await page.reload();
  await expect(banner).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Local principal' })).toBeVisible();
  const other = await page.context().newPage();
  await other.goto('/app');
  await expect(other.getByRole('heading', { name: 'Tu prueba gratis terminó' })).toBeVisible();
  await other.close();

  await banner.getByRole('link', { name: 'Elegir un plan' }).click();
  await expect(page).toHaveURL(/\/app\/plan$/);
  await expect(page.getByText(/Tu prueba gratis terminó el \p{L}+ \d{1,2} de \p{L}+\./u)).toBeVisible();
});
