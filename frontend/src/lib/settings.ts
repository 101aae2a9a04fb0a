// User settings kept in this browser (localStorage): an optional tile server for the maps.

const TILE_URL = 'cmq.tileUrl';
const TILE_ATTRIBUTION = 'cmq.tileAttribution';

export interface TileSettings {
  url: string;
  attribution: string;
}

function read(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function write(key: string, value: string): void {
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    /* storage disabled: the setting lasts for this page only */
  }
}

export function tileSettings(): TileSettings {
  return { url: read(TILE_URL), attribution: read(TILE_ATTRIBUTION) };
}

/** A tile URL template must be http(s) and contain {z}, {x} and {y}. */
export function validTileUrl(url: string): boolean {
  return /^https?:\/\/\S+$/.test(url) && ['{z}', '{x}', '{y}'].every((p) => url.includes(p));
}

export function saveTileSettings(s: TileSettings): void {
  write(TILE_URL, s.url.trim());
  write(TILE_ATTRIBUTION, s.attribution.trim());
  window.dispatchEvent(new CustomEvent('cmq:settings'));
}

export function setupSettingsDialog(): void {
  const dialog = document.getElementById('parametres') as HTMLDialogElement | null;
  const open = document.getElementById('ouvrir-parametres');
  if (!dialog || !open) return;
  const form = dialog.querySelector('form') as HTMLFormElement;
  const url = form.elements.namedItem('tile-url') as HTMLInputElement;
  const attribution = form.elements.namedItem('tile-attribution') as HTMLInputElement;
  const error = dialog.querySelector('.field-error') as HTMLElement;

  open.addEventListener('click', () => {
    const s = tileSettings();
    url.value = s.url;
    attribution.value = s.attribution;
    error.textContent = '';
    url.removeAttribute('aria-invalid');
    dialog.showModal();
    url.focus();
  });
  dialog.querySelector('[data-action="fermer"]')?.addEventListener('click', () => dialog.close());
  dialog.querySelector('[data-action="hors-ligne"]')?.addEventListener('click', () => {
    url.value = '';
    attribution.value = '';
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = url.value.trim();
    if (value && !validTileUrl(value)) {
      error.textContent =
        'Adresse invalide : elle doit commencer par http:// ou https:// et contenir {z}, {x} et {y}.';
      url.setAttribute('aria-invalid', 'true');
      url.focus();
      return;
    }
    saveTileSettings({ url: value, attribution: attribution.value });
    dialog.close();
    open.focus();
  });
  dialog.addEventListener('close', () => open.focus());
}
