import './styles.css';
import { startRouter, type Route } from './router';
import { setupSettingsDialog } from './lib/settings';
import { checkHealth } from './lib/health';
import { loadSources } from './lib/sources';

const routes: Route[] = [
  { name: 'parcours', title: 'Parcours', load: () => import('./pages/parcours') },
  { name: 'carte', title: 'Carte', load: () => import('./pages/carte') },
  { name: 'reseau', title: 'Réseau', load: () => import('./pages/reseau') },
  { name: 'manques', title: 'Manques', load: () => import('./pages/manques') },
  { name: 'accessibilite', title: 'Déclaration d’accessibilité', load: () => import('./pages/accessibilite') },
  { name: 'donnees', title: 'Données et licences', load: () => import('./pages/donnees') },
];

// The skip link must not change the hash (the hash is the route): focus <main> instead.
document.querySelector('[data-skip]')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  document.getElementById('contenu')?.focus();
});

setupSettingsDialog();
void checkHealth();
// The citations' titles first (one small request): pages cite sources as they render.
void loadSources().then(() => startRouter(routes, document.getElementById('contenu') as HTMLElement, 'parcours'));
