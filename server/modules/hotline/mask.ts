/** 诉求人 is stored masked: a name keeps its first character, a phone number its first 3 and last 4 digits. */

/** Masks a caller as the 12345 platform shows one (`张**`, `138****5678`). */
export function maskCaller(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  return text
    .split(/\s+/)
    .map((part) => {
      if (/\d{7,}/.test(part))
        return part.replace(/\d{7,}/g, (d) => `${d.slice(0, 3)}${'*'.repeat(Math.max(1, d.length - 7))}${d.slice(-4)}`);
      const chars = [...part];
      return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 2));
    })
    .join(' ');
}
