import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorList, startTestServer, type TestServer } from "../helpers/server.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

const V = "2.15";

describe("brands and emails", () => {
  it("every workspace has its default brand and sender address", async () => {
    const hc = (await srv.ws.api("/help_center/help_centers")).body.data[0];
    const brands = (await srv.ws.api("/brands", { version: V })).body;
    const emails = (await srv.ws.api("/emails", { version: V })).body;
    expect(emails).toMatchObject({ type: "list", data: [{ type: "email_setting", email: `support@${srv.ws.workspaceId}.opencom.test`, verified: true, domain: `${srv.ws.workspaceId}.opencom.test`, brand_id: srv.ws.workspaceId, forwarding_enabled: false, forwarded_email_last_received_at: null }] });
    const email = emails.data[0];
    expect(brands).toEqual({
      type: "list",
      data: [{ type: "brand", id: srv.ws.workspaceId, name: "Test workspace", is_default: true, created_at: expect.any(Number), updated_at: expect.any(Number), help_center_id: hc.id, default_address_settings_id: email.id }],
    });
    expect((await srv.ws.api(`/brands/${srv.ws.workspaceId}`, { version: V })).body).toEqual(brands.data[0]);
    expect((await srv.ws.api(`/emails/${email.id}`, { version: V })).body).toEqual(email);
    // the SDK (unstable namespace) reads them too
    const sdkBrands = await srv.ws.client.unstable.brands.listBrands();
    expect(sdkBrands.data?.[0]?.id).toBe(srv.ws.workspaceId);

    const other = await srv.newWorkspace("Other brands");
    expectErrorList(await other.api(`/brands/${srv.ws.workspaceId}`, { version: V }), 404, "not_found");
    expectErrorList(await other.api(`/emails/${email.id}`, { version: V }), 404, "not_found");
    expectErrorList(await srv.ws.api("/emails/nope", { version: V }), 404, "not_found");
    const theirs = (await other.api("/brands", { version: V })).body.data;
    expect(theirs.map((b: any) => b.id)).toEqual([other.workspaceId]);
  });
});
