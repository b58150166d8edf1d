/**
 * Spanish (Peru) messages of the day's sales at the till (/app/caja/ventas) and of charging a
 * consumption again after its sale was voided (the canje). Spread into ../es-PE.ts.
 */
export const salesEsPE = {
  'sales.title': 'Ventas del día — SmartKet',
  'sales.heading': 'Ventas del día',
  'sales.lead': 'Toca una venta para ver su comprobante, reimprimirlo o anularlo.',
  'sales.link': 'Ventas del día',
  'sales.back': 'Volver a caja',
  'sales.backToList': 'Volver a ventas del día',

  'sales.day.label': 'Día',
  'sales.day.previous': 'Día anterior',
  'sales.day.next': 'Día siguiente',
  'sales.day.today': 'Hoy',

  'sales.summary': {
    one: '1 venta · {amount}',
    other: '{count} ventas · {amount}',
  },
  'sales.summaryTips': 'Propinas {amount}',
  'sales.summaryVoided': {
    one: '1 anulada',
    other: '{count} anuladas',
  },
  'sales.list': 'Ventas, la última primero',
  'sales.empty.today': 'Aún no hay ventas hoy',
  'sales.empty.todayBody': 'Cada cobro aparece aquí con su comprobante.',
  'sales.empty.day': 'No hubo ventas ese día',
  'sales.empty.dayBody': 'Elige otro día para ver sus ventas.',
  'sales.loadFailed': 'No pudimos cargar las ventas. Revisa la conexión e inténtalo otra vez.',

  'sales.row.voided': 'Anulada',
  'sales.row.reason': 'Motivo: {reason}',
  'sales.row.by': 'Cobró {name}',
  'sales.row.onTheHouse': 'Cortesía',
  'sales.row.customer': 'A nombre de {name}',

  'sales.again.heading': 'Cobrar de nuevo · {label}',
  'sales.again.lead':
    'Se anuló un comprobante de esta cuenta y faltan {amount}. Elige el comprobante y el cliente que pide, y cóbralo otra vez.',
  'sales.again.button': 'Cobrar de nuevo {amount}',
  'sales.again.owed': 'Esta cuenta quedó debiendo {amount} por la anulación.',

  'sales.row.tip': '+ propina {amount}',
  'sales.row.refunded': 'Devuelta al cliente',

  'sales.void.lead':
    'La venta queda en los reportes como anulada, con su motivo. Lo que se pagó con ella queda por cobrar: se emite otro comprobante.',
  'sales.void.leadRefund':
    'La venta queda en los reportes como anulada, con su motivo. Es una devolución: lo pagado vuelve al cliente y la cuenta no queda debiendo.',
  'sales.void.again': 'Volver a cobrar esta cuenta',
  'sales.void.againHint':
    'Al anular, abre el cobro para emitir otro comprobante (factura en vez de boleta) o cobrar con el medio de pago correcto.',
  'sales.void.submitAgain': 'Anular y volver a cobrar',
  'sales.void.doneAgain': 'Venta anulada. Cóbrala de nuevo con el comprobante correcto.',
  'sales.void.doneCash': 'Venta anulada. Se sacó {amount} de {register} para devolverlos.',
  'sales.void.doneBefore': 'Esta venta ya estaba anulada.',
  'sales.void.cashBack': 'Se devolverán {amount} en efectivo desde {register}.',
  'sales.void.cashBackOwn': 'Se devolverán {amount} en efectivo desde la caja donde se cobró.',
  'sales.void.cashBackHint':
    'Se cobró en un turno que ya cerró con ese efectivo: ese cierre no cambia, y la devolución queda como salida en el reporte del turno abierto ahora de {register}.',
  'sales.void.cashBackHintOwn':
    'Se cobró en un turno que ya cerró con ese efectivo: ese cierre no cambia, y la devolución queda como salida en el reporte del turno abierto ahora.',
  'sales.void.till': 'Caja que devuelve el efectivo',
  'sales.void.tillPick': 'Elige la caja',
  'sales.void.tillRequired': 'Elige de qué caja sale el efectivo.',
  'sales.void.tillClosed': 'No hay ninguna caja abierta: abre una para devolver {amount} en efectivo.',
  'sales.void.cashClosed': 'Abre la caja {register} para devolver {amount} en efectivo.',
} as const;
