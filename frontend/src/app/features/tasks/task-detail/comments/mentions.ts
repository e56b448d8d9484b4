/** `@name` mentions in a comment being typed: which word is being completed, and who is still mentioned. */

export interface Mentionable {
  id: string;
  name: string;
}

/** The `@…` word just before the caret (a mention being typed), or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2] } : null;
}

/** People whose name (or a word of it) starts with what was typed, best first. */
export function suggestions(people: readonly Mentionable[], query: string, limit = 6): Mentionable[] {
  const q = query.toLowerCase();
  const score = (person: Mentionable) => {
    const name = person.name.toLowerCase();
    if (name.startsWith(q)) return 0;
    return name.split(/\s+/).some((word) => word.startsWith(q)) ? 1 : name.includes(q) ? 2 : 3;
  };
  return people
    .map((person) => ({ person, score: score(person) }))
    .filter(({ score }) => score < 3)
    .sort((a, b) => a.score - b.score || a.person.name.localeCompare(b.person.name))
    .slice(0, limit)
    .map(({ person }) => person);
}

/** Replaces the `@…` word at `start` with `@Name ` and says where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The people chosen while typing whose `@Name` is still in the text: what the comment mentions. */
export function mentionedIds(text: string, chosen: readonly Mentionable[]): string[] {
  return [...new Set(chosen.filter((person) => text.includes(`@${person.name}`)).map((person) => person.id))];
}
