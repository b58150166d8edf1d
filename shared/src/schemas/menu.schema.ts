import { z } from 'zod';
import { MAX_PRICE_CENTS } from '../money.ts';

const Name = z.string().trim().min(1).max(80);
const Cents = z.int().min(0).max(MAX_PRICE_CENTS);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .nullable();

/** The colour of a category created without one (by the API or by a spreadsheet import). */
export const DEFAULT_CATEGORY_COLOUR = '#f59e0b';

/** `#rrggbb`; the UI offers a palette, the API takes any colour. */
export const Colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .transform((value) => value.toLowerCase());

export const SKU = z
  .string()
  .trim()
  .max(40)
  .regex(/^[A-Za-z0-9._\-/]*$/)
  .transform((value) => value.toUpperCase() || null)
  .nullable();

export const CategoryInput = z.strictObject({
  name: Name,
  colour: Colour.default(DEFAULT_CATEGORY_COLOUR),
  stationId: z.uuid().nullable().default(null),
});
export type CategoryInput = z.infer<typeof CategoryInput>;
export const CategoryPatch = z
  .strictObject({
    name: Name,
    colour: Colour,
    stationId: z.uuid().nullable(),
    position: z.int().min(0).max(9999),
    active: z.boolean(),
  })
  .partial();
export type CategoryPatch = z.infer<typeof CategoryPatch>;

export const CategoryView = z.object({
  id: z.uuid(),
  name: z.string(),
  colour: z.string(),
  stationId: z.uuid().nullable(),
  position: z.int(),
  active: z.boolean(),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const ProductInput = z.strictObject({
  name: Name,
  priceCents: Cents,
  categoryId: z.uuid(),
  /** Overrides the category's station; null sends the item where its category goes. */
  stationId: z.uuid().nullable().default(null),
  sku: SKU.default(null),
  description: OptionalText(300).default(null),
  active: z.boolean().default(true),
  optionGroupIds: z.array(z.uuid()).max(20).default([]),
});
export type ProductInput = z.infer<typeof ProductInput>;
export const ProductPatch = z
  .strictObject({
    name: Name,
    priceCents: Cents,
    categoryId: z.uuid(),
    stationId: z.uuid().nullable(),
    sku: SKU,
    description: OptionalText(300),
    active: z.boolean(),
    position: z.int().min(0).max(99999),
    optionGroupIds: z.array(z.uuid()).max(20),
  })
  .partial();
export type ProductPatch = z.infer<typeof ProductPatch>;

export const ProductView = z.object({
  id: z.uuid(),
  name: z.string(),
  priceCents: z.int(),
  categoryId: z.uuid(),
  stationId: z.uuid().nullable(),
  sku: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  position: z.int(),
  optionGroupIds: z.array(z.uuid()),
});
export type ProductView = z.infer<typeof ProductView>;

/** One choice of a group: "Pecho", "1/2 (+ S/ 17.00)". The delta may lower the price. */
export const OptionInput = z.strictObject({
  /** Present to keep (and edit) an existing option; absent to add one. */
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(60),
  priceDeltaCents: z.int().min(-MAX_PRICE_CENTS).max(MAX_PRICE_CENTS).default(0),
  active: z.boolean().default(true),
});
export type OptionInput = z.infer<typeof OptionInput>;

const OptionGroupFields = z.strictObject({
  name: z.string().trim().min(1).max(60),
  required: z.boolean(),
  minChoices: z.int().min(0).max(20),
  maxChoices: z.int().min(1).max(20),
  /** The whole list: options missing from it are deactivated, never deleted (history keeps them). */
  options: z.array(OptionInput).min(1).max(30),
});

function checkChoices(
  group: { required?: boolean; minChoices?: number; maxChoices?: number },
  context: z.RefinementCtx,
): void {
  const { required, minChoices, maxChoices } = group;
  if (minChoices !== undefined && maxChoices !== undefined && minChoices > maxChoices) {
    context.addIssue({
      code: 'custom',
      path: ['minChoices'],
      message: 'min above max',
      params: { code: 'min_above_max' },
    });
  }
  if (required === true && minChoices === 0) {
    context.addIssue({
      code: 'custom',
      path: ['minChoices'],
      message: 'a required group needs at least one choice',
      params: { code: 'too_short' },
    });
  }
}

export const OptionGroupInput = OptionGroupFields.superRefine(checkChoices);
export type OptionGroupInput = z.infer<typeof OptionGroupInput>;
export const OptionGroupPatch = OptionGroupFields.extend({ active: z.boolean() })
  .partial()
  .superRefine(checkChoices);
export type OptionGroupPatch = z.infer<typeof OptionGroupPatch>;

export const OptionView = z.object({
  id: z.uuid(),
  name: z.string(),
  priceDeltaCents: z.int(),
  position: z.int(),
  active: z.boolean(),
});
export type OptionView = z.infer<typeof OptionView>;

export const OptionGroupView = z.object({
  id: z.uuid(),
  name: z.string(),
  required: z.boolean(),
  minChoices: z.int(),
  maxChoices: z.int(),
  active: z.boolean(),
  options: z.array(OptionView),
});
export type OptionGroupView = z.infer<typeof OptionGroupView>;

/** `GET /api/tenant/menu`: the whole menu, inactive records included and flagged. */
export const MenuView = z.object({
  categories: z.array(CategoryView),
  products: z.array(ProductView),
  optionGroups: z.array(OptionGroupView),
});
export type MenuView = z.infer<typeof MenuView>;
