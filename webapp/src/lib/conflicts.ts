/** What to do when an uploaded name is taken in its folder. */
export type ConflictChoice = 'keep-both' | 'replace' | 'skip';

/**
 * The first free "name (n).ext" for `name`, counting from 2 as file managers do; an existing " (n)" suffix is
 * counted on from rather than doubled ("a (2).txt" -> "a (3).txt"). A leading dot is part of the name, not an
 * extension (".bashrc" -> ".bashrc (2)"). `taken` holds the names already in the folder.
 */
export function keepBothName(name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > 0 && dot < name.length - 1;
  const stem = hasExtension ? name.slice(0, dot) : name;
  const extension = hasExtension ? name.slice(dot) : '';
  const numbered = /^(.*) \((\d+)\)$/.exec(stem);
  const base = numbered ? numbered[1] : stem;
  let n = numbered ? Number(numbered[2]) + 1 : 2;
  while (taken.has(`${base} (${n})${extension}`)) n++;
  return `${base} (${n})${extension}`;
}
