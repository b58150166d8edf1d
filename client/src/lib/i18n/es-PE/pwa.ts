/**
 * Spanish (Peru) messages of the installable app: the "nueva versión" prompt and the app opened
 * with no network. Spread into ../es-PE.ts.
 */
export const pwaEsPE = {
  'pwa.update.label': 'Nueva versión de SmartKet',
  'pwa.update.message': 'Hay una nueva versión de SmartKet',
  'pwa.update.apply': 'Actualizar',
  'pwa.update.applying': 'Actualizando…',
  'pwa.update.later': 'Luego',
  'pwa.offlineStart.title': 'Sin conexión — SmartKet',
  'pwa.offlineStart.heading': 'Sin conexión',
  'pwa.offlineStart.body':
    'Para abrir SmartKet hace falta señal un momento. Apenas vuelva, se abre solo: no tienes que hacer nada.',
} as const;
