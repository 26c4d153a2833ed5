// Intercom-shaped identifiers.
import { randomBytes } from "node:crypto";

let counter = randomBytes(3).readUIntBE(0, 3);
const processPart = randomBytes(5).toString("hex");

/** 24 hex characters, time-ordered like a MongoDB ObjectId (contacts, companies, segments, visitors). */
export function hexId(nowSeconds = Math.floor(Date.now() / 1000)): string {
  counter = (counter + 1) % 0xffffff;
  return nowSeconds.toString(16).padStart(8, "0") + processPart + counter.toString(16).padStart(6, "0");
}

export const isHexId = (s: string) => /^[0-9a-f]{24}$/.test(s);

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
/** A workspace (app) id like `ecahpwf5`: 8 lowercase characters, starting with a letter. */
export function workspaceId(): string {
  const bytes = randomBytes(8);
  let out = ALNUM[bytes[0] % 26];
  for (let i = 1; i < 8; i++) out += ALNUM[bytes[i] % ALNUM.length];
  return out;
}

/** Numeric ids travel as strings in Intercom JSON; this parses one from a path or body, or returns null. */
export function parseNumericId(value: unknown): number | null {
  const s = String(value ?? "");
  if (!/^[0-9]{1,15}$/.test(s)) return null;
  return Number(s);
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
