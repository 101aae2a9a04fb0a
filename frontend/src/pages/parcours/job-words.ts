// What a counsellor types in the job field of the Parcours form: a ROME code (« h2913 ») or
// the job's name in words (« soudeur »), which the API reads as its ROME job (GET /pathways
// job=…, one job named so) or refuses in French with the jobs to choose from.

const ROME = /^[A-N]\d{4}$/;
// the characters GET /pathways accepts in a job given in words
const WORDS = /^[A-Za-zÀ-ÖØ-öø-ÿŒœ0-9' -]{2,80}$/;

/** The `job` to send for what was typed, or the French reason it cannot be sent. */
export function typedJob(text: string): { value: string } | { error: string } {
  const typed = text.trim().replace(/\s+/g, ' ').replace(/’/g, "'");
  if (ROME.test(typed.toUpperCase())) return { value: typed.toUpperCase() };
  if (WORDS.test(typed) && /[A-Za-zÀ-ÿŒœ]{2}/.test(typed)) return { value: typed };
  return { error: 'Tapez le nom du métier (par exemple soudeur) ou son code ROME : une lettre et quatre chiffres, par exemple H2903.' };
}
