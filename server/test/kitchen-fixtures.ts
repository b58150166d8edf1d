import type { CatchUpView, KitchenSnapshotView, OrderView, TicketView } from '@smartket/shared';
import { DeviceClient, expectStatus, mintDevice } from './actors.ts';
import { sendRound, type Floor, type ItemDraft } from './order-factories.ts';
import type { ApiClient, TestServer } from './test-server.ts';

/**
 * What the kitchen tests do on top of the orders' factories (`buildFloor`, `openTable`…): a
 * kitchen screen, a round and the ticket(s) it made, a cook's tap, and the branch's log.
 */

/** A kitchen screen (a kiosk on its own credential) paired to `branchId`, the floor's unless told. */
export async function kitchenScreen(
  server: TestServer,
  floor: Floor,
  branchId = floor.branchId,
): Promise<ApiClient> {
  const device = await mintDevice(server, floor.owner.tenantId, branchId, 'kitchen_screen');
  return DeviceClient.withCookies(server.url, { smartket_device: device.deviceToken });
}

export interface SentRound {
  order: OrderView;
  roundId: string;
  /** The round's items, in the order they were sent. */
  itemIds: string[];
  /** The tickets the round made, one per station, in the order of their first item. */
  ticketIds: string[];
  /** The round's ticket, when all its items went to one station. */
  ticketId: string;
}

/** "Enviar a cocina" of `items`, answering the round's items and tickets. */
export async function sendToKitchen(
  client: ApiClient,
  orderId: string,
  items: readonly ItemDraft[],
): Promise<SentRound> {
  const order = await sendRound(client, orderId, items);
  const round = order.rounds.at(-1)!;
  const sent = order.items.filter((item) => item.roundId === round.id);
  const ticketIds = [...new Set(sent.map((item) => item.ticketId))];
  return {
    order,
    roundId: round.id,
    itemIds: sent.map((item) => item.id),
    ticketIds,
    ticketId: ticketIds[0]!,
  };
}

export async function kitchenOf(client: ApiClient, branchId: string): Promise<KitchenSnapshotView> {
  return expectStatus(await client.get<KitchenSnapshotView>(`/api/tenant/branches/${branchId}/kitchen`), 200);
}

/** A cook's tap on a ticket (every standing item) or on some of its items. */
export async function advance(
  client: ApiClient,
  ticketId: string,
  body: { to: 'preparing' | 'ready'; itemIds?: string[] },
): Promise<TicketView> {
  return expectStatus(await client.post<TicketView>(`/api/tenant/tickets/${ticketId}/advance`, body), 200);
}

/** The branch's log as a stream's catch-up serves it from the start. */
export async function eventsOf(
  client: ApiClient,
  branchId: string,
  stream: 'floor' | 'kitchen',
): Promise<CatchUpView> {
  return expectStatus(
    await client.get<CatchUpView>(`/api/tenant/branches/${branchId}/${stream}/events?after=0`),
    200,
  );
}
