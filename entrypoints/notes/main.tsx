import { render } from 'preact';
import { NotesManager } from '@/components/NotesManager';
import { notesStore } from '@/storage/index';
import './style.css';

// notes.html (an unlisted page): the popup links here, with ?view=tasks or ?page=<url>.
render(<NotesManager api={notesStore()} />, document.getElementById('app')!);
