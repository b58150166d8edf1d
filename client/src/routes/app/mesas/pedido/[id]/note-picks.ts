import { t } from '#lib/i18n/index.ts';

/** The notes a pollería's kitchen hears all night. */
export function notePicks(): string[] {
  return [
    t('order.notePick.noSalad'),
    t('order.notePick.noSauces'),
    t('order.notePick.toGo'),
    t('order.notePick.wellDone'),
  ];
}

/** Adds a picked note to what is typed already: "sin ensalada, para llevar". */
export function withPick(note: string, pick: string): string {
  const typed = note.trim();
  return typed ? `${typed}, ${pick}` : pick;
}
