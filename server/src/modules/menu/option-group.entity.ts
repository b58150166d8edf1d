import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A choice a product asks for: “Parte: pecho / pierna”, “Tamaño: 1/4 · 1/2 · entero”. */
export const OptionGroup = defineEntity({
  name: 'OptionGroup',
  tableName: 'option_groups',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(60),
    required: p.boolean().default(false),
    minChoices: p.integer().default(0),
    maxChoices: p.integer().default(1),
    position: p.integer().default(0),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type OptionGroup = InferEntity<typeof OptionGroup>;
