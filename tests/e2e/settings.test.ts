// Workspace settings: away status reasons, identity verification secrets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe("away status reasons", () => {
  it("a new workspace has the default reasons, in order, in 2.14+", async () => {
    for (const version of ["2.14", "2.15", "2.16", "Unstable"]) {
      const res = await srv.ws.api("/away_status_reasons", { version });
      expect(res.status).toBe(200);
      expect(res.body.type).toBe("list");
      expect(res.body.data.map((r: any) => r.label)).toEqual(["On a break", "In a meeting", "Out for lunch", "Done for the day", "On holiday"]);
      expect(res.body.data[0]).toEqual({
        type: "away_status_reason",
        id: expect.stringMatching(/^\d+$/),
        label: "On a break",
        emoji: "☕",
        order: 1,
        deleted: false,
        created_at: expect.any(Number),
        updated_at: expect.any(Number),
      });
    }
    // the SDK reads them (it types the answer as an array; Intercom's description answers a list object)
    const sdk: any = await srv.ws.client.awayStatusReasons.listAwayStatusReasons();
    expect(sdk.data.length).toBe(5);
  });

  it("each workspace has its own reasons; a reason can be set with away mode", async () => {
    const other = await srv.newWorkspace("Other reasons");
    const mine = (await srv.ws.api("/away_status_reasons")).body.data.map((r: any) => r.id);
    const theirs = (await other.api("/away_status_reasons")).body.data.map((r: any) => r.id);
    expect(theirs.filter((id: string) => mine.includes(id))).toEqual([]);
    const me = (await srv.ws.api("/me")).body;
    const res = await srv.ws.api(`/admins/${me.id}/away`, { method: "PUT", version: "2.14", body: { away_mode_enabled: true, away_mode_reassign: false, away_status_reason_id: Number(mine[1]) } });
    expect(res.status).toBe(200);
    expect(res.body.away_mode_enabled).toBe(true);
    expect(String(res.body.away_status_reason_id)).toBe(mine[1]);
    // another workspace's reason, or an unknown one, is a 400
    for (const id of [Number(theirs[0]), 999999]) {
      expectErrorList(await srv.ws.api(`/admins/${me.id}/away`, { method: "PUT", version: "2.14", body: { away_mode_enabled: true, away_mode_reassign: false, away_status_reason_id: id } }), 400, "parameter_invalid");
    }
    await srv.ws.api(`/admins/${me.id}/away`, { method: "PUT", body: { away_mode_enabled: false, away_mode_reassign: false } });
  });
});

describe("identity verification secrets (Unstable)", () => {
  const V = "Unstable";
  it("creates a secret answered once, lists without it, soft-deletes", async () => {
    const created = await srv.ws.api("/secure_mode_secrets", { method: "POST", version: V, body: { name: "Production Web", supports_web: true } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      type: "identity_verification_secret",
      id: expect.stringMatching(/^\d+$/),
      name: "Production Web",
      secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      supports_android: false,
      supports_ios: false,
      supports_web: true,
      created_at: expect.any(Number),
    });
    const second = await srv.ws.api("/secure_mode_secrets", { method: "POST", version: V, body: { name: "Mobile", supports_ios: true, supports_android: true } });
    expect(second.body.secret).not.toBe(created.body.secret);
    const list = (await srv.ws.api("/secure_mode_secrets", { version: V })).body;
    expect(list.type).toBe("list");
    expect(list.data.map((s: any) => s.name)).toEqual(["Production Web", "Mobile"]);
    for (const s of list.data) expect(s).not.toHaveProperty("secret");

    // another workspace sees none of them and cannot delete them
    const other = await srv.newWorkspace("Other secrets");
    expect((await other.api("/secure_mode_secrets", { version: V })).body.data).toEqual([]);
    expectErrorList(await other.api(`/secure_mode_secrets/${created.body.id}`, { method: "DELETE", version: V }), 404, "identity_verification_secret_not_found");

    const del = await srv.ws.api(`/secure_mode_secrets/${created.body.id}`, { method: "DELETE", version: V });
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expectErrorList(await srv.ws.api(`/secure_mode_secrets/${created.body.id}`, { method: "DELETE", version: V }), 404, "identity_verification_secret_not_found");
    expectErrorList(await srv.ws.api("/secure_mode_secrets/nope", { method: "DELETE", version: V }), 404, "identity_verification_secret_not_found");
    expect((await srv.ws.api("/secure_mode_secrets", { version: V })).body.data.map((s: any) => s.name)).toEqual(["Mobile"]);
  });

  it("refuses a secret without a name or a platform (422)", async () => {
    expectErrorList(await srv.ws.api("/secure_mode_secrets", { method: "POST", version: V, body: { supports_web: true } }), 422, "parameter_invalid");
    expectErrorList(await srv.ws.api("/secure_mode_secrets", { method: "POST", version: V, body: { name: "None" } }), 422, "parameter_invalid");
    expectErrorList(await srv.ws.api("/secure_mode_secrets", { method: "POST", version: V, body: { name: "x", supports_web: "yes" } }), 400);
  });

  it("parallel deletes of one secret: one 204, the rest 404", async () => {
    const s = (await srv.ws.api("/secure_mode_secrets", { method: "POST", version: V, body: { name: "Race", supports_web: true } })).body;
    const res = await Promise.all(Array.from({ length: 8 }, () => srv.ws.api(`/secure_mode_secrets/${s.id}`, { method: "DELETE", version: V })));
    expect(res.filter((r) => r.status === 204).length).toBe(1);
    expect(res.filter((r) => r.status === 404).length).toBe(7);
  });
});
