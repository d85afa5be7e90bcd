/**
 * Content script for county-government sites. Placeholder: it must never alter the page.
 * Page analysis (extract + highlights) arrives in a later version.
 */
export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  runAt: 'document_idle',
  main() {
    // Intentionally empty for now.
  },
});
