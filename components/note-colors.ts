import type { NoteColor } from '@/lib/notes/note';
import type { MessageKey } from '@/utils/i18n';

/** Swatch label per colour: the name is always shown or announced, so colour is never the only cue. */
export const COLOR_LABEL: Record<NoteColor, MessageKey> = {
  yellow: 'colorYellow',
  green: 'colorGreen',
  blue: 'colorBlue',
  pink: 'colorPink',
  purple: 'colorPurple',
};
