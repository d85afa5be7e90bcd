import type { NoteColor } from '@/lib/notes/note';
import type { NotesStringKey } from './notes-strings';

/** Swatch label per colour: the name is always shown or announced, so colour is never the only cue. */
export const COLOR_LABEL: Record<NoteColor, NotesStringKey> = {
  yellow: 'colorYellow',
  green: 'colorGreen',
  blue: 'colorBlue',
  pink: 'colorPink',
  purple: 'colorPurple',
};
