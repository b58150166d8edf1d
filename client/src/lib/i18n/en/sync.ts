/** English messages of the outbox and connection indicator in the app bar; spread into ../en.ts. */
export const syncEn = {
  'sync.offline': 'Offline',
  'sync.pending': { one: '{count} pending', other: '{count} pending' },
  'sync.syncing': 'Syncing…',
  'sync.rejected': { one: '{count} not sent', other: '{count} not sent' },
  'sync.open': 'See what is waiting to be sent',
  'sync.panel.label': 'Sending status',
  'sync.panel.offline':
    'No connection to SmartKet. What you take down is kept on this device and sent by itself when the signal returns.',
  'sync.panel.pending': {
    one: '{count} change is waiting to be sent, in the order you made it.',
    other: '{count} changes are waiting to be sent, in the order you made them.',
  },
  'sync.panel.rejected': {
    one: 'SmartKet did not accept {count} change. Open it in Tables to see what to do.',
    other: 'SmartKet did not accept {count} changes. Open them in Tables to see what to do.',
  },
  'sync.panel.atRisk':
    'This browser could erase what was not sent if it runs out of space. Do not clear the browser’s data, and get back online as soon as you can.',
  'sync.panel.sendNow': 'Send now',
  'sync.panel.close': 'Close',
};
