import { render } from 'solid-js/web';
import { App } from './App.tsx';
import './styles.css';

render(() => <App />, document.getElementById('root') as HTMLElement);

// The service worker keeps the app shell, so a till opens with no network after its first visit.
if ('serviceWorker' in navigator && !(import.meta as { env?: { DEV?: boolean } }).env?.DEV) {
  void navigator.serviceWorker.register('/sw.js').catch((e: unknown) => console.warn('service worker', e));
}
