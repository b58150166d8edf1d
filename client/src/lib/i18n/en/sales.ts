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

  'sales.row.tip': '+ tip {amount}',
  'sales.row.refunded': 'Refunded',

  'sales.void.lead':
    'The sale stays in the reports as voided, with its reason. What it paid is owed again: another receipt is issued.',
  'sales.void.leadRefund':
    'The sale stays in the reports as voided, with its reason. It is a refund: the money goes back to the customer and the bill owes nothing for it.',
  'sales.void.again': 'Charge this bill again',
  'sales.void.againHint':
    'After voiding, open the charge to issue another receipt (a factura instead of a boleta) or take the right payment method.',
  'sales.void.submitAgain': 'Void and charge again',
  'sales.void.doneAgain': 'Sale voided. Charge it again with the right receipt.',
  'sales.void.doneCash': 'Sale voided. {amount} was taken out of {register} to give back.',
  'sales.void.doneBefore': 'This sale was already voided.',
  'sales.void.cashBack': '{amount} in cash will be given back from {register}.',
  'sales.void.cashBackOwn': '{amount} in cash will be given back from the till where it was charged.',
  'sales.void.cashBackHint':
    "It was charged in a shift that closed with that cash: that close does not change, and the refund shows as cash out in the report of {register}'s shift open now.",
  'sales.void.cashBackHintOwn':
    'It was charged in a shift that closed with that cash: that close does not change, and the refund shows as cash out in the report of the shift open now.',
  'sales.void.till': 'Till giving the cash back',
  'sales.void.tillPick': 'Choose the till',
  'sales.void.tillRequired': 'Choose which till the cash comes from.',
  'sales.void.tillClosed': 'No till is open: open one to give back {amount} in cash.',
  'sales.void.cashClosed': 'Open the till {register} to give back {amount} in cash.',
};
