/** FINESS numbers as an administrator types them: commas, spaces or new lines between; the API validates each. */
export const parseFinessList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((value) => value.trim())
    .filter((value) => value !== '');
