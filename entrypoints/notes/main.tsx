import { render } from 'preact';
import { NotesManager } from '@/components/NotesManager';
import { localizePage } from '@/utils/i18n';
import { notesStore, requestPersistentStorage } from '@/storage/index';
import './style.css';

// notes.html (an unlisted page): the popup links here, with ?view=tasks or ?page=<url>.
localizePage(document, 'pageTitle');
// An import here may be the first write of a fresh profile: ask the browser not to evict the database.
void requestPersistentStorage();
render(<NotesManager api={notesStore()} />, document.getElementById('app')!);
