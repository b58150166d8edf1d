import { DevicePatch, PairingCodeInput } from '@smartket/shared';
import { Router } from 'express';
import { linkOrigin } from '../../http/links.ts';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { EmptyBody, inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { presentDevice, presentPairingCode } from './devices.presenter.ts';
import { createPairingCode, listDevices, renameDevice, revokeDevice } from './devices.service.ts';

/**
 * `/api/tenant/devices`: the phones, cash desks and kitchen screens paired to the business's
 * branches. Owners and admins pair (with a short code), rename and revoke them.
 */
export function devicesRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/', can('devices.manage'), async (_req, res) => {
    const { em } = tenantScope(res);
    res.json((await listDevices(em, deps.clock.now())).map(presentDevice));
  });

  router.post('/pairing-codes', can('devices.manage'), validate(PairingCodeInput), async (req, res) => {
    const { code, record } = await createPairingCode(
      tenantScope(res),
      res.locals.adminEm,
      inputOf(res, PairingCodeInput),
      deps.clock.now(),
    );
    res.status(201).json(presentPairingCode(code, record, linkOrigin(req, deps.publicUrl)));
  });

  router.patch('/:id', can('devices.manage'), validate(DevicePatch), async (req, res) => {
    const record = await renameDevice(
      tenantScope(res),
      pathId(req, 'id'),
      inputOf(res, DevicePatch),
      deps.clock.now(),
    );
    res.json(presentDevice(record));
  });

  router.post('/:id/revoke', can('devices.manage'), validate(EmptyBody), async (req, res) => {
    res.json(presentDevice(await revokeDevice(tenantScope(res), pathId(req, 'id'), deps)));
  });

  return router;
}
