// The request journal, newest first, filterable, each exchange expandable; and a chart of requests per
// second by status class over the last five minutes (plain SVG).
import { useEffect, useState } from "preact/hooks";
import { api, errorText, fmtTime, qs } from "./api";

const WINDOW = 300;
const CLASSES = [
  ["2xx", "#2e7d32"],
  ["3xx", "#1565c0"],
  ["4xx", "#ef6c00"],
  ["5xx", "#c62828"],
] as const;

function Chart({ entries, now }: { entries: any[]; now: number }) {
  const buckets = Array.from({ length: WINDOW }, () => [0, 0, 0, 0]);
  for (const e of entries) {
    const i = WINDOW - 1 - (now - e.created_at);
    const k = Math.floor(e.status / 100) - 2;
    if (i >= 0 && i < WINDOW && k >= 0 && k < 4) buckets[i][k]++;
  }
  const max = Math.max(1, ...buckets.map((b) => b[0] + b[1] + b[2] + b[3]));
  const W = 600;
  const H = 120;
  const bw = W / WINDOW;
  const rects = [];
  for (let i = 0; i < WINDOW; i++) {
    let y = H;
    for (let k = 0; k < 4; k++) {
      const h = (buckets[i][k] / max) * (H - 10);
      if (!h) continue;
      y -= h;
      rects.push(<rect key={`${i}-${k}`} x={i * bw} y={y} width={Math.max(bw, 1)} height={h} fill={CLASSES[k][1]} />);
    }
  }
  const totals = CLASSES.map((_, k) => buckets.reduce((s, b) => s + b[k], 0));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H + 14}`} role="img" aria-label={`Requests per second over the last ${WINDOW / 60} minutes: ${CLASSES.map(([n], k) => `${totals[k]} ${n}`).join(", ")}`}>
        <line x1="0" y1={H} x2={W} y2={H} stroke="#999" />
        {rects}
        <text x="0" y={H + 12} font-size="10">-{WINDOW / 60} min</text>
        <text x={W} y={H + 12} font-size="10" text-anchor="end">now</text>
        <text x="2" y="10" font-size="10">{max}/s</text>
      </svg>
      <figcaption>
        {CLASSES.map(([n, color], k) => (
          <span key={n} class="legend">
            <i style={{ background: color }} /> {n} {totals[k]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function Requests() {
  const [method, setMethod] = useState("");
  const [path, setPath] = useState("");
  const [status, setStatus] = useState("");
  const [filter, setFilter] = useState<Record<string, string>>({});
  const [entries, setEntries] = useState<any[]>([]);
  const [recent, setRecent] = useState<any[]>([]);
  const [now, setNow] = useState(0);
  const [error, setError] = useState("");

  const load = async () => {
    const r = await api(`/_opencom/requests${qs({ ...filter, per_page: 100 })}`);
    if (!r.ok) return setError(errorText(r));
    setError("");
    setEntries(r.body.data ?? []);
    const clock = (await api("/_opencom/clock")).body?.now ?? Math.floor(Date.now() / 1000);
    // the chart: the last minutes, at most 5 pages of 200
    const all: any[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const p = await api(`/_opencom/requests${qs({ since: clock - WINDOW, per_page: 200, starting_after: cursor })}`);
      if (!p.ok) break;
      all.push(...(p.body.data ?? []));
      cursor = p.body.pages?.next?.starting_after;
      if (!cursor) break;
    }
    setRecent(all);
    setNow(clock);
  };
  useEffect(() => {
    void load();
    const t = setInterval(load, 3000);
    return () => clearInterval(t);
  }, [filter]);

  return (
    <section class="requests">
      <h2>Requests</h2>
      <Chart entries={recent} now={now} />
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ method: method.trim().toUpperCase(), path: path.trim(), status: status.trim() });
        }}
      >
        <label>
          Method
          <select value={method} onChange={(e) => setMethod((e.target as HTMLSelectElement).value)}>
            <option value="">Any</option>
            {["GET", "POST", "PUT", "DELETE"].map((m) => <option key={m}>{m}</option>)}
          </select>
        </label>
        <label>
          Path
          <input value={path} placeholder="/contacts or /contacts/{id}" onInput={(e) => setPath((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Status
          <input value={status} inputMode="numeric" size={4} onInput={(e) => setStatus((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Filter</button>
        <button type="button" onClick={async () => { await api("/_opencom/requests", { method: "DELETE" }); void load(); }}>Clear journal</button>
      </form>
      {error && <p role="alert">{error}</p>}
      <ul aria-label="Request journal" class="journal">
        {entries.map((e) => (
          <li key={e.id}>
            <details>
              <summary>
                <span class={`status s${Math.floor(e.status / 100)}xx`}>{e.status}</span> <strong>{e.method}</strong> {e.path}
                {e.query ? `?${e.query}` : ""} <span class="meta">{fmtTime(e.created_at)} · {e.duration_ms} ms · {e.intercom_version ?? ""}</span>
                {e.warnings?.length ? <span class="warn"> ⚠ {e.warnings.length} warning{e.warnings.length > 1 ? "s" : ""}</span> : null}
              </summary>
              {e.warnings?.length > 0 && (
                <ul aria-label="Lint warnings" class="warnings">
                  {e.warnings.map((w: string) => <li key={w}>{w}</li>)}
                </ul>
              )}
              <p class="meta">route {e.route}</p>
              <h4>Request</h4>
              <pre class="json">{e.request_body == null ? "(no body)" : JSON.stringify(e.request_body, null, 2)}</pre>
              <h4>Response</h4>
              <pre class="json">{e.response_body == null ? "(no body)" : JSON.stringify(e.response_body, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ul>
      {entries.length === 0 && <p class="empty">No requests recorded.</p>}
    </section>
  );
}
