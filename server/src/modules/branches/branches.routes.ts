import {
  BranchInput,
  BranchPatch,
  CashRegisterInput,
  CashRegisterPatch,
  StationInput,
  StationPatch,
  TableInput,
  TablePatch,
  ZoneInput,
  ZonePatch,
} from '@smartket/shared';
import { Router } from 'express';
import { can } from '../../http/middleware/can.ts';
import { actorReachesBranch, assertReachesBranch } from '../auth/actor.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import {
  presentBranch,
  presentBranchDetail,
  presentCashRegister,
  presentStation,
  presentTable,
  presentZone,
} from './branches.presenter.ts';
import {
  createBranch,
  createCashRegister,
  createStation,
  createTable,
  createZone,
  listBranches,
  listStations,
  loadBranchDetail,
  updateBranch,
  updateCashRegister,
  updateStation,
  updateTable,
  updateZone,
} from './branches.service.ts';

/**
 * Branches, zones, tables, cash registers and kitchen stations, mounted at `/api/tenant`. Every
 * id is looked up in the request's own tenant database, so another business's id is a 404.
 */
export function branchRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/branches', can('branches.view'), async (_req, res) => {
    const { em, actor } = tenantScope(res);
    const reachable = (await listBranches(em)).filter(({ branch }) => actorReachesBranch(actor, branch.id));
    res.json(reachable.map(({ branch, counts }) => presentBranch(branch, counts)));
  });

  router.post('/branches', can('branches.manage'), validate(BranchInput), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    const detail = await createBranch(em, tenant, inputOf(res, BranchInput));
    res.status(201).json(presentBranchDetail(detail));
  });

  router.get('/branches/:id', can('branches.view'), async (req, res) => {
    const { em, actor } = tenantScope(res);
    const branchId = pathId(req, 'id');
    assertReachesBranch(actor, branchId);
    res.json(presentBranchDetail(await loadBranchDetail(em, branchId)));
  });

  router.patch('/branches/:id', can('branches.manage'), validate(BranchPatch), async (req, res) => {
    const { em, tenant } = tenantScope(res);
    const detail = await updateBranch(em, tenant, pathId(req, 'id'), inputOf(res, BranchPatch));
    res.json(presentBranchDetail(detail));
  });

  router.post('/branches/:id/zones', can('branches.manage'), validate(ZoneInput), async (req, res) => {
    const { em } = tenantScope(res);
    const zone = await createZone(em, pathId(req, 'id'), inputOf(res, ZoneInput));
    res.status(201).json(presentZone(zone));
  });

  router.patch('/zones/:id', can('branches.manage'), validate(ZonePatch), async (req, res) => {
    const { em } = tenantScope(res);
    res.json(presentZone(await updateZone(em, pathId(req, 'id'), inputOf(res, ZonePatch))));
  });

  router.post('/branches/:id/tables', can('branches.manage'), validate(TableInput), async (req, res) => {
    const { em, tenant } = tenantScope(res);
    const table = await createTable(em, tenant, pathId(req, 'id'), inputOf(res, TableInput));
    res.status(201).json(presentTable(table));
  });

  router.patch('/tables/:id', can('branches.manage'), validate(TablePatch), async (req, res) => {
    const { em, tenant } = tenantScope(res);
    res.json(presentTable(await updateTable(em, tenant, pathId(req, 'id'), inputOf(res, TablePatch))));
  });

  router.post(
    '/branches/:id/cash-registers',
    can('branches.manage'),
    validate(CashRegisterInput),
    async (req, res) => {
      const { em, tenant } = tenantScope(res);
      const register = await createCashRegister(
        em,
        tenant,
        pathId(req, 'id'),
        inputOf(res, CashRegisterInput),
      );
      res.status(201).json(presentCashRegister(register));
    },
  );

  router.patch(
    '/cash-registers/:id',
    can('branches.manage'),
    validate(CashRegisterPatch),
    async (req, res) => {
      const { em, tenant } = tenantScope(res);
      const register = await updateCashRegister(
        em,
        tenant,
        pathId(req, 'id'),
        inputOf(res, CashRegisterPatch),
      );
      res.json(presentCashRegister(register));
    },
  );

  router.get('/stations', can('branches.view'), async (_req, res) => {
    const { em, actor } = tenantScope(res);
    const reachable = (await listStations(em)).filter(
      ({ branchIds }) => actor.branchId === null || branchIds.includes(actor.branchId),
    );
    res.json(reachable.map(({ station, branchIds }) => presentStation(station, branchIds)));
  });

  router.post('/stations', can('branches.manage'), validate(StationInput), async (_req, res) => {
    const { em } = tenantScope(res);
    const { station, branchIds } = await createStation(em, inputOf(res, StationInput));
    res.status(201).json(presentStation(station, branchIds));
  });

  router.patch('/stations/:id', can('branches.manage'), validate(StationPatch), async (req, res) => {
    const { em } = tenantScope(res);
    const { station, branchIds } = await updateStation(em, pathId(req, 'id'), inputOf(res, StationPatch));
    res.json(presentStation(station, branchIds));
  });

  return router;
}
