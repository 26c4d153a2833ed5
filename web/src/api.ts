// The console's only door to opencom: its public API with the signed-in token (kept in sessionStorage).
const KEY = "opencom.token";
const VKEY = "opencom.version";

export const session = {
  get token() {
    return sessionStorage.getItem(KEY) ?? "";
  },
  set token(t: string) {
    if (t) sessionStorage.setItem(KEY, t);
    else sessionStorage.removeItem(KEY);
  },
  get version() {
    return sessionStorage.getItem(VKEY) ?? "2.14";
  },
  set version(v: string) {
    sessionStorage.setItem(VKEY, v);
  },
};

export const VERSIONS = ["2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "Unstable"];

export interface Res<T = any> {
  status: number;
  ok: boolean;
  body: T;
}

export async function api<T = any>(path: string, init: { method?: string; body?: unknown; version?: string; token?: string } = {}): Promise<Res<T>> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${init.token ?? session.token}`,
    Accept: "application/json",
    "Intercom-Version": init.version ?? session.version,
  };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await r.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: r.status, ok: r.ok, body };
}

/** The message of an error.list answer, or the status. */
export const errorText = (r: Res) =>
  r.body?.errors?.map((e: any) => `${e.code}: ${e.message}`).join("; ") || `HTTP ${r.status}`;

export const qs = (o: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};

export interface LiveChange {
  topic: string;
  type: string | null;
  id: string | null;
}

type Listener = (e: LiveChange) => void;
const listeners = new Set<Listener>();
let running: AbortController | null = null;

/** Server-sent events of the workspace's changes, read with fetch so the token travels in the header. */
export function startLive(onState?: (up: boolean) => void) {
  running?.abort();
  const ctl = new AbortController();
  running = ctl;
  const loop = async () => {
    while (!ctl.signal.aborted) {
      try {
        const r = await fetch("/_opencom/live", { headers: { Authorization: `Bearer ${session.token}`, Accept: "text/event-stream" }, signal: ctl.signal });
        if (!r.ok || !r.body) throw new Error(`live ${r.status}`);
        onState?.(true);
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            const chunk = buf.slice(0, i);
            buf = buf.slice(i + 2);
            let event = "message";
            let data = "";
            for (const line of chunk.split("\n")) {
              if (line.startsWith("event:")) event = line.slice(6).trim();
              else if (line.startsWith("data:")) data += line.slice(5).trim();
            }
            if (event === "change" && data) {
              const e = JSON.parse(data) as LiveChange;
              for (const l of listeners) l(e);
            }
          }
        }
      } catch {
        /* reconnect below */
      }
      onState?.(false);
      if (!ctl.signal.aborted) await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void loop();
}

export function stopLive() {
  running?.abort();
  running = null;
}

export function onLive(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export const fmtTime = (unix: number | null | undefined) => (unix ? new Date(unix * 1000).toISOString().replace("T", " ").slice(0, 19) : "—");
export const stripHtml = (s: string | null | undefined) => (s ?? "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
