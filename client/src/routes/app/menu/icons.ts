export interface Stroke {
  d: string;
  width: number;
  cap?: boolean;
  join?: boolean;
  /** Lines alone have no area; outlines must not be filled. */
  outline?: boolean;
}

/** The carta's line icons, drawn on a 24-unit grid in the text colour. */
export const ICONS = {
  plus: [{ d: 'M12 5v14M5 12h14', width: 2.5, cap: true }],
  clear: [{ d: 'M7 7l10 10M17 7 7 17', width: 2.5, cap: true }],
  edit: [{ d: 'M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4', width: 2, join: true, outline: true }],
  up: [{ d: 'm6 15 6-6 6 6', width: 2.5, cap: true, outline: true }],
  down: [{ d: 'm6 9 6 6 6-6', width: 2.5, cap: true, outline: true }],
  warning: [
    { d: 'M12 3 2 20h20L12 3Z', width: 2, join: true, outline: true },
    { d: 'M12 10v4M12 17v.5', width: 2, cap: true },
  ],
  search: [
    { d: 'M17.5 11a6.5 6.5 0 1 1-13 0a6.5 6.5 0 1 1 13 0Z', width: 2, outline: true },
    { d: 'm16 16 4.5 4.5', width: 2, cap: true },
  ],
} satisfies Record<string, readonly Stroke[]>;

export type IconName = keyof typeof ICONS;
