// Données et licences: the documents and public datasets the facts come from, their producers and
// licences, and what each public dataset brought: offers, named establishments, diplomas, or
// what else (GET /sources, GET /about).

import { cached, errorText } from '../../lib/api';
import type { components } from '../../lib/api-schema';
import { h, loading, fmtNum } from '../../lib/dom';
import { hrefFor, type PageInstance } from '../../router';
import { tableBox } from '../../lib/scroll';

type Sources = components['schemas']['SourcesOut'];
type About = components['schemas']['AboutOut'];

export function mount(el: HTMLElement): PageInstance {
  const body = h('div', {}, loading('Chargement des sources…'));
  el.append(
    h(
      'article',
      { class: 'prose' },
      h('h1', {}, 'Données et licences'),
      h('p', { class: 'lead' }, 'Chaque fait affiché cite sa source : un document décrivant un campus, ou un fichier public. Voici ces sources, leurs producteurs et leurs licences.'),
      body,
      h('p', {}, h('a', { href: hrefFor('accessibilite') }, 'Voir aussi : déclaration d’accessibilité')),
    ),
  );
  let alive = true;
  void Promise.all([cached<Sources>('/sources'), cached<About>('/about').catch(() => null)])
    .then(([sources, about]) => {
      if (!alive) return;
      const imported = about?.imported;
      const sum = (counts: Record<string, number> | undefined, patterns: string[]): number =>
        Object.entries(counts ?? {})
          .filter(([file]) => patterns.some((p) => new RegExp(p).test(file)))
          .reduce((n, [, count]) => n + count, 0);
      // What each file contributed: its offers, the establishments it names, the diplomas
      // (BCN); a file that brings none of these (names of places, jobs…) shows « — » and what
      // it brings instead, never a 0 that would read as « nothing imported ».
      const brought = (d: Sources['datasets'][number]): HTMLElement => {
        const counts = [
          [sum(imported?.offers_by_file, d.files), 'offre', 'offres'],
          [sum(imported?.establishments.named_by, d.files), 'établissement nommé', 'établissements nommés'],
          [d.key === 'bcn' ? imported?.nodes.Diploma ?? 0 : 0, 'diplôme', 'diplômes'],
        ] as const;
        const said = counts.filter(([n]) => n > 0).map(([n, one, many]) => `${fmtNum(n)} ${n > 1 ? many : one}`);
        return h(
          'td',
          {},
          said.length ? h('span', {}, said.join(' ; ')) : h('span', {}, '—'),
          h('br', {}),
          h('span', { class: 'muted' }, `Apporte ${d.brings}.`),
        );
      };
      body.replaceChildren(
        h('h2', {}, 'Documents des campus'),
        h('p', {}, 'Les fiches des campus, de leurs membres, plateformes et passerelles reprennent ces documents publics ; chaque fait cite la section et la phrase qui le fondent.'),
        h('ul', {}, ...sources.documents.map((d) => h('li', {}, h('strong', {}, d.title), ` — ${d.description}`))),
        h('h2', {}, 'Fichiers publics'),
        tableBox(
          'Fichiers publics utilisés, producteurs et licences',
          h(
            'table',
            { class: 'table' },
            h('caption', { class: 'sr-only' }, 'Fichiers publics utilisés, producteurs et licences'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Données'), h('th', { scope: 'col' }, 'Producteur'), h('th', { scope: 'col' }, 'Licence'), h('th', { scope: 'col' }, 'Apport à la base'))),
            h(
              'tbody',
              {},
              ...sources.datasets.map((d) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, d.name),
                  h('td', {}, d.producer),
                  h('td', {}, h('a', { href: d.licence_url, rel: 'noopener noreferrer' }, d.licence.replace('Licence Ouverte / Open Licence 2.0 (Etalab)', 'Licence Ouverte 2.0 (Etalab)'))),
                  brought(d),
                ),
              ),
            ),
          ),
        ),
        h('h2', {}, 'Fond de carte'),
        h('p', {}, 'Contours des départements : Natural Earth (domaine public) ; noms, régions et académies : Éducation nationale (Licence Ouverte 2.0). Aucun serveur de tuiles n’est contacté, sauf si vous en choisissez un dans les paramètres.'),
        h('h2', {}, 'Réutilisation'),
        h('p', {}, 'Les fichiers publics sont réutilisables sous leur licence, en citant leur producteur. L’API publique décrit chaque donnée : ', h('a', { href: '/docs' }, 'documentation de l’API'), '.'),
      );
    })
    .catch((e: unknown) => {
      if (alive) body.replaceChildren(h('p', { class: 'state state-error', role: 'alert' }, `Sources indisponibles : ${errorText(e)}`));
    });
  return {
    destroy() {
      alive = false;
    },
  };
}
