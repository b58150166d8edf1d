import { z } from 'zod';
import { CUSTOMER_DOC_TYPES } from '../enums.ts';
import { rucProblem } from '../ruc.ts';

/** A DNI is 8 digits; a RUC 11 with a known prefix and check digit. */
export function docNumberProblem(
  docType: (typeof CUSTOMER_DOC_TYPES)[number],
  docNumber: string,
): string | null {
  if (docType === 'dni') {
    return /^\d{8}$/.test(docNumber) ? null : 'dni_invalid';
  }
  return rucProblem(docNumber);
}

const Phone = z
  .string()
  .trim()
  .max(20)
  .regex(/^[0-9+ ()-]*$/)
  .transform((value) => value || null)
  .nullable();

const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .nullable();

const customerFields = {
  /** Without a document: a name and a phone for the boleta of a regular. */
  docType: z.enum(CUSTOMER_DOC_TYPES).nullable().default(null),
  docNumber: z
    .string()
    .trim()
    .transform((value) => value || null)
    .nullable()
    .default(null),
  /** The person's name, or the company's legal name (razón social) for a RUC. */
  name: z.string().trim().min(2).max(120),
  phone: Phone.default(null),
  address: OptionalText(200).default(null),
  email: z
    .union([z.email().max(254), z.literal('')])
    .transform((value) => value || null)
    .nullable()
    .default(null),
};

function checkDocument(
  customer: { docType?: string | null; docNumber?: string | null },
  context: z.RefinementCtx,
): void {
  const { docType, docNumber } = customer;
  if (docType && !docNumber) {
    context.addIssue({ code: 'custom', path: ['docNumber'], message: 'The document number is missing' });
    return;
  }
  if (!docType && docNumber) {
    context.addIssue({ code: 'custom', path: ['docType'], message: 'Say which document this is' });
    return;
  }
  if (docType && docNumber) {
    const problem = docNumberProblem(docType as 'dni' | 'ruc', docNumber);
    if (problem) {
      context.addIssue({
        code: 'custom',
        path: ['docNumber'],
        message: `Invalid ${docType} (${problem})`,
        params: { code: problem },
      });
    }
  }
}

/** `POST /api/tenant/customers`: created quickly at checkout. */
export const CustomerInput = z
  .strictObject({
    /** Made by the screen once per "Registrar": sent again (a double tap, a retry), it answers that customer. */
    id: z.uuid().optional(),
    ...customerFields,
  })
  .superRefine(checkDocument);
export type CustomerInput = z.infer<typeof CustomerInput>;

/** `PATCH /api/tenant/customers/:id`: the fields to change (a document is changed with its type). */
export const CustomerPatch = z
  .strictObject({
    docType: z.enum(CUSTOMER_DOC_TYPES).nullable(),
    docNumber: z
      .string()
      .trim()
      .transform((value) => value || null)
      .nullable(),
    name: customerFields.name,
    phone: Phone,
    address: OptionalText(200),
    email: z
      .union([z.email().max(254), z.literal('')])
      .transform((value) => value || null)
      .nullable(),
  })
  .partial()
  .superRefine((patch, context) => {
    if ((patch.docType === undefined) !== (patch.docNumber === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [patch.docType === undefined ? 'docType' : 'docNumber'],
        message: 'A document changes with its type',
      });
      return;
    }
    checkDocument(patch, context);
  });
export type CustomerPatch = z.infer<typeof CustomerPatch>;

/** `GET /api/tenant/customers?q=`: a document or phone prefix, or part of a name. */
export const CustomerQuery = z.strictObject({ q: z.string().trim().min(2).max(60) });
export type CustomerQuery = z.infer<typeof CustomerQuery>;

export const CustomerView = z.object({
  id: z.uuid(),
  docType: z.enum(CUSTOMER_DOC_TYPES).nullable(),
  docNumber: z.string().nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
});
export type CustomerView = z.infer<typeof CustomerView>;
