// First: take ?tfjsflags= out of the address before anything can load TensorFlow.js.
import './state/tfjsFlags';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startServiceWorker } from './offline/serviceWorker';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline use and updates; a browser without service workers runs the site as before.
void startServiceWorker();
