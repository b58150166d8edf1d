import type { esPE } from './es-PE.ts';

/** A message with plural forms, chosen by `params.count` with `Intl.PluralRules`. */
export interface PluralMessage {
  readonly zero?: string;
  readonly one: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Message = string | PluralMessage;

/** Every key of the es-PE source dictionary. */
export type MessageKey = keyof typeof esPE;

/** A complete dictionary: same keys as es-PE, plural where es-PE is plural. */
export type Dictionary = {
  readonly [K in MessageKey]: (typeof esPE)[K] extends string ? string : PluralMessage;
};

export type MessageParams = Readonly<Record<string, string | number>>;
