import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './shared/styles/base.css';
import './shared/styles/components.css';
import './shared/layout/layout.css';
import './shared/table/table.css';
import './features/functions/chart.css';
import './features/traces/waterfall.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
