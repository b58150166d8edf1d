import { CustomerInput, CustomerPatch, CustomerQuery } from '@smartket/shared';
import { Router } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { createCustomer, searchCustomers, updateCustomer } from './customers.service.ts';

/**
 * The business's customers, mounted at `/api/tenant/customers`: found and registered at
 * checkout for the receipt. They belong to the business, not to a branch.
 */
export function customersRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/', can('payments.charge'), validate(CustomerQuery, 'query'), async (_req, res) => {
    const { em } = tenantScope(res);
    res.json(await searchCustomers(em, inputOf(res, CustomerQuery).q));
  });

  router.post('/', can('payments.charge'), validate(CustomerInput), async (_req, res) => {
    const { em } = tenantScope(res);
    const { view, created } = await createCustomer(em, inputOf(res, CustomerInput));
    res.status(created ? 201 : 200).json(view);
  });

  router.patch('/:id', can('payments.charge'), validate(CustomerPatch), async (req, res) => {
    const { em } = tenantScope(res);
    res.json(await updateCustomer(em, pathId(req, 'id'), inputOf(res, CustomerPatch)));
  });

  return router;
}
