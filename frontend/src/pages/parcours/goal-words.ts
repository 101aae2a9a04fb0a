/** The goal diploma in the heading's words, by the API's rule (graph/pathways/goal_words.py):
 * « le diplôme BTS électrotechnique (32025520) », but « le diplôme d'État d'infirmier(ière)
 * (26033101) » for a diploma whose name starts « Diplôme » (tester23: « vers le diplôme
 * Diplôme d'État … »), and « le diplôme XYZ » as the API names an unknown goal code. */
export function goalDiplomaText(goal: string): string {
  if (goal.toLowerCase().startsWith('diplôme')) return `le ${goal[0].toLowerCase()}${goal.slice(1)}`;
  return `le diplôme ${goal}`;
}
