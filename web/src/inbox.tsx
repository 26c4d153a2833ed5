// The inbox: conversations (and tickets, when the server has them), filtered, live; a conversation with
// its parts and contact; admin actions; and writing as the contact.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, errorText, fmtTime, onLive, stripHtml } from "./api";

/** Set once /tickets/search answered 501: the tickets list stays hidden. */
let ticketsMissing = false;

const conversationTitle = (c: any) => c.title || stripHtml(c.source?.body) || c.source?.subject || `Conversation ${c.id}`;

/** A debounced call of the latest fn (a timer set before fn changed still calls the new one). */
function useDebounced(fn: () => void, ms: number) {
  const t = useRef<number | undefined>(undefined);
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback(() => {
    clearTimeout(t.current);
    t.current = window.setTimeout(() => latest.current(), ms);
  }, [ms]);
}

export function Inbox({ me, openId }: { me: any; openId?: string }) {
  const [state, setState] = useState("");
  const [assignee, setAssignee] = useState("");
  const [team, setTeam] = useState("");
  const [admins, setAdmins] = useState<any[]>([]);
  const [teams, setTeams] = useState<any[]>([]);
  const [list, setList] = useState<any[] | null>(null);
  const [tickets, setTickets] = useState<any[] | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    void api("/admins").then((r) => r.ok && setAdmins(r.body.admins ?? []));
    void api("/teams").then((r) => r.ok && setTeams(r.body.teams ?? []));
  }, []);

  const seq = useRef(0);
  const load = useCallback(async () => {
    const mine = ++seq.current; // an older answer arriving late is dropped
    const conds: any[] = [];
    if (state) conds.push({ field: "state", operator: "=", value: state });
    if (assignee) conds.push({ field: "admin_assignee_id", operator: "=", value: assignee === "none" ? null : assignee });
    if (team) conds.push({ field: "team_assignee_id", operator: "=", value: team });
    const r = conds.length
      ? await api("/conversations/search", {
          method: "POST",
          body: { query: conds.length === 1 ? conds[0] : { operator: "AND", value: conds }, sort: { field: "updated_at", order: "descending" }, pagination: { per_page: 50 } },
        })
      : await api("/conversations?per_page=50");
    if (mine !== seq.current) return;
    if (!r.ok) return setError(errorText(r));
    setError("");
    setList(r.body.conversations ?? []);
    // tickets: shown when the server implements their search (501 until then: the list stays hidden)
    const tq: any[] = [];
    if (state) tq.push({ field: "open", operator: "=", value: state === "closed" ? "false" : "true" });
    if (assignee && assignee !== "none") tq.push({ field: "admin_assignee_id", operator: "=", value: assignee });
    if (team) tq.push({ field: "team_assignee_id", operator: "=", value: team });
    const query = tq.length === 0 ? { field: "created_at", operator: ">", value: "0" } : tq.length === 1 ? tq[0] : { operator: "AND", value: tq };
    if (ticketsMissing) return setTickets(null);
    const t = await api("/tickets/search", { method: "POST", body: { query, sort: { field: "updated_at", order: "descending" }, pagination: { per_page: 50 } } });
    // 501 (or 404): this server has no tickets; asked once per page load, not on every refresh
    if (t.status === 501 || t.status === 404) ticketsMissing = true;
    if (mine !== seq.current) return;
    setTickets(t.status === 200 ? t.body.tickets ?? [] : null);
  }, [state, assignee, team]);

  const reload = useDebounced(load, 150);
  useEffect(() => void load(), [load]);
  useEffect(() => onLive((e) => (e.topic.startsWith("conversation") || e.topic.startsWith("ticket")) && reload()), [reload]);

  const select = (label: string, value: string, set: (v: string) => void, options: Array<[string, string]>) => (
    <label>
      {label}
      <select aria-label={label} value={value} onChange={(e) => set((e.target as HTMLSelectElement).value)}>
        <option value="">Any</option>
        {options.map(([v, n]) => <option key={v} value={v}>{n}</option>)}
      </select>
    </label>
  );

  return (
    <div class="inbox">
      <aside class="conversations">
        <div class="filters">
          {select("State", state, setState, [["open", "Open"], ["snoozed", "Snoozed"], ["closed", "Closed"]])}
          {select("Assignee", assignee, setAssignee, [["none", "Unassigned"], ...admins.map((a): [string, string] => [String(a.id), a.name])])}
          {select("Team", team, setTeam, teams.map((t): [string, string] => [String(t.id), t.name]))}
        </div>
        {error && <p role="alert">{error}</p>}
        <h2>Conversations</h2>
        <ul aria-label="Conversations" class="items">
          {(list ?? []).map((c) => (
            <li key={c.id} class={c.id === openId ? "selected" : ""}>
              <a href={`#/inbox/${c.id}`}>
                <span class="title">{conversationTitle(c)}</span>
                <span class={`state ${c.state}`}>{c.state}</span>
                <span class="meta">{fmtTime(c.updated_at)}</span>
              </a>
            </li>
          ))}
        </ul>
        {list && list.length === 0 && <p class="empty">No conversations.</p>}
        {tickets && (
          <>
            <h2>Tickets</h2>
            <ul aria-label="Tickets" class="items">
              {tickets.map((t) => (
                <li key={t.id}>
                  <a href={`#/inbox/ticket-${t.id}`}>
                    <span class="title">{t.ticket_attributes?._default_title_ || t.ticket_type?.name || `Ticket ${t.ticket_id ?? t.id}`}</span>
                    <span class="state">{t.ticket_state?.category ?? t.ticket_state}</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </aside>
      <section class="conversation">
        {openId?.startsWith("ticket-") ? <Ticket id={openId.slice(7)} me={me} admins={admins} teams={teams} /> : openId ? <Conversation id={openId} me={me} admins={admins} teams={teams} /> : <NewAsContact />}
      </section>
    </div>
  );
}

/** The admin's side of a conversation or a ticket: reply or note, assign to an admin or a team (or
 * nobody); `children` are the object's own actions. The callbacks answer whether the API accepted. */
function AdminActions(props: {
  admins: any[];
  teams: any[];
  onReply: (kind: "comment" | "note", body: string) => Promise<boolean>;
  onAssign: (type: string, id: string) => Promise<boolean>;
  children?: any;
}) {
  const [reply, setReply] = useState("");
  const [assignTo, setAssignTo] = useState("");
  // once accepted, the composer empties, unless the admin has typed on meanwhile (the new part shows, from
  // the reload or the live feed, before the answer's promise settles)
  const send = (kind: "comment" | "note") => {
    const sent = reply;
    return props.onReply(kind, sent).then((ok) => ok && setReply((now) => (now === sent ? "" : now)));
  };
  return (
    <div class="compose">
      <label class="block">
        Reply
        <textarea rows={3} value={reply} onInput={(e) => setReply((e.target as HTMLTextAreaElement).value)} />
      </label>
      <div class="actions">
        <button disabled={!reply.trim()} onClick={() => send("comment")}>Send</button>
        <button disabled={!reply.trim()} onClick={() => send("note")}>Add note</button>
        <label>
          Assign to
          <select value={assignTo} onChange={(e) => setAssignTo((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {props.admins.map((a) => <option key={a.id} value={`admin:${a.id}`}>{a.name}</option>)}
            {props.teams.map((t) => <option key={t.id} value={`team:${t.id}`}>Team {t.name}</option>)}
            <option value="admin:0">Unassigned</option>
          </select>
        </label>
        <button
          disabled={!assignTo}
          onClick={() => {
            const [type, id] = assignTo.split(":");
            return props.onAssign(type, id).then((ok) => ok && setAssignTo(""));
          }}
        >
          Assign
        </button>
        {props.children}
      </div>
    </div>
  );
}

/** A ticket: its attributes, state, parts in order and contacts; reply or note as the admin, move it to
 * another state of its category, assign, close and reopen — each through the tickets API. */
function Ticket({ id, me, admins, teams }: { id: string; me: any; admins: any[]; teams: any[] }) {
  const [t, setT] = useState<any>(null);
  const [states, setStates] = useState<any[]>([]);
  const [stateId, setStateId] = useState("");
  const [showJson, setShowJson] = useState(false);
  const [error, setError] = useState("");
  const load = useCallback(async () => {
    const r = await api(`/tickets/${id}`);
    if (!r.ok) return setError(errorText(r));
    setT(r.body);
  }, [id]);
  useEffect(() => {
    setT(null);
    setError("");
    void load();
    void api("/ticket_states").then((r) => r.ok && setStates(r.body.data ?? []));
  }, [load]);
  useEffect(() => onLive((e) => e.topic.startsWith("ticket") && (e.id === id || e.id == null) && void load()), [id, load]);

  const adminId = String(me.id);
  const run = async (path: string, method: string, body: unknown): Promise<boolean> => {
    setError("");
    const r = await api(`/tickets/${id}${path}`, { method, body });
    if (!r.ok) {
      setError(errorText(r));
      return false;
    }
    await load();
    return true;
  };
  const update = (body: Record<string, unknown>) => run("", "PUT", { admin_id: adminId, ...body });

  if (!t) return <p>{error || "Loading…"}</p>;
  const attrs = t.ticket_attributes ?? {};
  const title = attrs._default_title_ || t.ticket_type?.name || `Ticket ${t.ticket_id ?? t.id}`;
  const category = t.ticket_state?.category;
  const parts = t.ticket_parts?.ticket_parts ?? [];
  // the states its ticket type offers (as the type lists them), else every state of the workspace
  const offered: any[] = t.ticket_type?.ticket_states?.data ?? states;
  return (
    <>
      <h2>{title}</h2>
      <p class="meta">
        Ticket #{t.ticket_id ?? t.id} · {t.ticket_type?.name ?? "no type"} · <span class={`state ${t.open ? "open" : "closed"}`}>{t.open ? "open" : "closed"}</span> ·{" "}
        state {t.ticket_state?.external_label ?? t.ticket_state?.internal_label ?? category ?? "—"} · assignee {none(t.admin_assignee_id)} · team {none(t.team_assignee_id)} · updated {fmtTime(t.updated_at)}
      </p>
      {t.contacts?.contacts?.length ? (
        <p class="contact">
          Contacts:{" "}
          {t.contacts.contacts.map((c: any) => (
            <a key={c.id} href={`#/contacts/${c.id}`}>
              {c.id}{" "}
            </a>
          ))}
        </p>
      ) : null}
      {Object.keys(attrs).length > 0 && (
        <dl aria-label="Ticket attributes" class="attributes">
          {Object.entries(attrs).map(([k, v]) => (
            <div key={k}>
              <dt>{DEFAULT_ATTRIBUTES[k] ?? k}</dt>
              <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      <ol aria-label="Ticket parts" class="parts">
        {parts.map((p: any) => <TicketPart key={p.id} p={p} />)}
      </ol>
      {error && <p role="alert">{error}</p>}
      <AdminActions
        admins={admins}
        teams={teams}
        onReply={(kind, body) => run("/reply", "POST", { message_type: kind, type: "admin", admin_id: adminId, body })}
        onAssign={(_type, aid) => update({ assignee_id: aid })}
      >
        <label>
          Ticket state
          <select value={stateId} onChange={(e) => setStateId((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {offered.map((s) => <option key={s.id} value={s.id}>{s.internal_label ?? s.external_label} ({s.category})</option>)}
          </select>
        </label>
        <button disabled={!stateId} onClick={() => update({ ticket_state_id: stateId }).then((ok) => ok && setStateId(""))}>Set state</button>
        <button disabled={!t.open} onClick={() => update({ open: false })}>Close</button>
        <button disabled={t.open} onClick={() => update({ open: true })}>Reopen</button>
      </AdminActions>
      <button class="link" aria-expanded={showJson} onClick={() => setShowJson(!showJson)}>
        {showJson ? "Hide JSON" : "Show JSON"}
      </button>
      {showJson && <pre class="json">{JSON.stringify(t, null, 2)}</pre>}
    </>
  );
}

const DEFAULT_ATTRIBUTES: Record<string, string> = { _default_title_: "Title", _default_description_: "Description" };
/** An assignee id, or "none" for none (Intercom answers 0 or null). */
const none = (id: unknown) => (id == null || id === "" || String(id) === "0" ? "none" : String(id));

function TicketPart({ p }: { p: any }) {
  const who = p.author ? `${p.author.name ?? p.author.email ?? p.author.type} (${p.author.type})` : "";
  const text = stripHtml(p.body);
  const what =
    p.part_type === "ticket_state_updated_by_admin" || p.ticket_state
      ? `state ${p.previous_ticket_state ? `${p.previous_ticket_state} → ` : ""}${p.ticket_state ?? ""}`
      : p.part_type === "comment"
        ? ""
        : p.part_type;
  return (
    <li class={`part ${p.part_type}`}>
      <div class="meta">
        <strong>{who}</strong> {what} · {fmtTime(p.created_at)}
      </div>
      {text && <div class="body">{text}</div>}
    </li>
  );
}

function Part({ p }: { p: any }) {
  const who = p.author ? `${p.author.name ?? p.author.email ?? p.author.type} (${p.author.type})` : "";
  const text = stripHtml(p.body);
  const what: Record<string, string> = {
    assignment: `assigned${p.assigned_to ? ` to ${p.assigned_to.type} ${p.assigned_to.id}` : ""}`,
    close: "closed",
    open: "reopened",
    snoozed: "snoozed",
    timer_unsnooze: "unsnoozed",
    note: "note",
    comment: "",
  };
  return (
    <li class={`part ${p.part_type}`}>
      <div class="meta">
        <strong>{who}</strong> {what[p.part_type] ?? p.part_type} · {fmtTime(p.created_at)}
      </div>
      {text && <div class="body">{text}</div>}
    </li>
  );
}

function Conversation({ id, me, admins, teams }: { id: string; me: any; admins: any[]; teams: any[] }) {
  const [c, setC] = useState<any>(null);
  const [contact, setContact] = useState<any>(null);
  const [asContact, setAsContact] = useState("");
  const [error, setError] = useState("");
  const load = useCallback(async () => {
    const r = await api(`/conversations/${id}`);
    if (!r.ok) return setError(errorText(r));
    setC(r.body);
    const cid = r.body.contacts?.contacts?.[0]?.id;
    if (cid) void api(`/contacts/${cid}`).then((x) => x.ok && setContact(x.body));
  }, [id]);
  useEffect(() => {
    setC(null);
    setContact(null);
    setError("");
    void load();
  }, [load]);
  useEffect(() => onLive((e) => e.topic.startsWith("conversation") && (e.id === id || e.id == null) && void load()), [id, load]);

  const act = async (path: string, body: unknown, after?: () => void): Promise<boolean> => {
    setError("");
    const r = await api(`/conversations/${id}/${path}`, { method: "POST", body });
    if (!r.ok) {
      setError(errorText(r));
      return false;
    }
    after?.();
    await load();
    return true;
  };
  const adminId = String(me.id);
  const now = async () => (await api("/_opencom/clock")).body?.now ?? Math.floor(Date.now() / 1000);

  if (!c) return <p>{error || "Loading…"}</p>;
  const parts = [{ ...c.source, part_type: "comment", created_at: c.created_at, id: "source" }, ...(c.conversation_parts?.conversation_parts ?? [])];
  return (
    <>
      <h2>{conversationTitle(c)}</h2>
      <p class="meta">
        #{c.id} · <span class={`state ${c.state}`}>{c.state}</span>
        {c.snoozed_until ? ` until ${fmtTime(c.snoozed_until)}` : ""} · assignee {c.admin_assignee_id || "none"} · team {c.team_assignee_id || "none"} · updated {fmtTime(c.updated_at)}
      </p>
      {contact && (
        <p class="contact">
          Contact: <a href={`#/contacts/${contact.id}`}>{contact.name || contact.email || contact.id}</a> ({contact.role}) {contact.email}
        </p>
      )}
      <ol aria-label="Conversation parts" class="parts">
        {parts.map((p) => <Part key={p.id} p={p} />)}
      </ol>
      {error && <p role="alert">{error}</p>}
      <AdminActions
        admins={admins}
        teams={teams}
        onReply={(kind, body) => act("reply", { message_type: kind, type: "admin", admin_id: adminId, body })}
        onAssign={(type, aid) => act("parts", { message_type: "assignment", type, admin_id: adminId, assignee_id: aid })}
      >
        <button disabled={c.state !== "open"} onClick={async () => act("parts", { message_type: "snoozed", admin_id: adminId, snoozed_until: (await now()) + 3600 })}>Snooze</button>
        <button disabled={c.state === "closed"} onClick={() => act("parts", { message_type: "close", type: "admin", admin_id: adminId })}>Close</button>
        <button disabled={c.state === "open"} onClick={() => act("parts", { message_type: "open", admin_id: adminId })}>Reopen</button>
      </AdminActions>
      <div class="compose as-contact">
        <label class="block">
          Message as contact
          <textarea rows={2} value={asContact} onInput={(e) => setAsContact((e.target as HTMLTextAreaElement).value)} />
        </label>
        <button
          disabled={!asContact.trim() || !contact}
          onClick={() => act("reply", { message_type: "comment", type: "user", intercom_user_id: contact.id, body: asContact }, () => setAsContact(""))}
        >
          Send as contact
        </button>
      </div>
    </>
  );
}

/** No conversation open: a contact writes in (a new conversation). */
function NewAsContact() {
  const [query, setQuery] = useState("");
  const [contacts, setContacts] = useState<any[]>([]);
  const [contactId, setContactId] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  useEffect(() => {
    const t = setTimeout(async () => {
      const r = query.trim()
        ? await api("/contacts/search", { method: "POST", body: { query: { operator: "OR", value: [{ field: "email", operator: "~", value: query.trim() }, { field: "name", operator: "~", value: query.trim() }] }, pagination: { per_page: 20 } } })
        : await api("/contacts?per_page=20");
      if (r.ok) {
        setContacts(r.body.data ?? []);
        if (!query.trim() && !contactId && r.body.data?.[0]) setContactId(r.body.data[0].id);
      }
    }, 200);
    return () => clearTimeout(t);
  }, [query]);
  const send = async () => {
    setError("");
    const c = contacts.find((x) => x.id === contactId);
    const sent = text;
    const r = await api("/conversations", { method: "POST", body: { from: { type: c?.role === "lead" ? "lead" : "user", id: contactId }, body: sent } });
    if (!r.ok) return setError(errorText(r));
    setText((now) => (now === sent ? "" : now));
    location.hash = `#/inbox/${r.body.conversation_id ?? r.body.id}`;
  };
  return (
    <div class="compose as-contact">
      <h2>Write in as a contact</h2>
      <p class="hint">Open a conversation to reply in it as the admin or as its contact; or start a new one here.</p>
      <label>
        Find contact
        <input type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        Contact
        <select value={contactId} onChange={(e) => setContactId((e.target as HTMLSelectElement).value)}>
          {contacts.map((c) => <option key={c.id} value={c.id}>{c.name || c.email || c.id} ({c.role})</option>)}
        </select>
      </label>
      <label class="block">
        Message as contact
        <textarea rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button disabled={!text.trim() || !contactId} onClick={send}>Send as contact</button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
