// POST /contacts/merge/preview (Unstable): the merge's own rules and result, without writing; then the
// merge does exactly what the preview said. Errors, versions, isolation. Plain HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer, type TestWorkspace } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "Unstable";

async function contact(ws: TestWorkspace, body: Record<string, unknown>) {
  const res = await ws.api("/contacts", { body });
  expect(res.status).toBe(200);
  return res.body;
}

const preview = (ws: TestWorkspace, body: Record<string, unknown>, version = V) => ws.api("/contacts/merge/preview", { body, version });

describe("merge preview", () => {
  it("reports the attribute changes and reassignments the merge then makes, and writes nothing", async () => {
    const ws = await srv.newWorkspace("Preview");
    const lead = await contact(ws, { role: "lead", email: "jo@prev.example", name: "Jo", phone: "+1555", last_seen_at: 1_700_000_500 });
    const user = await contact(ws, { role: "user", email: "jo@prev.example", phone: "+1999", last_seen_at: 1_700_000_000 });
    const acme = (await ws.api("/companies", { body: { company_id: "acme", name: "Acme" } })).body;
    const beta = (await ws.api("/companies", { body: { company_id: "beta", name: "Beta" } })).body;
    await ws.api(`/contacts/${user.id}/companies`, { body: { id: acme.id } });
    await ws.api(`/contacts/${lead.id}/companies`, { body: { id: beta.id } });
    const tags = [];
    for (const name of ["shared", "lead-only", "user-only"]) tags.push((await ws.api("/tags", { body: { name } })).body);
    for (const t of [tags[0], tags[1]]) await ws.api(`/contacts/${lead.id}/tags`, { body: { id: t.id } });
    for (const t of [tags[0], tags[2]]) await ws.api(`/contacts/${user.id}/tags`, { body: { id: t.id } });
    for (const body of ["lead note 1", "lead note 2"]) await ws.api(`/contacts/${lead.id}/notes`, { body: { body } });
    await ws.api(`/contacts/${user.id}/notes`, { body: { body: "user note" } });
    const leadConv = (await ws.api("/conversations", { body: { from: { type: "lead", id: lead.id }, body: "Lead asks" } })).body.conversation_id;
    await ws.api("/conversations", { body: { from: { type: "user", id: user.id }, body: "User asks" } });

    const res = await preview(ws, { from: lead.id, into: user.id });
    expect(res.status).toBe(200);
    expect(res.body.allowed).toBe(true);
    const { attribute_changes: changes, reassignments } = res.body.summary;
    expect(changes.total_count).toBe(changes.attributes.length);
    expect(changes.attributes).toEqual(
      expect.arrayContaining([
        { field: "name", outcome: "adopted", from_value: "Jo", new_into_value: "Jo" },
        { field: "phone", outcome: "discarded", from_value: "+1555", into_value: "+1999", new_into_value: "+1999" },
        { field: "last_seen_at", outcome: "adopted", from_value: 1_700_000_500, into_value: 1_700_000_000, new_into_value: 1_700_000_500 },
        { field: "companies", outcome: "merged", from_value: ["Beta"], into_value: ["Acme"], new_into_value: ["Acme", "Beta"] },
      ]),
    );
    expect(changes.attributes.find((a: any) => a.field === "email")).toBeUndefined(); // the same on both
    expect(reassignments).toEqual({ conversations: { from: 1, into: 1 }, tags: { from: 1, into: 2 }, notes: { from: 2, into: 1 } });

    // nothing written
    expect((await ws.api(`/contacts/${lead.id}`)).status).toBe(200);
    expect((await ws.api(`/contacts/${user.id}`)).body.name).toBeNull();
    expect((await ws.api("/contacts/activities", { version: V })).body.data.map((e: any) => e.event_type)).not.toContain("contact.merged");
    expect(await preview(ws, { from: lead.id, into: user.id })).toMatchObject({ status: 200, body: res.body });

    // the merge does what the preview said
    const merged = await ws.api("/contacts/merge", { body: { from: lead.id, into: user.id }, version: V });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: user.id, name: "Jo", phone: "+1999", last_seen_at: 1_700_000_500 });
    expect((await ws.api(`/contacts/${user.id}/tags`)).body.data).toHaveLength(3);
    expect((await ws.api(`/contacts/${user.id}/notes`)).body.data).toHaveLength(3);
    expect((await ws.api(`/contacts/${user.id}/companies`)).body.companies.map((c: any) => c.name).sort()).toEqual(["Acme", "Beta"]);
    const conv = (await ws.api(`/conversations/${leadConv}`)).body;
    expect(conv.contacts.contacts.map((c: any) => c.id)).toEqual([user.id]);
    // and once merged, the lead is gone
    expectErrorList(await preview(ws, { from: lead.id, into: user.id }), 404, "not_found");
  });

  it("lists the reasons a merge is refused, exactly when the merge refuses", async () => {
    const ws = await srv.newWorkspace("Preview refusals");
    const u1 = await contact(ws, { role: "user", email: "u1@prev.example" });
    const u2 = await contact(ws, { role: "user", email: "u2@prev.example" });
    const twin = await contact(ws, { role: "lead", phone: "+44 20 7946 0000", email: "twin@prev.example" });
    const stranger = await contact(ws, { role: "lead", email: "stranger@prev.example" });
    await ws.api(`/contacts/${u1.id}`, { method: "PUT", body: { phone: "+44 20 7946 0000" } });
    const cases: Array<[Record<string, unknown>, string[] | null]> = [
      [{ from: u2.id, into: u1.id }, ["invalid_merge_role_pair", "no_shared_identifier"]],
      [{ from: u2.id, into: u1.id, skip_duplicate_validation: true }, ["invalid_merge_role_pair"]],
      [{ from: stranger.id, into: stranger.id }, ["invalid_merge_role_pair"]],
      [{ from: stranger.id, into: twin.id, skip_duplicate_validation: true }, ["invalid_merge_role_pair"]],
      [{ from: stranger.id, into: u1.id }, ["no_shared_identifier"]],
      [{ from: twin.id, into: u1.id }, null], // the same phone
    ];
    for (const [body, codes] of cases) {
      const p = await preview(ws, body);
      expect(p.status).toBe(200);
      if (codes) {
        expect(p.body).toEqual({ allowed: false, reasons: codes.map((code) => ({ code, message: expect.any(String) })) });
        expectErrorList(await ws.api("/contacts/merge", { body, version: V }), 400);
      } else {
        expect(p.body.allowed).toBe(true);
        expect(p.body.summary.reassignments).toEqual({});
      }
    }
    // the allowed one merges; the skip flag turns a stranger into an allowed merge
    expect((await ws.api("/contacts/merge", { body: { from: twin.id, into: u1.id }, version: V })).status).toBe(200);
    expect((await preview(ws, { from: stranger.id, into: u1.id, skip_duplicate_validation: true })).body.allowed).toBe(true);
  });

  it("answers the merge's errors: unknown ids, missing fields, another workspace", async () => {
    const ws = await srv.newWorkspace("Preview errors");
    const other = await srv.newWorkspace("Preview errors other");
    const lead = await contact(ws, { role: "lead", email: "x@prev.example" });
    const user = await contact(ws, { role: "user", email: "x@prev.example" });
    expectErrorList(await preview(ws, { from: "000000000000000000000000", into: user.id }), 404, "not_found");
    expectErrorList(await preview(ws, { from: lead.id, into: "000000000000000000000000" }), 404, "not_found");
    expect(expectErrorList(await preview(ws, { from: lead.id }), 400, "parameter_not_found").field).toBe("into");
    expectErrorList(await preview(ws, { from: lead.id, into: user.id, skip_duplicate_validation: "yes" }), 400);
    expectErrorList(await preview(other, { from: lead.id, into: user.id }), 404, "not_found");
    expectErrorList(await ws.api("/contacts/merge/preview", { body: { from: lead.id, into: user.id }, version: V, token: "nope" }), 401, "unauthorized");
    // older versions get the Unstable description's answer
    for (const version of ["2.16", "2.7"]) {
      const p = await preview(ws, { from: lead.id, into: user.id }, version);
      expect(p.status).toBe(200);
      expect(p.body.allowed).toBe(true);
    }
  });
});
