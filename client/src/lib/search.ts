/** Lower-case, without accents: "Ají de gallina" is found by "aji", "ají" or "AJI". */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('es');
}
