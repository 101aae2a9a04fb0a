// The service banner: GET /health at start-up, and again whenever a request fails with 503.

import { getJSON, ApiError } from './api';
import type { Health } from './types';
import { h } from './dom';

let checking: Promise<void> | null = null;

export function checkHealth(): Promise<void> {
  if (checking) return checking;
  const banner = document.getElementById('etat-service');
  checking = getJSON<Health>('/health')
    .then(() => {
      if (banner) {
        banner.hidden = true;
        banner.replaceChildren();
      }
    })
    .catch((e: unknown) => {
      if (!banner) return;
      const down = e instanceof ApiError && e.status === 503;
      banner.replaceChildren(
        h(
          'p',
          {},
          h('strong', {}, down ? 'Service indisponible : ' : 'Serveur injoignable : '),
          down
            ? 'la base de données ne répond pas. Les recherches et les cartes ne peuvent pas se charger pour le moment.'
            : "l'application ne parvient pas à joindre l'API.",
        ),
        h('button', { type: 'button', class: 'btn', onclick: () => window.location.reload() }, 'Réessayer'),
      );
      banner.hidden = false;
    })
    .finally(() => {
      checking = null;
    });
  return checking;
}
