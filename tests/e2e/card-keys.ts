/**
 * Our entity card lives in a CLOSED shadow root: tests reach it the way a keyboard user does. A
 * card opened by click takes the focus (its first action button); Tab walks its buttons, Enter
 * presses one. What is focused inside is read through the driver (ExtPage.inShadow), which the
 * page itself can't do.
 */
import { expect, type ExtPage } from './fixtures';

/** data-action of the focused button in the open card ('close' for ×), or null when nothing there has focus. */
export function focusedCardAction(page: ExtPage): Promise<string | null> {
  return page.inShadow('gazette-lens-card', (root) => {
    const el = root.activeElement as HTMLElement | null;
    if (!el) return null;
    return el.dataset.action ?? el.className;
  });
}

/** With a card open by click, Tabs to its `action` button (copy, ics, note, task) and presses Enter. */
export async function pressCardAction(page: ExtPage, action: string): Promise<void> {
  await expect.poll(() => focusedCardAction(page), { message: 'the clicked card takes the focus' }).not.toBeNull();
  const seen: Array<string | null> = [];
  for (let i = 0; i < 8; i++) {
    const focused = await focusedCardAction(page);
    seen.push(focused);
    if (focused === action) {
      await page.press('Enter');
      return;
    }
    await page.press('Tab');
  }
  throw new Error(`no ${action} button reached with Tab; focus went ${seen.join(' → ')}`);
}
