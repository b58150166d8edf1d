/** Spanish (Peru) messages of the setup screens; spread into ../es-PE.ts. */
export const setupEsPE = {
  'setup.title': 'Configura tu negocio — SmartKet',
  'setup.heading': 'Configura tu negocio',
  'setup.lead':
    'Cuatro pasos cortos y listo para tu primer pedido. Se guarda cada paso: puedes seguir luego, incluso desde otro equipo.',
  'setup.optional': '(opcional)',
  'setup.saveAndContinue': 'Guardar y continuar',
  'setup.saving': 'Guardando…',
  'setup.back': 'Volver a {step}',
  'setup.offline': 'Estás sin conexión: no podemos guardar ahora. Lo que escribiste sigue aquí.',
  'setup.ownerOnly': 'Solo el dueño del negocio puede completar la configuración.',
  'setup.alreadyComplete':
    'Tu negocio ya está configurado. Puedes revisar y cambiar estos datos cuando quieras.',
  'setup.missingStep': 'Antes de terminar falta el paso «{step}». Complétalo y seguimos.',

  'setup.progress.label': 'Pasos de la configuración',
  'setup.progress.counter': 'Paso {n} de {total}',
  'setup.progress.done': '(listo)',
  'setup.steps.fiscal': 'Datos fiscales',
  'setup.steps.branch': 'Tu local',
  'setup.steps.cashRegister': 'Tu caja',
  'setup.steps.products': 'Tus productos',

  'setup.fiscal.lead': '¿Cómo vas a vender? Puedes cambiarlo más adelante.',
  'setup.fiscal.modeLegend': 'Cómo vendes',
  'setup.fiscal.ruc.title': 'Tengo RUC',
  'setup.fiscal.ruc.body': 'Emitirás boletas y facturas con tu RUC y razón social.',
  'setup.fiscal.simple.title': 'Vender con boleta simple (sin RUC)',
  'setup.fiscal.simple.body':
    'Para empezar ya. Sin RUC, tus comprobantes son notas de venta internas: no cuentan ante SUNAT.',
  'setup.fiscal.simple.note':
    'Lo que entregues a tus clientes será una nota de venta interna de tu negocio, no una boleta electrónica: no se informa a SUNAT. Cuando tengas tu RUC, vuelve a este paso y lo agregas.',
  'setup.fiscal.rucLabel': 'RUC',
  'setup.fiscal.rucHint': '11 dígitos, sin espacios ni guiones.',
  'setup.fiscal.legalNameLabel': 'Razón social',
  'setup.fiscal.legalNameHint': 'Tal como figura en SUNAT.',
  'setup.fiscal.addressLabel': 'Dirección fiscal',
  'setup.fiscal.addressPlaceholder': 'Av. Los Próceres 1234, San Juan de Lurigancho',
  'setup.fiscal.currencyLabel': 'Moneda',
  'setup.fiscal.currencyValue': 'Soles (PEN)',

  'setup.branch.lead': 'Tu local es donde atiendes. Si tienes más de uno, agregas los demás después.',
  'setup.branch.nameLabel': 'Nombre del local',
  'setup.branch.defaultName': 'Local principal',
  'setup.branch.nameHint': 'Así lo verán tus mozos y tu cocina.',
  'setup.branch.addressLabel': 'Dirección',
  'setup.branch.addressPlaceholder': 'Ej.: Av. Túpac Amaru 1450',
  'setup.branch.districtLabel': 'Distrito',
  'setup.branch.districtPlaceholder': 'Ej.: San Juan de Lurigancho',
  'setup.branch.tablesLabel': 'Número de mesas',
  'setup.branch.tablesLess': 'Una mesa menos',
  'setup.branch.tablesMore': 'Una mesa más',
  'setup.branch.tablesHint': {
    one: 'Crearemos la Mesa 1 en el Salón.',
    other: 'Crearemos de la Mesa 1 a la Mesa {count} en el Salón.',
  },
  'setup.branch.tablesNone': 'Sin mesas: solo para llevar y delivery. Puedes agregarlas luego.',
  'setup.branch.tablesFewer':
    'Las mesas que sobren se desactivan, no se borran: sus pedidos anteriores se conservan.',

  'setup.register.lead': 'La caja es donde cobras y cierras el día. Más adelante puedes agregar otras.',
  'setup.register.nameLabel': 'Nombre de la caja',
  'setup.register.nameHint': 'Por ejemplo, «Caja principal» o «Caja delivery».',
  'setup.register.defaultName': 'Caja principal',

  'setup.products.lead':
    'Carga tu carta como te sea más fácil. Puedes combinar estas formas y cambiar todo después.',
  'setup.products.hand.title': 'Agrega un producto',
  'setup.products.excel.title': 'Desde Excel',
  'setup.products.excel.body':
    'Descarga la plantilla, llénala con los productos de tu carta y súbela. También puedes subir un CSV.',
  'setup.products.sample.title': 'Con una carta de ejemplo',
  'setup.products.sample.body':
    'Cargamos una carta típica de pollería (pollos, parrillas, bebidas) para que la ajustes a tu gusto. Solo agregamos lo que te falta: tus productos quedan como los escribiste.',
  'setup.products.added.title': 'Tu carta hasta ahora',
  'setup.products.added.count': {
    one: '{count} producto',
    other: '{count} productos',
  },
  'setup.products.added.empty':
    'Todavía no tienes productos. Agrega uno con cualquiera de las formas de arriba.',

  'setup.quick.nameLabel': 'Producto',
  'setup.quick.namePlaceholder': '1/4 de pollo a la brasa',
  'setup.quick.priceLabel': 'Precio',
  'setup.quick.priceHint': 'Escríbelo como 12.50 o 12,50.',
  'setup.quick.categoryLabel': 'Categoría',
  'setup.quick.categoryPlaceholder': 'Elige una categoría',
  'setup.quick.newCategoryOption': '+ Nueva categoría…',
  'setup.quick.newCategoryLabel': 'Nombre de la nueva categoría',
  'setup.quick.newCategoryPlaceholder': 'Pollos a la brasa',
  'setup.quick.newCategoryHint': 'La creamos junto con el producto.',
  'setup.quick.pickCategory': 'Elige en qué categoría va.',
  'setup.quick.add': 'Agregar producto',
  'setup.quick.adding': 'Agregando…',
  'setup.quick.added': 'Listo: {name} a {price}. Puedes agregar otro.',

  'setup.finish': 'Ir a mi negocio',
  'setup.finishing': 'Terminando…',
  'setup.finishHint': 'Podrás cambiar tu carta y estos datos cuando quieras.',
  'setup.finishHintEmpty': 'Agrega al menos un producto para continuar.',
} as const;
