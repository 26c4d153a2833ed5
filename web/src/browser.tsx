// The state browser: paged, searchable lists of the workspace's objects and a detail view with the
// object's JSON as the API answers it in a chosen Intercom-Version, with an edit where the API has one.
import { useEffect, useState } from "preact/hooks";
import { api, errorText, qs, session, VERSIONS } from "./api";

interface Page {
  items: any[];
  /** the next page's token (cursor or page number), if any */
  next?: string;
  total?: number;
  totalPages?: number;
}

interface Kind {
  title: string;
  /** one page; `token` is the page's cursor / number from the previous page's `next` */
  list: (search: string, token?: string) => Promise<Page | null>;
  label: (o: any) => string;
  sub?: (o: any) => string;
  get?: (id: string) => string;
  /** PUT path to edit (body: the JSON typed in) */
  edit?: (id: string) => string;
  editTemplate?: (o: any) => unknown;
  /** shown only when the API answers 200 */
  optional?: boolean;
}

const PER = 50;
const cursorPage = (r: any, key = "data"): Page => ({
  items: r[key] ?? [],
  next: r.pages?.next?.starting_after ?? undefined,
  total: r.total_count,
  totalPages: r.pages?.total_pages,
});
const numberPage = (r: any, key: string, page: number): Page => ({
  items: r[key] ?? [],
  next: r.pages?.total_pages > page ? String(page + 1) : undefined,
  total: r.total_count,
  totalPages: r.pages?.total_pages,
});
const get = async (path: string) => {
  const r = await api(path);
  if (!r.ok) throw new Error(errorText(r));
  return r.body;
};
const filterLocal = (items: any[], s: string, f: (o: any) => string) => (s ? items.filter((o) => f(o).toLowerCase().includes(s.toLowerCase())) : items);

export const KINDS: Record<string, Kind> = {
  contacts: {
    title: "Contacts",
    async list(s, token) {
      if (!s) return cursorPage(await get(`/contacts${qs({ per_page: PER, starting_after: token })}`));
      const r = await api("/contacts/search", {
        method: "POST",
        body: { query: { operator: "OR", value: [{ field: "email", operator: "~", value: s }, { field: "name", operator: "~", value: s }, { field: "external_id", operator: "=", value: s }] }, pagination: { per_page: PER, ...(token ? { starting_after: token } : {}) } },
      });
      if (!r.ok) throw new Error(errorText(r));
      return cursorPage(r.body);
    },
    label: (o) => o.name || o.email || o.id,
    sub: (o) => `${o.role} · ${o.email ?? ""}`,
    get: (id) => `/contacts/${id}`,
    edit: (id) => `/contacts/${id}`,
    editTemplate: (o) => ({ name: o.name, email: o.email, phone: o.phone, custom_attributes: o.custom_attributes ?? {} }),
  },
  companies: {
    title: "Companies",
    async list(s, token) {
      if (s) {
        const r = await api(`/companies${qs({ name: s })}`);
        return { items: r.ok ? (r.body.type === "company" ? [r.body] : r.body.data ?? []) : [] };
      }
      const page = Number(token ?? 1);
      return numberPage(await get(`/companies${qs({ per_page: PER, page })}`), "data", page);
    },
    label: (o) => o.name || o.company_id,
    sub: (o) => `${o.company_id} · ${o.user_count ?? 0} users`,
    get: (id) => `/companies/${id}`,
    edit: (id) => `/companies/${id}`,
    editTemplate: (o) => ({ name: o.name, website: o.website, industry: o.industry, custom_attributes: o.custom_attributes ?? {} }),
  },
  articles: {
    title: "Articles",
    async list(s, token) {
      const page = Number(token ?? 1);
      if (s) {
        const r = await get(`/articles/search${qs({ phrase: s, page, per_page: PER })}`);
        return { items: r.data?.articles ?? [], next: r.pages?.total_pages > page ? String(page + 1) : undefined, total: r.total_count, totalPages: r.pages?.total_pages };
      }
      return numberPage(await get(`/articles${qs({ per_page: PER, page })}`), "data", page);
    },
    label: (o) => o.title || o.id,
    sub: (o) => `${o.state} · ${o.url ?? ""}`,
    get: (id) => `/articles/${id}`,
    edit: (id) => `/articles/${id}`,
    editTemplate: (o) => ({ title: o.title, description: o.description, body: o.body, state: o.state }),
  },
  tags: {
    title: "Tags",
    async list(s) {
      return { items: filterLocal((await get("/tags")).data ?? [], s, (o) => o.name) };
    },
    label: (o) => o.name,
    get: (id) => `/tags/${id}`,
  },
  segments: {
    title: "Segments",
    async list(s) {
      return { items: filterLocal((await get("/segments?include_count=true")).segments ?? [], s, (o) => o.name) };
    },
    label: (o) => o.name,
    sub: (o) => `${o.person_type} · ${o.count ?? ""}`,
    get: (id) => `/segments/${id}`,
  },
  data_attributes: {
    title: "Data attributes",
    async list(s) {
      const [a, b] = await Promise.all([get("/data_attributes?model=contact"), get("/data_attributes?model=company")]);
      return { items: filterLocal([...(a.data ?? []), ...(b.data ?? [])], s, (o) => `${o.model} ${o.name} ${o.full_name}`) };
    },
    label: (o) => `${o.model}: ${o.full_name ?? o.name}`,
    sub: (o) => `${o.data_type}${o.custom ? " · custom" : ""}`,
  },
  collections: {
    title: "Collections",
    async list(s, token) {
      const page = Number(token ?? 1);
      const r = numberPage(await get(`/help_center/collections${qs({ per_page: PER, page })}`), "data", page);
      return { ...r, items: filterLocal(r.items, s, (o) => o.name) };
    },
    label: (o) => o.name,
    sub: (o) => o.description ?? "",
    get: (id) => `/help_center/collections/${id}`,
    edit: (id) => `/help_center/collections/${id}`,
    editTemplate: (o) => ({ name: o.name, description: o.description }),
  },
  custom_objects: {
    title: "Custom objects",
    optional: true,
    // every type's instances (the 2.16 list), a page of each type per page; an item's id names its type
    async list(s, token) {
      const types = await api("/_opencom/custom_object_types");
      if (types.status !== 200) return null;
      const page = Number(token ?? 1);
      const lists = await Promise.all(
        (types.body.data ?? []).map(async (t: any) => {
          const r = await api(`/custom_object_instances/${encodeURIComponent(t.identifier)}${qs({ page, per_page: PER })}`, { version: "2.16" });
          return r.ok ? { items: r.body.data ?? [], pages: r.body.pages?.total_pages ?? 1, total: r.body.total_count ?? 0 } : { items: [], pages: 0, total: 0 };
        }),
      );
      const totalPages = Math.max(1, ...lists.map((l) => l.pages));
      const items = lists.flatMap((l) => l.items).map((o: any) => ({ ...o, id: `${o.type}/${o.id}` }));
      return {
        items: filterLocal(items, s, (o) => `${o.type} ${o.external_id ?? ""} ${JSON.stringify(o.custom_attributes ?? {})}`),
        next: totalPages > page ? String(page + 1) : undefined,
        total: lists.reduce((n, l) => n + l.total, 0),
        totalPages,
      };
    },
    label: (o) => `${o.type}: ${o.external_id ?? o.id}`,
    sub: (o) => Object.entries(o.custom_attributes ?? {}).slice(0, 3).map(([k, v]) => `${k}=${v}`).join(" · "),
    get: (id) => {
      const cut = id.lastIndexOf("/");
      return `/custom_object_instances/${encodeURIComponent(id.slice(0, cut))}/${encodeURIComponent(id.slice(cut + 1))}`;
    },
  },
  ticket_types: {
    title: "Ticket types",
    optional: true,
    async list(s) {
      const r = await api("/ticket_types");
      if (r.status !== 200) return null;
      return { items: filterLocal(r.body.data ?? r.body.ticket_types ?? [], s, (o) => o.name) };
    },
    label: (o) => o.name,
    sub: (o) => o.category ?? "",
    get: (id) => `/ticket_types/${id}`,
  },
};

function useKindAvailable(kind: Kind) {
  const [ok, setOk] = useState<boolean | null>(kind.optional ? null : true);
  useEffect(() => {
    if (kind.optional) void kind.list("").then((p) => setOk(!!p)).catch(() => setOk(false));
  }, [kind]);
  return ok;
}

export function Browser({ kind: name, id }: { kind: string; id?: string }) {
  const kind = KINDS[name];
  const available = useKindAvailable(kind);
  const [search, setSearch] = useState("");
  const [applied, setApplied] = useState("");
  const [tokens, setTokens] = useState<Array<string | undefined>>([undefined]);
  // The page on screen and the list position it was loaded for: the pager shows a position and offers
  // "Next" only once that position's page has arrived, so a quick second click never reuses a stale cursor.
  const [loaded, setLoaded] = useState<{ key: string; page: Page | null } | null>(null);
  const [error, setError] = useState("");
  const current = tokens[tokens.length - 1];
  const key = `${name}\u0000${applied}\u0000${tokens.length}\u0000${current ?? ""}`;
  const page = loaded?.page ?? null;
  const ready = loaded?.key === key;

  useEffect(() => {
    setTokens([undefined]);
    setApplied("");
    setSearch("");
  }, [name]);
  useEffect(() => {
    if (!available) return;
    let stale = false;
    setError("");
    kind
      .list(applied, current)
      .then((p) => !stale && setLoaded({ key, page: p }))
      .catch((e) => !stale && setError(String(e.message ?? e)));
    return () => {
      stale = true;
    };
  }, [key, available]);

  if (available === false) return <p>This server does not implement {kind.title.toLowerCase()} yet.</p>;
  return (
    <div class="browser">
      <section class="list">
        <h2>{kind.title}</h2>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(search.trim());
            setTokens([undefined]);
          }}
        >
          <label>
            Search {kind.title.toLowerCase()}
            <input type="search" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">Search</button>
        </form>
        {error && <p role="alert">{error}</p>}
        <ul aria-label={kind.title} class="items">
          {(page?.items ?? []).map((o) => (
            <li key={o.id ?? o.name}>
              {kind.get && o.id ? <a href={`#/${name}/${encodeURIComponent(o.id)}`}>{kind.label(o)}</a> : <span>{kind.label(o)}</span>}
              {kind.sub && <span class="meta"> {kind.sub(o)}</span>}
            </li>
          ))}
        </ul>
        <div class="pager">
          <button disabled={tokens.length < 2} onClick={() => setTokens(tokens.slice(0, -1))}>Previous page</button>
          {ready ? (
            <span>
              Page {tokens.length}
              {page?.totalPages ? ` of ${page.totalPages}` : ""}
              {page?.total != null ? ` · ${page.total} in all` : ""}
            </span>
          ) : (
            <span aria-busy="true">Loading page {tokens.length}…</span>
          )}
          <button disabled={!ready || !page?.next} onClick={() => setTokens([...tokens, page!.next])}>Next page</button>
        </div>
      </section>
      {id && kind.get && <Detail kind={kind} id={id} />}
    </div>
  );
}

function Detail({ kind, id }: { kind: Kind; id: string }) {
  const [version, setVersion] = useState(session.version);
  const [obj, setObj] = useState<any>(null);
  const [status, setStatus] = useState(0);
  const [edit, setEdit] = useState<string | null>(null);
  const [error, setError] = useState("");
  const load = async () => {
    const r = await api(kind.get!(id), { version });
    setStatus(r.status);
    setObj(r.body);
  };
  useEffect(() => {
    setEdit(null);
    void load();
  }, [id, version]);
  const save = async () => {
    setError("");
    let body: unknown;
    try {
      body = JSON.parse(edit ?? "{}");
    } catch {
      return setError("The edit is not valid JSON.");
    }
    const r = await api(kind.edit!(id), { method: "PUT", body, version });
    if (!r.ok) return setError(errorText(r));
    setEdit(null);
    await load();
  };
  return (
    <section class="detail" aria-label="Detail">
      <h2>{obj ? kind.label(obj) : id}</h2>
      <label>
        Intercom-Version
        <select value={version} onChange={(e) => setVersion((e.target as HTMLSelectElement).value)}>
          {VERSIONS.map((v) => <option key={v}>{v}</option>)}
        </select>
      </label>
      <span class="meta"> GET {kind.get!(id)} → {status || "…"}</span>
      {kind.edit && obj && status === 200 && edit === null && (
        <button onClick={() => setEdit(JSON.stringify(kind.editTemplate!(obj), null, 2))}>Edit</button>
      )}
      {edit !== null && (
        <div class="edit">
          <label class="block">
            Changes (JSON body of PUT {kind.edit!(id)})
            <textarea rows={10} value={edit} onInput={(e) => setEdit((e.target as HTMLTextAreaElement).value)} />
          </label>
          <button onClick={save}>Save</button> <button onClick={() => setEdit(null)}>Cancel</button>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      <pre class="json" aria-label="JSON">{obj ? JSON.stringify(obj, null, 2) : "…"}</pre>
    </section>
  );
}
