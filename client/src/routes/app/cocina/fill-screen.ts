import type { Action } from 'svelte/action';

/** Below this width (phones) the kitchen is a normal page that scrolls. */
const WIDE = '(min-width: 768px)';

/**
 * Sizes the kitchen to the rest of the window, from its top to the bottom of the app's main area
 * (whatever banners sit above it), so the page never scrolls and the tickets use every pixel.
 */
export const fillScreen: Action<HTMLElement> = (element) => {
  const wide = window.matchMedia(WIDE);
  const main = element.closest('main');

  function fitToWindow(): void {
    if (!wide.matches) {
      element.style.removeProperty('height');
      return;
    }
    const top = element.getBoundingClientRect().top + window.scrollY;
    const below = main ? parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0;
    element.style.height = `${Math.max(0, window.innerHeight - top - below)}px`;
  }

  fitToWindow();
  // Banners above (a trial notice, an update prompt) come and go: fit again when the page moves.
  const observer = new ResizeObserver(fitToWindow);
  observer.observe(document.body);
  window.addEventListener('resize', fitToWindow);
  wide.addEventListener('change', fitToWindow);
  return {
    destroy() {
      observer.disconnect();
      window.removeEventListener('resize', fitToWindow);
      wide.removeEventListener('change', fitToWindow);
    },
  };
};
