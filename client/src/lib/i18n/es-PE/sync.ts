/** Spanish (Peru) messages of the outbox and connection indicator in the app bar. Spread into ../es-PE.ts. */
export const syncEsPE = {
  'sync.offline': 'Sin conexión',
  'sync.pending': { one: '{count} pendiente', other: '{count} pendientes' },
  'sync.syncing': 'Sincronizando…',
  'sync.rejected': { one: '{count} sin enviar', other: '{count} sin enviar' },
  'sync.open': 'Ver el estado de los envíos',
  'sync.panel.label': 'Estado de los envíos',
  'sync.panel.offline':
    'No hay conexión con SmartKet. Lo que anotes se guarda en este equipo y se envía solo cuando vuelva la señal.',
  'sync.panel.pending': {
    one: '{count} cambio espera para enviarse, en el orden en que lo hiciste.',
    other: '{count} cambios esperan para enviarse, en el orden en que los hiciste.',
  },
  'sync.panel.rejected': {
    one: 'SmartKet no aceptó {count} cambio. Ábrelo en Mesas para ver qué hacer con él.',
    other: 'SmartKet no aceptó {count} cambios. Ábrelos en Mesas para ver qué hacer con ellos.',
  },
  'sync.panel.atRisk':
    'Este navegador podría borrar lo que no se envió si se queda sin espacio. No borres los datos del navegador y conéctate apenas puedas.',
  'sync.panel.sendNow': 'Enviar ahora',
  'sync.panel.close': 'Cerrar',
} as const;
