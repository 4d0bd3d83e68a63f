// First: take ?tfjsflags= out of the address before anything can load TensorFlow.js.
import './state/tfjsFlags';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
