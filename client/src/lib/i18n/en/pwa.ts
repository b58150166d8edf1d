/** English messages of the installable app: the "new version" prompt, the app opened offline; spread into ../en.ts. */
export const pwaEn = {
  'pwa.update.label': 'New version of SmartKet',
  'pwa.update.message': 'A new version of SmartKet is available',
  'pwa.update.apply': 'Update',
  'pwa.update.applying': 'Updating…',
  'pwa.update.later': 'Later',
  'pwa.offlineStart.title': 'Offline — SmartKet',
  'pwa.offlineStart.heading': 'You are offline',
  'pwa.offlineStart.body':
    'SmartKet needs a connection for a moment to open. As soon as it is back, it opens by itself: nothing to do.',
};
