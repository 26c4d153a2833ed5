// formatted_phone: one rule, read two ways (in memory for the contact object and the search engine's
// evaluation; in SQL for search), both derived from the same separator list so they cannot disagree.
// The phone in E.164 when it is written internationally (+ or 00) with common separators between
// digits; otherwise null (no country is guessed).
import { sql, type Expression } from "kysely";
import type { Dialect } from "../../search/dialect.js";

/** Characters a phone may have between its digits. */
const PHONE_SEPARATORS = [" ", "-", "(", ")", ".", "/", "_"];

export function formattedPhone(phone: string | null): string | null {
  const t = phone?.trim();
  if (!t) return null;
  let digits = t.startsWith("+") ? t.slice(1) : t.startsWith("00") ? t.slice(2) : null;
  if (digits === null) return null;
  for (const s of PHONE_SEPARATORS) digits = digits.split(s).join("");
  return /^[0-9]{7,15}$/.test(digits) ? `+${digits}` : null;
}

/** The same rule as formattedPhone, as an SQL expression over a phone column. */
export function formattedPhoneSql(d: Dialect, phone: Expression<unknown>): Expression<unknown> {
  const trimmed = sql`trim(${phone})`;
  let digits: Expression<unknown> = sql`(case when substr(${trimmed}, 1, 1) = '+' then substr(${trimmed}, 2) when substr(${trimmed}, 1, 2) = '00' then substr(${trimmed}, 3) end)`;
  for (const s of PHONE_SEPARATORS) digits = sql`replace(${digits}, ${sql.lit(s)}, '')`;
  return sql`(case when ${d.digitsOnly(digits)} and length(${digits}) between 7 and 15 then '+' || ${digits} end)`;
}
