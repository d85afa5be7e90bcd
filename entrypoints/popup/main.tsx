import { render } from 'preact';
import { Popup } from '@/components/Popup';
import './style.css';

render(<Popup version={browser.runtime.getManifest().version} />, document.getElementById('app')!);
