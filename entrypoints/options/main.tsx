import { render } from 'preact';
import { Options } from '@/components/Options';
import { getSiteModes, setSiteMode } from '@/utils/site-modes';
import { localizePage } from '@/utils/i18n';
import '../popup/style.css';

localizePage(document, 'optionsTitle');

render(<Options load={getSiteModes} save={setSiteMode} />, document.getElementById('app')!);
