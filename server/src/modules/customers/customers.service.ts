import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { CustomerInput, CustomerPatch, CustomerView } from '@smartket/shared';
import { findOr404, selectRows } from '../../db/queries.ts';
import { violatedIndex } from '../../lib/errors.ts';
import { Customer } from './customer.entity.ts';
import { CUSTOMER_SEARCH_LIMIT, customerExists, escapeLike, readCustomerSearch } from './customers.policy.ts';
import { presentCustomer } from './customers.presenter.ts';

const DOC_NUMBER_INDEX = 'customers_doc_number_unique';

/** Accented letters PostgreSQL's `translate` folds, as `foldAccents` does in JavaScript. */
const ACCENTED = 'áàäâãéèëêíìïîóòöôõúùüûñç';
const PLAIN = 'aaaaaeeeeiiiiooooouuuunc';
/** Upper case too: `lower()` under the C locale leaves "Á" as it is. */
const FOLD_FROM = ACCENTED + ACCENTED.toUpperCase();
const FOLD_TO = PLAIN + PLAIN;

/**
 * Up to ten customers for what the cashier typed at checkout: digits find a DNI or RUC, or a
 * phone, by how they start (documents first); words find a name by any part of it, without
 * minding case or accents, names starting with it first.
 */
export async function searchCustomers(em: EntityManager, q: string): Promise<CustomerView[]> {
  const search = readCustomerSearch(q);
  const rows = search.kind === 'number' ? await byNumber(em, search.digits) : await byName(em, search.text);
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((row) => row.id);
  const customers = new Map(
    (await em.find(Customer, { id: { $in: ids } })).map((found) => [found.id, found]),
  );
  return ids.flatMap((id) => {
    const customer = customers.get(id);
    return customer ? [presentCustomer(customer)] : [];
  });
}

/** Documents starting with `digits` (in document order), then phones starting with them. */
function byNumber(em: EntityManager, digits: string): Promise<{ id: string }[]> {
  const prefix = `${digits}%`;
  return selectRows<{ id: string }>(
    em,
    `select id from customers
      where doc_number like ? or regexp_replace(phone, '^\\+51|\\D', '', 'g') like ?
      order by doc_number like ? desc, doc_number, name, id
      limit ?`,
    [prefix, prefix, prefix, CUSTOMER_SEARCH_LIMIT],
  );
}

/** Names holding `text` (folded), those starting with it first, in folded alphabetical order. */
function byName(em: EntityManager, text: string): Promise<{ id: string }[]> {
  const folded = `translate(lower(name), '${FOLD_FROM}', '${FOLD_TO}')`;
  const pattern = escapeLike(text);
  return selectRows<{ id: string }>(
    em,
    `select id from customers
      where ${folded} like ?
      order by ${folded} like ? desc, ${folded}, id
      limit ?`,
    [`%${pattern}%`, `${pattern}%`, CUSTOMER_SEARCH_LIMIT],
  );
}

/**
 * Registers a customer quickly at checkout. A DNI or RUC already registered is a 409
 * CUSTOMER_EXISTS naming its customer — also when two cashiers register it at once. The screen's
 * id makes a double tap or a retry register one customer: the same id again answers it (not
 * `created`), as the first write left it.
 */
export async function createCustomer(
  em: EntityManager,
  input: CustomerInput,
): Promise<{ view: CustomerView; created: boolean }> {
  const id = input.id ?? crypto.randomUUID();
  try {
    return await withDocumentOnce(em, input.docNumber, id, async () =>
      em.transactional(async (tx) => {
        // The document first: held by this very id, a copy of this request registered it.
        await assertDocumentFree(tx, input.docNumber, id);
        const earlier = await tx.findOne(Customer, { id });
        if (earlier) {
          return { view: presentCustomer(earlier), created: false };
        }
        const customer = tx.create(Customer, {
          id,
          docType: input.docType,
          docNumber: input.docNumber,
          name: input.name,
          phone: input.phone,
          address: input.address,
          email: input.email,
        });
        await tx.flush();
        return { view: presentCustomer(customer), created: true };
      }),
    );
  } catch (error) {
    // A copy of this request committed between the look and the insert: answer what it registered.
    const racing =
      error instanceof UniqueConstraintViolationException && (await em.fork().findOne(Customer, { id }));
    if (racing) {
      return { view: presentCustomer(racing), created: false };
    }
    throw error;
  }
}

/**
 * Corrects a customer: the fields given. A document is changed with its type (or both removed);
 * one that belongs to another customer is a 409 CUSTOMER_EXISTS naming them.
 */
export async function updateCustomer(
  em: EntityManager,
  customerId: string,
  patch: CustomerPatch,
): Promise<CustomerView> {
  return withDocumentOnce(em, patch.docNumber ?? null, customerId, async () =>
    em.transactional(async (tx) => {
      const customer = await findOr404(tx, Customer, customerId, 'Customer');
      if (patch.docNumber !== undefined) {
        await assertDocumentFree(tx, patch.docNumber, customer.id);
      }
      const { docType, docNumber, name, phone, address, email } = patch;
      tx.assign(customer, {
        ...(docType !== undefined && { docType }),
        ...(docNumber !== undefined && { docNumber }),
        ...(name !== undefined && { name }),
        ...(phone !== undefined && { phone }),
        ...(address !== undefined && { address }),
        ...(email !== undefined && { email }),
      });
      await tx.flush();
      return presentCustomer(customer);
    }),
  );
}

/** 409 CUSTOMER_EXISTS when another customer than `selfId` holds `docNumber`. */
async function assertDocumentFree(
  tx: EntityManager,
  docNumber: string | null,
  selfId: string | null,
): Promise<void> {
  if (docNumber === null) {
    return;
  }
  const holder = await tx.findOne(Customer, { docNumber });
  if (holder && holder.id !== selfId) {
    throw customerExists(holder);
  }
}

/**
 * Runs a write that sets `docNumber`: when a concurrent write took that document between the
 * check and the insert, the unique index stops this one and the answer names who has it.
 */
async function withDocumentOnce<T>(
  em: EntityManager,
  docNumber: string | null,
  selfId: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (docNumber !== null && violatedIndex(error) === DOC_NUMBER_INDEX) {
      const holder = await em.fork().findOne(Customer, { docNumber });
      if (holder && holder.id !== selfId) {
        throw customerExists(holder);
      }
    }
    throw error;
  }
}
