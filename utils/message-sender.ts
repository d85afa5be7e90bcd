/**
 * Who may send the background a message. runtime.onMessage only hears this extension's own
 * contexts (no `externally_connectable`, so web pages can't call runtime.sendMessage for us), but
 * the id is checked anyway, and messages meant for content scripts must come from a tab (a content
 * script, or one of our pages opened in a tab) or from one of our own pages (the popup).
 */

/** The part of runtime.MessageSender the background looks at. */
export interface MessageSender {
  id?: string;
  tab?: { id?: number };
  url?: string;
}

/** This extension: its id and the origin of its pages with a trailing slash (runtime.getURL('/')). */
export interface Self {
  id: string;
  origin: string;
}

/** 'extension': any context of this extension; 'content': a content script or one of our pages. */
export type SenderNeed = 'extension' | 'content';

/** Why a message from `sender` is refused, in the reader's words; null when it is accepted. */
export function senderRefusal(sender: MessageSender, self: Self, need: SenderNeed): string | null {
  if (sender.id !== self.id) return '拒绝：消息不是来自公报透镜本身。';
  if (need === 'extension') return null;
  const ownPage = typeof sender.url === 'string' && sender.url.startsWith(self.origin);
  if (sender.tab?.id === undefined && !ownPage) return '拒绝：这条消息只能来自网页中的公报透镜。';
  return null;
}
