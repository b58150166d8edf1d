import { en } from './en.ts';
import { esPE } from './es-PE.ts';
import { LOCALES, localeState, type Locale } from './locale.svelte.ts';
import type { Dictionary, Message, MessageKey, MessageParams } from './types.ts';

export { LOCALES, type Locale } from './locale.svelte.ts';
export type { MessageKey, MessageParams } from './types.ts';

const dictionaries: Readonly<Record<Locale, Dictionary>> = { 'es-PE': esPE, en };
const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralRulesFor(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

function pick(message: Message, locale: Locale, params: MessageParams | undefined): string {
  if (typeof message === 'string') {
    return message;
  }
  const count = Number(params?.count ?? 0);
  const category = pluralRulesFor(locale).select(count);
  return message[category] ?? message.other;
}

/**
 * The UI string for `key` in the active locale, with `{name}` placeholders filled from
 * `params` (numbers formatted for the locale). Falls back to es-PE, then to the key itself.
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const locale = localeState.current;
  const message = dictionaries[locale][key] ?? dictionaries['es-PE'][key] ?? key;
  const text = pick(message, locale, params);
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) {
      return whole;
    }
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

/** The language `t()` answers in. */
export function getLocale(): Locale {
  return localeState.current;
}

/** Switches the UI language (browser only) and keeps `<html lang>` in step. */
export function setLocale(locale: Locale): void {
  if (!LOCALES.includes(locale)) {
    return;
  }
  localeState.current = locale;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
  }
}

/** True when `key` is a known message: lets callers build keys from API codes safely. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(esPE, key);
}
