// The placeholder's list of campuses (a file, not inline: the API's CSP allows 'self' only).
const etat = document.getElementById('etat');
fetch('/campuses').then(r => {
  if (!r.ok) throw new Error('La base de données ne répond pas (' + r.status + ').');
  return r.json();
}).then(rows => {
  const tbody = document.querySelector('#campus tbody');
  for (const c of rows) {
    const tr = document.createElement('tr');
    const niveaux = c.min_level ? `${c.min_level} à ${c.max_level}` : '—';
    for (const v of [c.name, c.region || '—', c.members, c.offers, niveaux]) {
      const td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
    }
    tbody.appendChild(tr);
  }
  etat.textContent = rows.length + ' campus chargés.';
  document.getElementById('campus').hidden = false;
}).catch(e => { etat.textContent = e.message; etat.className = 'erreur'; });
