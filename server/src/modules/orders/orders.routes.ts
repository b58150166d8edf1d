import {
  ItemsServedInput,
  ItemVoidInput,
  OrderDiscountInput,
  OrderDiscountRemoveQuery,
  OrderJoinInput,
  OrderMoveInput,
  OrderOpenInput,
  OrderPatch,
  RoundInput,
} from '@smartket/shared';
import { Router, type Response } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { EmptyBody, inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { publishBranchEvents } from '../branch-log/branch-log.events.ts';
import {
  cancelOrder,
  joinTable,
  loadFloorSnapshot,
  moveOrder,
  openOrder,
  patchOrder,
  removeDiscount,
  requestBill,
  sendRound,
  serveItems,
  setDiscount,
  voidItem,
  type OrderChange,
  type OrderContext,
} from './orders.service.ts';

/**
 * The floor of a branch and its orders, mounted at `/api/tenant`. Every change is logged in the
 * branch's event log inside its transaction and broadcast to the branch's rooms once it
 * committed. Another branch's order is a 404 for a branch-bound waiter or cashier.
 */
export function ordersRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  const contextOf = (res: Response): OrderContext => {
    const { em, actor } = tenantScope(res);
    return { em, actor, now: deps.clock.now() };
  };

  /** Broadcasts the committed change's events and answers the order (201 when something new was made). */
  const answer = (res: Response, change: OrderChange, createdStatus = 200): void => {
    publishBranchEvents(deps.broadcaster, tenantScope(res).tenant.id, change.events);
    res.status(change.created ? createdStatus : 200).json(change.order);
  };

  router.get('/branches/:id/floor', can('orders.view'), async (req, res) => {
    const { em, actor } = tenantScope(res);
    res.json(await loadFloorSnapshot(em, actor, pathId(req, 'id')));
  });

  router.post('/orders', can('orders.create'), validate(OrderOpenInput), async (_req, res) => {
    answer(res, await openOrder(contextOf(res), inputOf(res, OrderOpenInput)), 201);
  });

  router.patch('/orders/:id', can('orders.create'), validate(OrderPatch), async (req, res) => {
    answer(res, await patchOrder(contextOf(res), pathId(req, 'id'), inputOf(res, OrderPatch)));
  });

  router.post('/orders/:id/rounds', can('orders.create'), validate(RoundInput), async (req, res) => {
    answer(res, await sendRound(contextOf(res), pathId(req, 'id'), inputOf(res, RoundInput)), 201);
  });

  router.post(
    '/orders/:id/items/:itemId/void',
    can('orders.void_item'),
    validate(ItemVoidInput),
    async (req, res) => {
      const input = inputOf(res, ItemVoidInput);
      answer(res, await voidItem(contextOf(res), pathId(req, 'id'), pathId(req, 'itemId'), input));
    },
  );

  router.post('/orders/:id/served', can('orders.create'), validate(ItemsServedInput), async (req, res) => {
    answer(res, await serveItems(contextOf(res), pathId(req, 'id'), inputOf(res, ItemsServedInput)));
  });

  router.post('/orders/:id/request-bill', can('orders.create'), validate(EmptyBody), async (req, res) => {
    answer(res, await requestBill(contextOf(res), pathId(req, 'id')));
  });

  router.post('/orders/:id/move', can('orders.create'), validate(OrderMoveInput), async (req, res) => {
    answer(res, await moveOrder(contextOf(res), pathId(req, 'id'), inputOf(res, OrderMoveInput).tableId));
  });

  router.post('/orders/:id/tables', can('orders.create'), validate(OrderJoinInput), async (req, res) => {
    answer(res, await joinTable(contextOf(res), pathId(req, 'id'), inputOf(res, OrderJoinInput).tableId));
  });

  router.post('/orders/:id/cancel', can('orders.create'), validate(EmptyBody), async (req, res) => {
    answer(res, await cancelOrder(contextOf(res), pathId(req, 'id')));
  });

  router.put(
    '/orders/:id/discount',
    can('orders.discount'),
    validate(OrderDiscountInput),
    async (req, res) => {
      answer(res, await setDiscount(contextOf(res), pathId(req, 'id'), inputOf(res, OrderDiscountInput)));
    },
  );

  router.delete(
    '/orders/:id/discount',
    can('orders.discount'),
    validate(OrderDiscountRemoveQuery, 'query'),
    async (req, res) => {
      const { itemId } = inputOf(res, OrderDiscountRemoveQuery);
      answer(res, await removeDiscount(contextOf(res), pathId(req, 'id'), itemId ?? null));
    },
  );

  return router;
}
