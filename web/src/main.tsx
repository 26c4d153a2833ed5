import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, errorText, session, startLive, stopLive, VERSIONS } from "./api";
import { Inbox } from "./inbox";
import { Browser, KINDS } from "./browser";
import { Requests } from "./requests";
import { Webhooks } from "./webhooks";
import "./style.css";

function useHash() {
  const [hash, setHash] = useState(location.hash || "#/inbox");
  useEffect(() => {
    const f = () => setHash(location.hash || "#/inbox");
    addEventListener("hashchange", f);
    return () => removeEventListener("hashchange", f);
  }, []);
  return hash;
}

function SignIn({ onIn }: { onIn: (me: any) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    setError("");
    const r = await api("/me", { token: token.trim() });
    if (!r.ok) return setError(r.status === 401 ? "This token is not valid." : errorText(r));
    session.token = token.trim();
    onIn(r.body);
  };
  return (
    <main class="signin">
      <h1>opencom</h1>
      <form onSubmit={submit}>
        <label>
          Access token
          <input type="password" autoComplete="off" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Sign in</button>
        {error && <p role="alert">{error}</p>}
      </form>
      <p class="hint">The token printed by <code>opencom serve</code> (or made by <code>opencom tokens create</code>). It stays in this tab only.</p>
    </main>
  );
}

function Settings({ me, onOut }: { me: any; onOut: () => void }) {
  const [ws, setWs] = useState<any>(null);
  const [version, setVersion] = useState(session.version);
  useEffect(() => {
    void api("/_opencom/workspace").then((r) => setWs(r.body));
  }, []);
  return (
    <section>
      <h2>Settings</h2>
      <p>
        Signed in as <strong>{me?.name}</strong> ({me?.email}) in workspace <strong>{ws?.name ?? me?.app?.name}</strong> (<code>{ws?.id ?? me?.app?.id_code}</code>).
      </p>
      <label>
        Intercom-Version for the console's requests
        <select value={version} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; session.version = v; setVersion(v); }}>
          {VERSIONS.map((v) => <option key={v}>{v}</option>)}
        </select>
      </label>
      <h3>Workspace</h3>
      <pre class="json">{ws ? JSON.stringify(ws, null, 2) : "…"}</pre>
      <button onClick={onOut}>Sign out</button>
    </section>
  );
}

const NAV: Array<[string, string]> = [
  ["#/inbox", "Inbox"],
  ["#/contacts", "Contacts"],
  ["#/companies", "Companies"],
  ["#/articles", "Articles"],
  ["#/requests", "Requests"],
  ["#/webhooks", "Webhooks"],
  ["#/settings", "Settings"],
];

function App() {
  const [me, setMe] = useState<any>(null);
  const [checked, setChecked] = useState(!session.token);
  const [live, setLive] = useState(false);
  const hash = useHash();

  useEffect(() => {
    if (!session.token) return;
    void api("/me").then((r) => {
      if (r.ok) setMe(r.body);
      else session.token = "";
      setChecked(true);
    });
  }, []);
  useEffect(() => {
    if (!me) return;
    startLive(setLive);
    return stopLive;
  }, [me]);

  if (!checked) return <p>Loading…</p>;
  if (!me) return <SignIn onIn={setMe} />;
  const [, route = "inbox", ...rest] = hash.split("/");
  const signOut = () => {
    session.token = "";
    setMe(null);
    location.hash = "#/inbox";
  };
  let view;
  if (route === "inbox") view = <Inbox me={me} openId={rest[0]} />;
  else if (route === "requests") view = <Requests />;
  else if (route === "webhooks") view = <Webhooks />;
  else if (route === "settings") view = <Settings me={me} onOut={signOut} />;
  else if (KINDS[route]) view = <Browser kind={route} id={rest[0] ? decodeURIComponent(rest[0]) : undefined} />;
  else view = <p>Nothing here.</p>;
  const more = Object.entries(KINDS).filter(([k]) => !["contacts", "companies", "articles"].includes(k));
  return (
    <div class="layout">
      <header>
        <strong class="brand">opencom</strong>
        <nav aria-label="Main">
          {NAV.map(([href, name]) => (
            <a key={href} href={href} aria-current={href === `#/${route}` ? "page" : undefined}>
              {name}
            </a>
          ))}
        </nav>
        <nav aria-label="More state" class="more">
          {more.map(([k, d]) => (
            <a key={k} href={`#/${k}`} aria-current={k === route ? "page" : undefined}>
              {d.title}
            </a>
          ))}
        </nav>
        <span class={live ? "live on" : "live"} title="live updates">{live ? "● live" : "○ offline"}</span>
      </header>
      <main>{view}</main>
    </div>
  );
}

render(<App />, document.getElementById("app")!);
