import { StaffInput, StaffPatch, StaffPinInput, StaffSettings } from '@smartket/shared';
import { Router } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { readStaffSettings } from './staff-settings.ts';
import { presentStaff } from './staff.presenter.ts';
import { createStaff, listStaff, resetStaffPin, updateStaff, updateStaffSettings } from './staff.service.ts';

/**
 * `/api/tenant/staff`: the people who sign in with a PIN on the business's paired devices.
 * Owners and admins only (`staff.manage`); a PIN never leaves the server, not even hashed.
 */
export function staffRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/', can('staff.manage'), async (_req, res) => {
    const { em } = tenantScope(res);
    res.json((await listStaff(em, deps.clock.now())).map(presentStaff));
  });

  router.post('/', can('staff.manage'), validate(StaffInput), async (_req, res) => {
    const record = await createStaff(tenantScope(res), inputOf(res, StaffInput), deps);
    res.status(201).json(presentStaff(record));
  });

  // Before `/:id`, which would otherwise read "settings" as an id.
  router.get('/settings', can('staff.manage'), async (_req, res) => {
    const { em } = tenantScope(res);
    res.json(await readStaffSettings(em));
  });

  router.put('/settings', can('staff.manage'), validate(StaffSettings), async (_req, res) => {
    const settings = await updateStaffSettings(
      tenantScope(res),
      inputOf(res, StaffSettings),
      deps.clock.now(),
    );
    res.json(settings);
  });

  router.patch('/:id', can('staff.manage'), validate(StaffPatch), async (req, res) => {
    const record = await updateStaff(tenantScope(res), pathId(req, 'id'), inputOf(res, StaffPatch), deps);
    res.json(presentStaff(record));
  });

  router.put('/:id/pin', can('staff.manage'), validate(StaffPinInput), async (req, res) => {
    await resetStaffPin(tenantScope(res), pathId(req, 'id'), inputOf(res, StaffPinInput), deps);
    res.status(204).end();
  });

  return router;
}
