/** English messages of the day's sales at the till and of charging again after a void; spread into ../en.ts. */
export const salesEn = {
  'sales.title': 'Sales of the day — SmartKet',
  'sales.heading': 'Sales of the day',
  'sales.lead': 'Tap a sale to see its receipt, print it again or void it.',
  'sales.link': 'Sales of the day',
  'sales.back': 'Back to the till',
  'sales.backToList': 'Back to the sales of the day',

  'sales.day.label': 'Day',
  'sales.day.previous': 'Previous day',
  'sales.day.next': 'Next day',
  'sales.day.today': 'Today',

  'sales.summary': {
    one: '1 sale · {amount}',
    other: '{count} sales · {amount}',
  },
  'sales.summaryTips': 'Tips {amount}',
  'sales.summaryVoided': {
    one: '1 voided',
    other: '{count} voided',
  },
  'sales.list': 'Sales, latest first',
  'sales.empty.today': 'No sales yet today',
  'sales.empty.todayBody': 'Every charge shows up here with its receipt.',
  'sales.empty.day': 'No sales that day',
  'sales.empty.dayBody': 'Pick another day to see its sales.',
  'sales.loadFailed': 'We could not load the sales. Check the connection and try again.',

  'sales.row.voided': 'Voided',
  'sales.row.reason': 'Reason: {reason}',
  'sales.row.by': 'Charged by {name}',
  'sales.row.onTheHouse': 'On the house',
  'sales.row.customer': 'Made out to {name}',

  'sales.again.heading': 'Charge again · {label}',
  'sales.again.lead':
    'A receipt of this bill was voided and {amount} is owed. Choose the receipt and the customer they want, and charge it again.',
  'sales.again.button': 'Charge again {amount}',
  'sales.again.owed': 'This bill owes {amount} after the void.',

  'sales.void.lead': 'The sale stays in the reports as voided, with its reason. What it paid is owed again.',
  'sales.void.again': 'Charge this bill again',
  'sales.void.againHint':
    'After voiding, open the charge to issue another receipt (a factura instead of a boleta) or take the right payment method.',
  'sales.void.submitAgain': 'Void and charge again',
  'sales.void.doneAgain': 'Sale voided. Charge it again with the right receipt.',
  'sales.void.cashBack': '{amount} will be taken out of the till to give back.',
  'sales.void.cashBackHint':
    'This sale was charged at a till that has closed with that cash: it comes out of the till open now and shows in its report.',
  'sales.void.cashClosed': 'Open the till {register} to give back {amount} in cash.',
};
