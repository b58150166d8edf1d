export const LOCALES = ['es-PE', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The active UI language. Reactive, so every `t()` call in a template re-renders on change.
 * Module state is shared by all server-side renders: only ever change it in the browser.
 */
export const localeState = $state<{ current: Locale }>({ current: 'es-PE' });
