import { render } from 'preact';
import { Options } from '@/components/Options';
import { getSiteModes, setSiteMode } from '@/utils/site-modes';
import '../popup/style.css';

render(<Options load={getSiteModes} save={setSiteMode} />, document.getElementById('app')!);
