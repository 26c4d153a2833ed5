// The demo workspace: what a real workspace in use holds, made deterministically (a fixed faker seed,
// the same order of calls) through opencom's own API, so every row is what the API itself would make
// (and emits the webhooks the API emits). Teammates and teams have no API in Intercom: they are written
// directly. Each resource area adds its section to DEMO_SECTIONS as it lands.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { newAdminRow } from "../admins/service.js";

/** One API call in the workspace being filled (Intercom-Version 2.14 unless given); throws on any answer but 2xx. */
export type DemoApi = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, body?: unknown, version?: string) => Promise<any>;

type Faker = (typeof import("@faker-js/faker"))["faker"];

export interface DemoContext {
  db: Kysely<DB>;
  wsId: string;
  now: number;
  api: DemoApi;
  faker: Faker;
  /** ids made by earlier sections, for later ones */
  made: {
    adminIds: number[];
    teamIds: number[];
    userIds: string[];
    leadIds: string[];
    companyIds: string[];
    tagIds: string[];
    [more: string]: unknown;
  };
}

export type DemoSection = { name: string; run: (d: DemoContext) => Promise<void> };

export const DEMO_SEED = 20261130;
export const DEMO_USERS = 70;
export const DEMO_LEADS = 30;
export const DEMO_COMPANIES = 20;

const teammates: DemoSection = {
  name: "teammates and teams",
  async run(d) {
    const roles = ["Support Engineer", "Customer Success Manager", "Support Lead", "Account Executive", "Billing Specialist"];
    const rows = roles.map((job_title, i) => {
      const first = d.faker.person.firstName();
      const last = d.faker.person.lastName();
      return newAdminRow(d.wsId, {
        name: `${first} ${last}`,
        email: d.faker.internet.email({ firstName: first, lastName: last, provider: "demo.opencom.dev" }).toLowerCase(),
        job_title,
        // the Account Executive has no inbox seat, as in a real workspace
        has_inbox_seat: job_title === "Account Executive" ? 0 : 1,
        created_at: d.now - (roles.length - i) * 86400 * 30,
      });
    });
    // a reset keeps teammates and teams: a second demo seed finds them (by their demo emails) again
    const existing = await d.db.selectFrom("admins").select("id").where("workspace_id", "=", d.wsId).where("email", "in", rows.map((r) => r.email)).orderBy("id").execute();
    const admins = existing.length === rows.length ? existing : await d.db.insertInto("admins").values(rows).returning("id").execute();
    const owner = await d.db.selectFrom("admins").select("id").where("workspace_id", "=", d.wsId).orderBy("id").limit(1).executeTakeFirstOrThrow();
    d.made.adminIds = [owner.id, ...admins.map((a) => a.id)];
    if (existing.length === rows.length) {
      d.made.teamIds = (await d.db.selectFrom("teams").select("id").where("workspace_id", "=", d.wsId).where("name", "in", ["Support", "Success", "Billing"]).orderBy("id").execute()).map((t) => t.id);
      return;
    }
    const teams = await d.db
      .insertInto("teams")
      .values(["Support", "Success", "Billing"].map((name) => ({ workspace_id: d.wsId, name, assignment_limit: null, distribution_method: "round_robin", created_at: d.now - 86400 * 200 })))
      .returning("id")
      .execute();
    d.made.teamIds = teams.map((t) => t.id);
    const ids = d.made.adminIds;
    const links = [
      [teams[0].id, ids[1]], [teams[0].id, ids[3]], [teams[0].id, ids[0]],
      [teams[1].id, ids[2]], [teams[1].id, ids[4]],
      [teams[2].id, ids[5]],
    ];
    await d.db.insertInto("team_admins").values(links.map(([team_id, admin_id]) => ({ workspace_id: d.wsId, team_id, admin_id }))).execute();
  },
};

const attributes: DemoSection = {
  name: "custom data attributes",
  async run(d) {
    const defs: Array<[string, string, string, string?]> = [
      ["plan", "contact", "string", "The customer's plan"],
      ["seats", "contact", "integer", "Seats in use"],
      ["mrr", "contact", "float", "Monthly recurring revenue"],
      ["beta_tester", "contact", "boolean", "Takes part in the beta program"],
      ["trial_ends_at", "contact", "date", "End of the trial"],
      ["tier", "company", "string", "Account tier"],
      ["employees_band", "company", "string", "Company size band"],
      // what a phone call redirect fills in on its lead (Intercom's own example, and the official SDK's suite)
      ["issue_type", "contact", "string", "What the caller needs help with"],
      ["priority", "contact", "string", "How urgent the caller's issue is"],
    ];
    // first a list attribute: clients (the official SDK's suite among them) update the first attribute with
    // an id, giving it options
    await d.api("POST", "/data_attributes", { name: "team_size", model: "contact", data_type: "options", description: "Size of the customer's team", options: [{ value: "1-10" }, { value: "11-20" }, { value: "21-50" }] });
    for (const [name, model, data_type, description] of defs) await d.api("POST", "/data_attributes", { name, model, data_type, description });
  },
};

const people: DemoSection = {
  name: "companies, users and leads",
  async run(d) {
    const f = d.faker;
    const plans = ["free", "starter", "pro", "enterprise"];
    for (let i = 0; i < DEMO_COMPANIES; i++) {
      const name = f.company.name();
      const company = await d.api("POST", "/companies", {
        company_id: `comp-${String(i + 1).padStart(3, "0")}`,
        name,
        plan: f.helpers.arrayElement(plans),
        size: f.number.int({ min: 2, max: 5000 }),
        website: `https://${f.internet.domainWord()}.example.com`,
        industry: f.company.buzzNoun(),
        monthly_spend: f.number.int({ min: 0, max: 20000 }),
        remote_created_at: d.now - f.number.int({ min: 30, max: 900 }) * 86400,
        custom_attributes: { tier: f.helpers.arrayElement(["bronze", "silver", "gold"]), employees_band: f.helpers.arrayElement(["1-10", "11-50", "51-200", "200+"]) },
      });
      d.made.companyIds.push(company.id);
    }
    for (let i = 0; i < DEMO_USERS; i++) {
      const first = f.person.firstName();
      const last = f.person.lastName();
      const user = await d.api("POST", "/contacts", {
        role: "user",
        external_id: `user-${String(i + 1).padStart(4, "0")}`,
        email: f.internet.email({ firstName: first, lastName: last, provider: "example.com" }).toLowerCase(),
        phone: f.phone.number({ style: "international" }),
        name: `${first} ${last}`,
        signed_up_at: d.now - f.number.int({ min: 1, max: 700 }) * 86400,
        last_seen_at: d.now - f.number.int({ min: 0, max: 60 }) * 86400,
        owner_id: f.helpers.arrayElement(d.made.adminIds),
        custom_attributes: {
          plan: f.helpers.arrayElement(plans),
          seats: f.number.int({ min: 1, max: 250 }),
          mrr: f.number.float({ min: 0, max: 5000, fractionDigits: 2 }),
          beta_tester: f.datatype.boolean(),
          trial_ends_at: d.now + f.number.int({ min: -30, max: 30 }) * 86400,
        },
      });
      d.made.userIds.push(user.id);
      await d.api("POST", `/contacts/${user.id}/companies`, { id: d.made.companyIds[i % DEMO_COMPANIES] });
    }
    for (let i = 0; i < DEMO_LEADS; i++) {
      const lead = await d.api("POST", "/contacts", {
        role: "lead",
        name: f.person.fullName(),
        ...(i % 2 === 0 ? { email: f.internet.email({ provider: "example.org" }).toLowerCase() } : {}),
        ...(i % 3 === 0 ? { phone: f.phone.number({ style: "international" }) } : {}),
      });
      d.made.leadIds.push(lead.id);
    }
  },
};

const tagsAndNotes: DemoSection = {
  name: "tags, notes, subscriptions, segments and visitors",
  async run(d) {
    const f = d.faker;
    for (const name of ["VIP", "Churn risk", "Beta", "Enterprise", "Needs onboarding", "Partner"]) {
      d.made.tagIds.push((await d.api("POST", "/tags", { name })).id);
    }
    for (let i = 0; i < d.made.userIds.length; i += 3) {
      await d.api("POST", `/contacts/${d.made.userIds[i]}/tags`, { id: d.made.tagIds[i % d.made.tagIds.length] });
    }
    await d.api("POST", "/tags", { name: "Enterprise", companies: d.made.companyIds.slice(0, 5).map((id) => ({ id })) });
    for (let i = 0; i < 15; i++) {
      await d.api("POST", `/contacts/${d.made.userIds[i]}/notes`, { body: `<p>${f.lorem.sentence()}</p>`, admin_id: f.helpers.arrayElement(d.made.adminIds) });
    }
    const types = (await d.api("GET", "/subscription_types")).data as Array<{ id: string; consent_type: string }>;
    for (let i = 0; i < 20; i++) {
      const t = types[i % types.length];
      await d.api("POST", `/contacts/${d.made.userIds[i]}/subscriptions`, { id: t.id, consent_type: t.consent_type });
    }
    await d.api("POST", "/_opencom/segments", { name: "Pro plan", person_type: "user", query: { field: "custom_attributes.plan", operator: "=", value: "pro" } });
    await d.api("POST", "/_opencom/segments", { name: "Beta testers", person_type: "user", query: { field: "custom_attributes.beta_tester", operator: "=", value: true } });
    for (let i = 0; i < 5; i++) await d.api("POST", "/_opencom/visitors", { name: f.person.fullName() });
  },
};

export const DEMO_CONVERSATIONS = 12;

const inbox: DemoSection = {
  name: "conversations",
  async run(d) {
    const f = d.faker;
    const seated = d.made.adminIds.filter((_, i) => i !== 4); // the Account Executive (no inbox seat) answers none
    const ids: string[] = [];
    // every state: open (assigned to a teammate, to a team, unassigned), snoozed and closed, with parts from both sides
    for (let i = 0; i < DEMO_CONVERSATIONS; i++) {
      const contactId = i % 4 === 3 ? d.made.leadIds[i] : d.made.userIds[i * 5];
      const from = { type: i % 4 === 3 ? "lead" : "user", id: contactId };
      const conv = await d.api("POST", "/conversations", { from, body: `<p>${f.lorem.sentences({ min: 1, max: 3 })}</p>` });
      const id = String(conv.conversation_id ?? conv.id);
      ids.push(id);
      const admin = String(seated[i % seated.length]);
      const part = (body: Record<string, unknown>) => d.api("POST", `/conversations/${id}/parts`, { type: "admin", admin_id: admin, ...body });
      const reply = (body: Record<string, unknown>) => d.api("POST", `/conversations/${id}/reply`, body);
      if (i % 6 === 4) await part({ message_type: "assignment", type: "team", assignee_id: String(d.made.teamIds[i % d.made.teamIds.length]) });
      else if (i % 6 !== 5) await part({ message_type: "assignment", assignee_id: admin });
      await reply({ message_type: "comment", type: "admin", admin_id: admin, body: `<p>${f.lorem.sentence()}</p>` });
      if (i % 3 !== 2) await reply({ message_type: "comment", type: "user", intercom_user_id: contactId, body: f.lorem.sentence() });
      if (i % 4 === 1) await reply({ message_type: "note", type: "admin", admin_id: admin, body: `<p>${f.lorem.sentence()}</p>` });
      if (i % 6 === 2) await part({ message_type: "snoozed", snoozed_until: d.now + (i + 1) * 86400 });
      if (i % 3 === 0) await part({ message_type: "close", body: "Closing this one — reply any time." });
      if (i % 5 === 0) await d.api("POST", `/conversations/${id}/tags`, { id: d.made.tagIds[i % d.made.tagIds.length], admin_id: admin });
    }
    // an admin-initiated message that opened a conversation without a reply yet
    await d.api("POST", "/messages", {
      message_type: "inapp",
      from: { type: "admin", id: String(d.made.adminIds[1]) },
      to: { type: "user", id: d.made.userIds[1] },
      body: "<p>Welcome aboard! Tell us if anything is unclear.</p>",
      create_conversation_without_contact_reply: true,
    });
    d.made.conversationIds = ids;
  },
};

const content: DemoSection = {
  name: "help center, articles, news and internal articles",
  async run(d) {
    const f = d.faker;
    const author = d.made.adminIds[1];
    const collections: Array<{ name: string; fr: string; articles: number }> = [
      { name: "Getting started", fr: "Premiers pas", articles: 4 },
      { name: "Billing", fr: "Facturation", articles: 3 },
      { name: "Integrations", fr: "Intégrations", articles: 3 },
    ];
    const collectionIds: string[] = [];
    for (const col of collections) {
      const made = await d.api("POST", "/help_center/collections", {
        name: col.name,
        description: f.lorem.sentence(),
        translated_content: { fr: { type: "group_translated_content", name: col.fr, description: f.lorem.sentence() } },
      });
      collectionIds.push(String(made.id));
      for (let i = 0; i < col.articles; i++) {
        const title = `${f.hacker.verb()} ${f.hacker.noun()}`.replace(/^./, (ch) => ch.toUpperCase());
        await d.api("POST", "/articles", {
          title,
          description: f.lorem.sentence(),
          body: `<p>${f.lorem.sentence()}</p><p>${f.lorem.sentence()}</p>`,
          author_id: author,
          state: i === col.articles - 1 ? "draft" : "published",
          parent_id: Number(made.id),
          parent_type: "collection",
          // the first article of each collection in French too
          ...(i === 0
            ? { translated_content: { fr: { type: "article_content", title: `${title} (fr)`, description: f.lorem.sentence(), body: `<p>${f.lorem.sentence()}</p>`, author_id: author, state: "published" } } }
            : {}),
        });
      }
    }
    // a sub-collection
    await d.api("POST", "/help_center/collections", { name: "Invoices", description: f.lorem.sentence(), parent_id: collectionIds[1] });
    d.made.collectionIds = collectionIds;

    const feeds = ((await d.api("GET", "/news/newsfeeds")).data as Array<{ id: string }>).map((n) => n.id);
    const news: Array<{ title: string; state: string; labels: string[] }> = [
      { title: "Dark mode is here", state: "live", labels: ["Product"] },
      { title: "Faster search", state: "live", labels: ["Product", "Performance"] },
      { title: "New pricing next quarter", state: "draft", labels: ["Billing"] },
    ];
    for (const [i, item] of news.entries()) {
      await d.api("POST", "/news/news_items", {
        title: item.title,
        body: `<p>${f.lorem.sentence()}</p>`,
        sender_id: author,
        state: item.state,
        labels: item.labels,
        reactions: ["😍", "👍", "🎉"],
        deliver_silently: i === 1,
        newsfeed_assignments: feeds.slice(0, i === 0 ? feeds.length : 1).map((newsfeed_id) => ({ newsfeed_id, published_at: d.now - (news.length - i) * 86400 })),
      });
    }

    for (const title of ["Refund policy (internal)", "Escalation playbook", "How we triage bugs"]) {
      await d.api("POST", "/internal_articles", { title, body: `<p>${f.lorem.sentence()}</p><p>${f.lorem.sentence()}</p>`, author_id: author, owner_id: d.made.adminIds[3] });
    }
  },
};

export const DEMO_TICKETS = 6;

const tickets: DemoSection = {
  name: "ticket types and tickets",
  async run(d) {
    const f = d.faker;
    const bug = await d.api("POST", "/ticket_types", { name: "Bug report", description: "Something in the product does not work", category: "Customer", icon: "🐞" });
    const billing = await d.api("POST", "/ticket_types", { name: "Billing request", description: "Refunds, invoices and plan changes", category: "Back-office", icon: "💳" });
    await d.api("POST", `/ticket_types/${bug.id}/attributes`, { name: "Severity", description: "How badly it hurts", data_type: "list", list_items: "Low,Medium,High", required_to_create: false, visible_on_create: true });
    // every state of a ticket type's life: submitted, in progress, waiting on the customer, resolved
    const states = bug.ticket_states.data as Array<{ id: string; category: string }>;
    const ids: string[] = [];
    for (let i = 0; i < DEMO_TICKETS; i++) {
      const type = i % 3 === 2 ? billing : bug;
      const contact = d.made.userIds[i * 7 + 2];
      const ticket = await d.api("POST", "/tickets", {
        ticket_type_id: type.id,
        contacts: [{ id: contact }],
        ticket_attributes: { _default_title_: f.hacker.phrase().slice(0, 120), _default_description_: f.lorem.sentence(), ...(type === bug ? { Severity: f.helpers.arrayElement(["Low", "Medium", "High"]) } : {}) },
      });
      ids.push(String(ticket.id));
      const typeStates = (type === bug ? states : (billing.ticket_states.data as typeof states));
      const state = typeStates.find((s) => s.category === ["submitted", "in_progress", "waiting_on_customer", "resolved"][i % 4])!;
      if (state.category !== "submitted") {
        await d.api("PUT", `/tickets/${ticket.id}`, { ticket_state_id: state.id, assignee_id: String(d.made.adminIds[1 + (i % 3)]) });
      }
      await d.api("POST", `/tickets/${ticket.id}/reply`, { type: "admin", message_type: "comment", admin_id: String(d.made.adminIds[1 + (i % 3)]), body: `<p>${f.lorem.sentence()}</p>` });
    }
    d.made.ticketIds = ids;
  },
};

const customObjects: DemoSection = {
  name: "custom object types and instances",
  async run(d) {
    const f = d.faker;
    await d.api("POST", "/_opencom/custom_object_types", {
      identifier: "Order",
      name: "Order",
      attributes: [
        { name: "order_number", data_type: "string", description: "The shop's order number" },
        { name: "total_amount", data_type: "decimal" },
        { name: "paid", data_type: "boolean" },
        { name: "customer", data_type: "contact_reference" },
      ],
    });
    for (let i = 0; i < 8; i++) {
      await d.api("POST", "/custom_object_instances/Order", {
        external_id: `order-${String(i + 1).padStart(4, "0")}`,
        external_created_at: d.now - (30 - i) * 86400,
        custom_attributes: { order_number: `ORD-${10_000 + i}`, total_amount: f.number.float({ min: 5, max: 900, fractionDigits: 2 }), paid: i % 4 !== 3, customer: d.made.userIds[i] },
      });
    }
  },
};

const knowledge: DemoSection = {
  name: "content snippets and AI content sources with external pages",
  async run(d) {
    const f = d.faker;
    for (const [title, body_markdown] of [
      ["Opening hours", "We answer **Monday to Friday, 9:00–17:00** (UTC)."],
      ["Refunds", "Refunds are made within **14 days** to the original payment method."],
      ["Data export", "Settings → Data → **Export** downloads everything as CSV."],
    ]) {
      await d.api("POST", "/content_snippets", { title, body_markdown }, "2.16");
    }
    const source = await d.api("POST", "/ai/content_import_sources", { sync_behavior: "api", url: "https://docs.demo.opencom.dev" });
    for (const [slug, title] of [["returns", "Returns and exchanges"], ["shipping", "Shipping times"], ["warranty", "Warranty"]]) {
      await d.api("POST", "/ai/external_pages", {
        title,
        html: `<h1>${title}</h1><p>${f.lorem.paragraph()}</p>`,
        url: `https://docs.demo.opencom.dev/${slug}`,
        source_id: source.id,
        external_id: slug,
        locale: "en",
        ai_agent_availability: true,
        ai_copilot_availability: true,
      });
    }
  },
};

const phoneAndHours: DemoSection = {
  name: "calls, office hours, audiences, an away teammate and events",
  async run(d) {
    const f = d.faker;
    // calls: one answered and recorded with its transcript, one missed, one still ringing
    const start = d.now - 2 * 86400;
    const caller = (await d.api("GET", `/contacts/${d.made.userIds[3]}`)) as { id: string; phone: string };
    await d.api("POST", "/_opencom/calls", {
      direction: "inbound", phone: caller.phone.replace(/[^\d+]/g, ""), admin_id: d.made.adminIds[1], contact_id: caller.id, conversation_id: (d.made.conversationIds as string[])[0],
      initiated_at: start, answered_at: start + 6, ended_at: start + 245, ended_reason: "answered", hold_time: 12,
      recording_url: "https://recordings.demo.opencom.dev/call-1.mp3",
      transcript: [
        { offset: 2, speaker: "Teammate 1", text: "Hello, this is support — how can I help?" },
        { offset: 9, speaker: "User", text: "I cannot log in since this morning." },
      ],
    });
    await d.api("POST", "/_opencom/calls", { direction: "outbound", phone: "+35315550101", admin_id: d.made.adminIds[2], initiated_at: start + 3600, ended_at: start + 3630, ended_reason: "no_answer" });
    await d.api("POST", "/_opencom/calls", { direction: "inbound", phone: "+14155550199" });

    // office hours: weekdays 9:00–17:00 in Dublin, with a bank holiday
    const weekdays = [0, 1, 2, 3, 4].map((day) => ({ start_minute: day * 1440 + 540, end_minute: day * 1440 + 1020 }));
    const schedule = await d.api("POST", "/office_hours_schedules", { name: "Support hours", time_zone_name: "Europe/Dublin", time_intervals: weekdays }, "2.16");
    await d.api("POST", `/office_hours_schedules/${schedule.id}/office_hours_exceptions`, { exception_date: "2026-12-25", exception_type: "closed", name: "Christmas Day", recurring_annually: true }, "2.16");

    for (const audience of [
      { name: "VIP customers", predicates: [{ attribute: "custom_attributes.plan", type: "string", comparison: "eq", value: "enterprise" }], role_predicates: [{ attribute: "role", type: "role", comparison: "eq", value: "user" }] },
      { name: "Leads", predicates: [], role_predicates: [{ attribute: "role", type: "role", comparison: "eq", value: "lead" }] },
    ]) {
      await d.api("POST", "/audiences", audience, "2.16");
    }

    // the Account Executive (no inbox seat) is away, with a reason
    const reasons = (await d.api("GET", "/away_status_reasons")).data as Array<{ id: string; label: string }>;
    await d.api("PUT", `/admins/${d.made.adminIds[4]}/away`, { away_mode_enabled: true, away_mode_reassign: false, away_status_reason_id: Number(reasons[0].id) });

    // events of the first users, hours apart
    const names = ["signed-in", "invited-teammate", "upgraded-plan", "exported-data"];
    for (let i = 0; i < 10; i++) {
      for (let k = 0; k <= i % names.length; k++) {
        await d.api("POST", "/events", {
          event_name: names[k],
          user_id: `user-${String(i + 1).padStart(4, "0")}`,
          created_at: d.now - (i * 10 + k + 1) * 3600,
          metadata: k === 2 ? { plan: f.helpers.arrayElement(["pro", "enterprise"]), seats: 5 + i } : {},
        });
      }
    }
  },
};

/** The sections, in order; later areas (inbox, content, data) append theirs. */
export const DEMO_SECTIONS: DemoSection[] = [teammates, attributes, people, tagsAndNotes, inbox, content, tickets, customObjects, knowledge, phoneAndHours];

/** Fills an emptied workspace with the demo data; the workspace must have just been reset. */
export async function seedDemo(db: Kysely<DB>, wsId: string, now: number, api: DemoApi): Promise<void> {
  const { faker } = await import("@faker-js/faker");
  faker.seed(DEMO_SEED);
  faker.setDefaultRefDate(new Date(now * 1000));
  const d: DemoContext = { db, wsId, now, api, faker, made: { adminIds: [], teamIds: [], userIds: [], leadIds: [], companyIds: [], tagIds: [] } };
  for (const section of DEMO_SECTIONS) await section.run(d);
}
