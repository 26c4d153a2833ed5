// Webhook subscriptions and deliveries, the workspace clock, faults and the rate limit.
import { useEffect, useState } from "preact/hooks";
import { api, errorText, fmtTime, onLive, qs } from "./api";

const val = (e: Event) => (e.target as HTMLInputElement).value;

function Subscriptions({ onChange }: { onChange: () => void }) {
  const [subs, setSubs] = useState<any[]>([]);
  const [url, setUrl] = useState("");
  const [topics, setTopics] = useState("");
  const [version, setVersion] = useState("");
  const [editing, setEditing] = useState<any>(null);
  const [error, setError] = useState("");
  const load = async () => setSubs((await api("/_opencom/webhooks")).body?.data ?? []);
  useEffect(() => void load(), []);
  const topicList = (s: string) => s.split(/[\s,]+/).filter(Boolean);
  const call = async (path: string, method: string, body?: unknown) => {
    setError("");
    const r = await api(path, { method, body });
    if (!r.ok) setError(errorText(r));
    await load();
    onChange();
    return r.ok;
  };
  return (
    <section>
      <h3>Subscriptions</h3>
      <ul aria-label="Subscriptions" class="items">
        {subs.map((s) => (
          <li key={s.id}>
            {editing?.id === s.id ? (
              <form
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (await call(`/_opencom/webhooks/${s.id}`, "PUT", { url: editing.url, topics: topicList(editing.topics), active: editing.active })) setEditing(null);
                }}
              >
                <label>URL <input value={editing.url} onInput={(e) => setEditing({ ...editing, url: val(e) })} /></label>
                <label>Topics <input value={editing.topics} onInput={(e) => setEditing({ ...editing, topics: val(e) })} /></label>
                <label>Active <input type="checkbox" checked={editing.active} onChange={(e) => setEditing({ ...editing, active: (e.target as HTMLInputElement).checked })} /></label>
                <button type="submit">Save</button> <button type="button" onClick={() => setEditing(null)}>Cancel</button>
              </form>
            ) : (
              <>
                <strong>#{s.id}</strong> {s.url} <span class="meta">{s.topics.join(", ")} · {s.version} · {s.active ? "active" : "inactive"}</span>{" "}
                <button onClick={() => setEditing({ id: s.id, url: s.url, topics: s.topics.join(", "), active: s.active })}>Edit</button>{" "}
                <button onClick={() => call(`/_opencom/webhooks/${s.id}/ping`, "POST")}>Ping</button>{" "}
                <button onClick={() => call(`/_opencom/webhooks/${s.id}`, "DELETE")}>Delete</button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form
        class="row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await call("/_opencom/webhooks", "POST", { url, topics: topicList(topics), ...(version ? { version } : {}) })) {
            setUrl("");
            setTopics("");
          }
        }}
      >
        <label>Webhook URL <input value={url} placeholder="http://localhost:9000/hook" onInput={(e) => setUrl(val(e))} /></label>
        <label>Topics <input value={topics} placeholder="contact.user.created, conversation.user.replied" onInput={(e) => setTopics(val(e))} /></label>
        <label>Version <input value={version} size={6} placeholder="2.14" onInput={(e) => setVersion(val(e))} /></label>
        <button type="submit">Subscribe</button>
      </form>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}

function Deliveries({ tick }: { tick: number }) {
  const [list, setList] = useState<any[]>([]);
  const [topic, setTopic] = useState("");
  const [status, setStatus] = useState("");
  const load = async () => setList((await api(`/_opencom/webhooks/deliveries${qs({ per_page: 50, topic, status })}`)).body?.data ?? []);
  useEffect(() => {
    void load();
    const t = setInterval(load, 2000);
    const off = onLive(() => void load());
    return () => {
      clearInterval(t);
      off();
    };
  }, [topic, status, tick]);
  return (
    <section>
      <h3>Deliveries</h3>
      <div class="row">
        <label>Topic filter <input value={topic} onInput={(e) => setTopic(val(e))} /></label>
        <label>
          Status filter
          <select value={status} onChange={(e) => setStatus(val(e))}>
            <option value="">Any</option>
            {["pending", "delivered", "failed", "dropped"].map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
      </div>
      <ul aria-label="Deliveries" class="journal">
        {list.map((d) => (
          <li key={d.id}>
            <details>
              <summary>
                <span class={`status d-${d.status}`}>{d.status}</span> <strong>{d.topic}</strong> <span class="meta">#{d.id} → subscription {d.subscription_id} · {d.delivery_attempts} attempt(s) · {fmtTime(d.created_at)}</span>
              </summary>
              <button onClick={async () => { await api(`/_opencom/webhooks/deliveries/${d.id}/redeliver`, { method: "POST" }); void load(); }}>Redeliver</button>
              {d.request && (
                <>
                  <p class="meta">
                    POST {d.request.url} · signature <code>{d.request.headers?.["X-Hub-Signature"] ?? d.request.headers?.["x-hub-signature"]}</code>
                  </p>
                  <h4>Headers</h4>
                  <pre class="json">{JSON.stringify(d.request.headers, null, 2)}</pre>
                  <h4>Body</h4>
                  <pre class="json">{typeof d.request.body === "string" ? (() => { try { return JSON.stringify(JSON.parse(d.request.body), null, 2); } catch { return d.request.body; } })() : JSON.stringify(d.request.body, null, 2)}</pre>
                </>
              )}
              <h4>Attempts</h4>
              <ol>
                {d.attempts.map((a: any, i: number) => (
                  <li key={i}>
                    {fmtTime(a.at)} · {a.status ?? "no response"} {a.error ? `· ${a.error}` : ""} · {a.duration_ms} ms {a.response_body ? `· ${String(a.response_body).slice(0, 200)}` : ""}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
      {list.length === 0 && <p class="empty">No deliveries.</p>}
    </section>
  );
}

function Clock() {
  const [clock, setClock] = useState<any>(null);
  const [at, setAt] = useState("");
  const [secs, setSecs] = useState("3600");
  const [error, setError] = useState("");
  const load = async () => setClock((await api("/_opencom/clock")).body);
  useEffect(() => {
    void load();
    const t = setInterval(load, 1000);
    return () => clearInterval(t);
  }, []);
  const call = async (method: string, path: string, body?: unknown) => {
    setError("");
    const r = await api(path, { method, body });
    if (!r.ok) setError(errorText(r));
    await load();
  };
  return (
    <section>
      <h3>Clock</h3>
      <p>
        Workspace time <strong>{fmtTime(clock?.now)}</strong> ({clock?.now}) · {clock?.frozen ? "frozen" : "running"}
      </p>
      <div class="row">
        <label>Set to (UTC) <input type="datetime-local" step={1} value={at} onInput={(e) => setAt(val(e))} /></label>
        <button disabled={!at} onClick={() => call("PUT", "/_opencom/clock", { now: Math.floor(Date.parse(at + "Z") / 1000) })}>Set clock</button>
        <label>Seconds <input value={secs} size={8} inputMode="numeric" onInput={(e) => setSecs(val(e))} /></label>
        <button onClick={() => call("POST", "/_opencom/clock/advance", { seconds: Number(secs) })}>Advance</button>
        <button onClick={() => call("DELETE", "/_opencom/clock")}>Real time</button>
      </div>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}

function Faults() {
  const [faults, setFaults] = useState<any[]>([]);
  const [f, setF] = useState({ method: "", path: "/contacts/**", status: "503", latency_ms: "", probability: "", times: "" });
  const [error, setError] = useState("");
  const load = async () => setFaults((await api("/_opencom/faults")).body?.data ?? []);
  useEffect(() => void load(), []);
  const add = async (e: Event) => {
    e.preventDefault();
    setError("");
    const body: Record<string, unknown> = { path: f.path };
    if (f.method) body.method = f.method;
    for (const k of ["status", "latency_ms", "probability", "times"] as const) if (f[k]) body[k] = Number(f[k]);
    const r = await api("/_opencom/faults", { method: "POST", body });
    if (!r.ok) setError(errorText(r));
    await load();
  };
  const field = (k: keyof typeof f, label: string, size = 6) => (
    <label>{label} <input value={f[k]} size={size} onInput={(e) => setF({ ...f, [k]: val(e) })} /></label>
  );
  return (
    <section>
      <h3>Faults</h3>
      <ul aria-label="Faults" class="items">
        {faults.map((x) => (
          <li key={x.id}>
            {x.method ?? "any"} {x.path} → {x.status ?? "latency only"} {x.latency_ms ? `+${x.latency_ms} ms` : ""} {x.probability != null ? `p=${x.probability}` : ""} {x.remaining != null ? `${x.remaining} left` : ""}{" "}
            <button onClick={async () => { await api(`/_opencom/faults/${x.id}`, { method: "DELETE" }); void load(); }}>Remove</button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={add}>
        {field("method", "Fault method")}
        {field("path", "Fault path", 18)}
        {field("status", "Fault status", 4)}
        {field("latency_ms", "Latency ms")}
        {field("probability", "Probability", 4)}
        {field("times", "Times", 4)}
        <button type="submit">Add fault</button>
      </form>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}

function RateLimit() {
  const [limit, setLimit] = useState<number | null>(null);
  const [input, setInput] = useState("");
  const [error, setError] = useState("");
  const load = async () => {
    const r = await api("/_opencom/rate_limit");
    setLimit(r.body?.per_minute ?? null);
  };
  useEffect(() => void load(), []);
  const put = async (per_minute: number | null) => {
    setError("");
    const r = await api("/_opencom/rate_limit", { method: "PUT", body: { per_minute } });
    if (!r.ok) setError(errorText(r));
    await load();
  };
  return (
    <section>
      <h3>Rate limit</h3>
      <p>{limit == null ? "Off" : `${limit} requests per minute`}</p>
      <div class="row">
        <label>Per minute <input value={input} size={6} inputMode="numeric" onInput={(e) => setInput(val(e))} /></label>
        <button disabled={!input} onClick={() => put(Number(input))}>Set limit</button>
        <button onClick={() => put(null)}>No limit</button>
      </div>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}

export function Webhooks() {
  const [tick, setTick] = useState(0);
  return (
    <div class="webhooks">
      <h2>Webhooks</h2>
      <Subscriptions onChange={() => setTick(tick + 1)} />
      <Deliveries tick={tick} />
      <h2>Testing toolkit</h2>
      <Clock />
      <Faults />
      <RateLimit />
    </div>
  );
}
