import { BoardView, ErrorBody } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { buildAdmin, expectStatus, mintSignedInStaff } from './actors.ts';
import { buildTenant } from './factories.ts';
import { advance, kitchenScreen, sendToKitchen } from './kitchen-fixtures.ts';
import { buildFloor, chickenItem, openTable, openTakeaway } from './order-factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './test-server.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let server: TestServer;
// Friday 6 November 2026, 18:00 in Lima (UTC−5).
const clock = new ManualClock(new Date('2026-11-06T23:00:00Z'));

beforeAll(async () => {
  server = await startTestServer({ overrides: { clock } });
});
afterAll(() => server.close());

async function boardOf(client: ApiClient, branchId: string): Promise<BoardView> {
  return BoardView.parse(
    expectStatus(await client.get<BoardView>(`/api/tenant/branches/${branchId}/board`), 200),
  );
}

describe('the owner’s board', () => {
  it('adds up the branch’s Lima day: orders, standing items, and the kitchen’s pace', async () => {
    clock.advance(24 * HOUR);
    const floor = await buildFloor(server);
    const { owner, branchId, menu } = floor;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(clock.now());

    // Yesterday's order (Lima day) counts for yesterday only.
    clock.advance(-20 * HOUR);
    const yesterday = await openTakeaway(owner.client, floor, 'Ayer');
    const old = await sendToKitchen(owner.client, yesterday.id, [chickenItem(floor)]);
    await advance(owner.client, old.ticketId, { to: 'ready' });
    clock.advance(20 * HOUR);

    expect(await boardOf(owner.client, branchId)).toEqual({
      branchId,
      day,
      ordersToday: 0,
      amountTodayCents: 0,
      averageTicketSeconds: null,
      ticketsReadyToday: 0,
    });

    // Mesa 1: 2 × 1/4 Pollo, pierna (19.00) + 1/4 Pollo, pecho (20.50), the pecho voided → 38.00,
    // ready after 6 minutes.
    const mesa1 = await openTable(owner.client, floor, 1);
    const first = await sendToKitchen(owner.client, mesa1.id, [
      chickenItem(floor, 'Pierna', 2),
      chickenItem(floor, 'Pecho'),
    ]);
    expectStatus(
      await owner.client.post(`/api/tenant/orders/${mesa1.id}/items/${first.itemIds[1]}/void`, {
        reason: 'Se pidió por error',
      }),
      200,
    );
    clock.advance(6 * MINUTE);
    await advance(owner.client, first.ticketId, { to: 'ready' });

    // Juan, takeaway: a chicha morada (6.00), ready after 10 minutes.
    const juan = await openTakeaway(owner.client, floor, 'Juan');
    const second = await sendToKitchen(owner.client, juan.id, [{ productId: menu.chicha.id }]);
    clock.advance(4 * MINUTE);
    await advance(owner.client, second.ticketId, { to: 'preparing' });
    clock.advance(6 * MINUTE);
    await advance(owner.client, second.ticketId, { to: 'ready' });

    // Opened by mistake and cancelled: not an order of the day.
    const mistake = await openTable(owner.client, floor, 2);
    expectStatus(await owner.client.post(`/api/tenant/orders/${mistake.id}/cancel`), 200);

    // Mesa 3: an Inca Kola (5.00) still at the bar — in the amount, not in the pace — and a
    // round whose only dish was voided: its ticket bumps itself uncooked, not in the pace either.
    const mesa3 = await openTable(owner.client, floor, 3);
    await sendToKitchen(owner.client, mesa3.id, [{ productId: menu.soda.id }]);
    const voided = await sendToKitchen(owner.client, mesa3.id, [{ productId: menu.chicha.id }]);
    clock.advance(MINUTE);
    expectStatus(
      await owner.client.post(`/api/tenant/orders/${mesa3.id}/items/${voided.itemIds[0]}/void`, {
        reason: 'Ya no hay chicha',
      }),
      200,
    );

    expect(await boardOf(owner.client, branchId)).toEqual({
      branchId,
      day,
      ordersToday: 3,
      amountTodayCents: 2 * 1900 + 600 + 500,
      averageTicketSeconds: (6 * 60 + 10 * 60) / 2,
      ticketsReadyToday: 2,
    });
  });

  it('starts a new day at midnight in Lima, not in UTC', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    // Move to 23:30 Lima time on some day: 04:30 UTC of the next.
    const now = clock.now();
    const limaNow = new Date(now.getTime() - 5 * HOUR);
    const target = Date.UTC(limaNow.getUTCFullYear(), limaNow.getUTCMonth(), limaNow.getUTCDate() + 1, 4, 30);
    clock.advance(target - now.getTime());
    const limaDay = new Date(target - 5 * HOUR).toISOString().slice(0, 10);

    const late = await openTakeaway(owner.client, floor, 'Tarde');
    const sent = await sendToKitchen(owner.client, late.id, [chickenItem(floor)]);
    clock.advance(20 * MINUTE);
    await advance(owner.client, sent.ticketId, { to: 'ready' });

    // 23:50 in Lima: the same day, though UTC already turned.
    expect(await boardOf(owner.client, branchId)).toMatchObject({
      day: limaDay,
      ordersToday: 1,
      amountTodayCents: 1900,
      ticketsReadyToday: 1,
      averageTicketSeconds: 20 * 60,
    });

    // 00:10 in Lima: a new day, nothing yet.
    clock.advance(20 * MINUTE);
    expect(await boardOf(owner.client, branchId)).toMatchObject({
      ordersToday: 0,
      amountTodayCents: 0,
      ticketsReadyToday: 0,
      averageTicketSeconds: null,
    });
  });

  it('is for owners and admins, of their own business', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const path = `/api/tenant/branches/${branchId}/board`;

    const admin = await buildAdmin(server, owner);
    expect((await boardOf(admin, branchId)).branchId).toBe(branchId);

    for (const role of ['cashier', 'waiter', 'kitchen'] as const) {
      const staff = (await mintSignedInStaff(server, owner.tenantId, branchId, role)).client;
      const refused = await staff.get(path);
      expect(refused.status).toBe(403);
      expect(ErrorBody.parse(refused.body).error.code).toBe('FORBIDDEN');
    }
    const screen = await kitchenScreen(server, floor);
    expect((await screen.get(path)).status).toBe(403);

    const stranger = (await buildTenant(server)).client;
    expect((await stranger.get(path)).status).toBe(404);
    expect((await owner.client.get(`/api/tenant/branches/${crypto.randomUUID()}/board`)).status).toBe(404);
  });
});
