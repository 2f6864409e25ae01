/**
 * Validation messages of the wizard's step forms in plain words: zod's built-in wording ("Too
 * small: expected number to be >=0") becomes what to type. Framework-free (the forms and tests).
 */

/**
 * Zod's built-in messages are not plain words; say what to do instead. The schemas' own messages
 * (lib/channels/settings.ts) already name the range and pass through. The range checks come first:
 * "Too small: expected number to be >=0" also contains "expected number".
 */
export function plainMessage(message: string | undefined): string | undefined {
  if (!message) return message;
  const small = /Too small: expected number to be >=?(-?[\d.]+)/i.exec(message);
  if (small) return `Enter ${small[1]} or more`;
  const big = /Too big: expected number to be <=?(-?[\d.]+)/i.exec(message);
  if (big) return `Enter ${big[1]} or less`;
  if (/expected int/i.test(message)) return "Enter a whole number";
  if (/expected number|received nan/i.test(message)) return "Enter a number";
  if (/expected (string|boolean)/i.test(message)) return "Fill this in";
  return message;
}
