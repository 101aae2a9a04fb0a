// Déclaration d'accessibilité (RGAA 4.1): what was checked, how, and what is not accessible yet.

import { h } from '../../lib/dom';
import { hrefFor, type PageInstance } from '../../router';

export function mount(el: HTMLElement): PageInstance {
  const section = (title: string, ...children: (Node | string)[]): HTMLElement => h('section', { class: 'prose-section' }, h('h2', {}, title), ...children);
  el.append(
    h(
      'article',
      { class: 'prose' },
      h('h1', {}, 'Déclaration d’accessibilité'),
      h(
        'p',
        { class: 'lead' },
        'Ce service s’engage à rendre son interface accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. ',
        'Cette déclaration s’applique à l’interface web de cmq-graph (pages Parcours, Carte, Réseau, Manques et pages d’information).',
      ),
      section(
        'État de conformité',
        h('p', {}, 'L’interface est ', h('strong', {}, 'partiellement conforme'), ' au référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1 : aucun audit complet du RGAA n’a encore été réalisé par un tiers.'),
      ),
      section(
        'Résultats des tests',
        h(
          'ul',
          {},
          h('li', {}, 'Chaque page est contrôlée automatiquement, à chaque version, avec axe-core (règles WCAG 2.2 niveaux A et AA, et bonnes pratiques), sur un écran d’ordinateur et sur un écran de téléphone : aucune erreur relevée.'),
          h('li', {}, 'Parcours complet au clavier seul (lien d’évitement, navigation, listes de suggestions, boîtes de dialogue, focus visible) vérifié par des tests automatisés.'),
          h('li', {}, 'Un tableau plus large que l’écran, ou une fiche du réseau plus longue que son cadre, défile au clavier : la touche Tab s’y arrête tant qu’il défile, et les flèches le font défiler.'),
          h('li', {}, 'Affichage vérifié sur un écran de téléphone (390 pixels de large) et avec un agrandissement à 200 % : pas de défilement horizontal, en-tête réduit.'),
          h('li', {}, 'Tous les champs de formulaire ont une étiquette ; les messages d’erreur sont reliés au champ et annoncés.'),
        ),
      ),
      section(
        'Contenus non accessibles',
        h(
          'ul',
          {},
          h('li', {}, 'Les cartes (Parcours, Carte) et le graphe du réseau sont des images interactives. Chacun a un équivalent accessible : la liste des lieux affichés sous la carte, les étapes détaillées de chaque parcours, la liste de tous les nœuds du réseau et la fiche de chaque nœud.'),
          h('li', {}, 'Les libellés de diplômes issus des fichiers publics sont parfois écrits en majuscules, comme dans la source.'),
        ),
      ),
      section(
        'Établissement de cette déclaration',
        h('p', {}, 'Déclaration établie en décembre 2026. Technologies utilisées : HTML, CSS, JavaScript, SVG. Environnement de test : Chromium (Debian) avec playwright-core et axe-core ; lecteurs d’écran non testés à ce jour.'),
      ),
      section(
        'Retour d’information et contact',
        h('p', {}, 'Si vous n’arrivez pas à accéder à un contenu ou à un service, signalez-le à l’organisme qui met ce service à votre disposition : il vous orientera vers une alternative accessible ou vous transmettra l’information sous une autre forme.'),
      ),
      section(
        'Voies de recours',
        h('p', {}, 'Si vous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez :'),
        h(
          'ul',
          {},
          h('li', {}, 'écrire un message au ', h('a', { href: 'https://formulaire.defenseurdesdroits.fr/', rel: 'noopener noreferrer' }, 'Défenseur des droits'), ' ;'),
          h('li', {}, 'contacter le délégué du Défenseur des droits dans votre région ;'),
          h('li', {}, 'envoyer un courrier (gratuit, sans timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.'),
        ),
      ),
      h('p', {}, h('a', { href: hrefFor('donnees') }, 'Voir aussi : données et licences')),
    ),
  );
  return { destroy() {} };
}
