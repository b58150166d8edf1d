import type { Dictionary } from '../types.ts';

/** English messages of the setup screens; spread into ../en.ts. */
export const setupEn = {
  'setup.title': 'Set up your business — SmartKet',
  'setup.heading': 'Set up your business',
  'setup.lead':
    'Four short steps and you are ready for your first order. Each step is saved: you can carry on later, even from another device.',
  'setup.optional': '(optional)',
  'setup.saveAndContinue': 'Save and continue',
  'setup.saving': 'Saving…',
  'setup.back': 'Back to {step}',
  'setup.offline': 'You are offline: we cannot save right now. What you typed is still here.',
  'setup.ownerOnly': 'Only the business owner can complete the setup.',
  'setup.alreadyComplete':
    'Your business is already set up. You can review and change these details any time.',
  'setup.missingStep': 'Before finishing, the “{step}” step is missing. Complete it and we carry on.',

  'setup.progress.label': 'Setup steps',
  'setup.progress.counter': 'Step {n} of {total}',
  'setup.progress.done': '(done)',
  'setup.steps.fiscal': 'Tax details',
  'setup.steps.branch': 'Your branch',
  'setup.steps.cashRegister': 'Your till',
  'setup.steps.products': 'Your products',

  'setup.fiscal.lead': 'How will you sell? You can change this later.',
  'setup.fiscal.modeLegend': 'How you sell',
  'setup.fiscal.ruc.title': 'I have a RUC',
  'setup.fiscal.ruc.body': 'You will issue boletas and facturas with your RUC and legal name.',
  'setup.fiscal.simple.title': 'Sell with simple receipts (no RUC)',
  'setup.fiscal.simple.body':
    'To start right away. Without a RUC your receipts are internal sale notes: they do not count with SUNAT.',
  'setup.fiscal.simple.note':
    'What you hand your customers will be an internal sale note of your business, not an electronic boleta: SUNAT is not told. Once you have your RUC, come back to this step and add it.',
  'setup.fiscal.rucLabel': 'RUC',
  'setup.fiscal.rucHint': '11 digits, no spaces or dashes.',
  'setup.fiscal.legalNameLabel': 'Legal name',
  'setup.fiscal.legalNameHint': 'Exactly as registered with SUNAT.',
  'setup.fiscal.addressLabel': 'Tax address',
  'setup.fiscal.addressPlaceholder': 'Av. Los Próceres 1234, San Juan de Lurigancho',
  'setup.fiscal.currencyLabel': 'Currency',
  'setup.fiscal.currencyValue': 'Soles (PEN)',

  'setup.branch.lead': 'Your branch is where you serve. If you have more than one, add the others later.',
  'setup.branch.nameLabel': 'Branch name',
  'setup.branch.defaultName': 'Main branch',
  'setup.branch.nameHint': 'Your waiters and kitchen will see this name.',
  'setup.branch.addressLabel': 'Address',
  'setup.branch.addressPlaceholder': 'E.g. Av. Túpac Amaru 1450',
  'setup.branch.districtLabel': 'District',
  'setup.branch.districtPlaceholder': 'E.g. San Juan de Lurigancho',
  'setup.branch.tablesLabel': 'Number of tables',
  'setup.branch.tablesLess': 'One table fewer',
  'setup.branch.tablesMore': 'One table more',
  'setup.branch.tablesHint': {
    one: 'We will create Table 1 in the Dining room.',
    other: 'We will create Table 1 to Table {count} in the Dining room.',
  },
  'setup.branch.tablesNone': 'No tables: takeaway and delivery only. You can add them later.',
  'setup.branch.tablesFewer': 'Extra tables are deactivated, not deleted: their past orders are kept.',

  'setup.register.lead': 'The till is where you take payments and close the day. You can add more later.',
  'setup.register.nameLabel': 'Till name',
  'setup.register.nameHint': 'For example “Main till” or “Delivery till”.',
  'setup.register.defaultName': 'Main till',

  'setup.products.lead':
    'Load your menu however is easiest. You can combine these and change everything later.',
  'setup.products.hand.title': 'Add a product',
  'setup.products.excel.title': 'From Excel',
  'setup.products.excel.body': 'Download the template, fill in your products and upload it. A CSV works too.',
  'setup.products.sample.title': 'With a sample menu',
  'setup.products.sample.body':
    'We load a typical pollería menu (chicken, grills, drinks) for you to adjust as you like. We only add what you lack: your own products stay as you wrote them.',
  'setup.products.added.title': 'Your menu so far',
  'setup.products.added.count': {
    one: '{count} product',
    other: '{count} products',
  },
  'setup.products.added.empty': 'No products yet. Add one in any of the ways above.',

  'setup.quick.nameLabel': 'Product',
  'setup.quick.namePlaceholder': 'Quarter rotisserie chicken',
  'setup.quick.priceLabel': 'Price',
  'setup.quick.priceHint': 'Type it as 12.50 or 12,50.',
  'setup.quick.categoryLabel': 'Category',
  'setup.quick.categoryPlaceholder': 'Choose a category',
  'setup.quick.newCategoryOption': '+ New category…',
  'setup.quick.newCategoryLabel': 'New category name',
  'setup.quick.newCategoryPlaceholder': 'Rotisserie chicken',
  'setup.quick.newCategoryHint': 'We create it together with the product.',
  'setup.quick.pickCategory': 'Choose which category it goes in.',
  'setup.quick.add': 'Add product',
  'setup.quick.adding': 'Adding…',
  'setup.quick.added': 'Done: {name} at {price}. You can add another.',

  'setup.finish': 'Go to my business',
  'setup.finishing': 'Finishing…',
  'setup.finishHint': 'You can change your menu and these details any time.',
  'setup.finishHintEmpty': 'Add at least one product to continue.',
} satisfies Partial<Dictionary>;
