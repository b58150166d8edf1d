/** Roles an e-mail account can hold in a tenant (admin = the manager). They sign in with a password. */
export const MEMBERSHIP_ROLES = ['owner', 'admin'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/**
 * Roles of staff without an e-mail account, kept in the tenant database; they sign in with a PIN
 * on a device paired to their branch. A manager is invited as `admin` instead: a PIN is too weak
 * for managing staff and devices.
 */
export const STAFF_ROLES = ['cashier', 'waiter', 'kitchen'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every role of the permission table. */
export const ROLES = [...MEMBERSHIP_ROLES, ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** What a paired device is for: a kitchen screen runs on its own credential (kiosk). */
export const DEVICE_KINDS = ['shared_phone', 'cash_desk', 'kitchen_screen'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const PLANS = ['trial', 'pro'] as const;
export type Plan = (typeof PLANS)[number];

export const TENANT_STATUSES = ['provisioning', 'active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const LINES_OF_BUSINESS = [
  'polleria',
  'restaurante',
  'cevicheria',
  'chifa',
  'cafeteria',
  'comida_rapida',
  'otro',
] as const;
export type LineOfBusiness = (typeof LINES_OF_BUSINESS)[number];

export const TRIAL_DAYS = 14;

/** Dine-in at a table, takeaway ("para llevar") or delivery. */
export const ORDER_TYPES = ['dine_in', 'takeaway', 'delivery'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * `open` while the table eats; `bill_requested` when the waiter asked for the bill (a new round
 * opens it again); `closed` once paid in full; `cancelled` when opened by mistake; `merged`
 * when its table was joined to another order, which took its items.
 */
export const ORDER_STATUSES = ['open', 'bill_requested', 'closed', 'cancelled', 'merged'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses of an order still on the floor (its tables are taken). */
export const LIVE_ORDER_STATUSES = ['open', 'bill_requested'] as const satisfies readonly OrderStatus[];

/** An item's way through the kitchen to the table; `voided` items are kept, struck through. */
export const ITEM_STATUSES = ['pending', 'preparing', 'ready', 'served', 'voided'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** What the kitchen may set an item to (served is the waiter's; voided needs a reason). */
export const KITCHEN_ITEM_STATUSES = ['preparing', 'ready'] as const satisfies readonly ItemStatus[];
export type KitchenItemStatus = (typeof KITCHEN_ITEM_STATUSES)[number];

/**
 * A kitchen ticket is one round's items for one station. It is `ready` (bumped off the screen)
 * once every item still standing is ready or served.
 */
export const TICKET_STATUSES = ['pending', 'preparing', 'ready'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A discount of a fixed amount (céntimos) or a percent of what it applies to. */
export const DISCOUNT_KINDS = ['amount', 'percent'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** How a customer pays: several tenders may pay one part of a bill. */
export const PAYMENT_METHODS = ['cash', 'card', 'yape', 'plin', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Boleta (consumers), factura (a business with RUC) or nota de venta (internal, no tax value). */
export const RECEIPT_TYPES = ['boleta', 'factura', 'nota_venta'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

/**
 * What part of a bill a sale paid: all that was still owed, some units of its lines, or the
 * next of n equal parts.
 */
export const SALE_PART_KINDS = ['balance', 'items', 'equal'] as const;
export type SalePartKind = (typeof SALE_PART_KINDS)[number];

/** A voided sale stays, marked, in history and in the reports. */
export const SALE_STATUSES = ['completed', 'voided'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const CASH_SESSION_STATUSES = ['open', 'closed'] as const;
export type CashSessionStatus = (typeof CASH_SESSION_STATUSES)[number];

/** Cash put into the drawer (more change) or taken out of it (compra de carbón). */
export const CASH_MOVEMENT_KINDS = ['in', 'out'] as const;
export type CashMovementKind = (typeof CASH_MOVEMENT_KINDS)[number];

/** A customer's identity document: DNI (8 digits) or RUC (11). */
export const CUSTOMER_DOC_TYPES = ['dni', 'ruc'] as const;
export type CustomerDocType = (typeof CUSTOMER_DOC_TYPES)[number];
