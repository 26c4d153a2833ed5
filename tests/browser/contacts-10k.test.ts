// A workspace of 10,000 contacts: the console's contact list loads one page of 50 at a time (the API's
// cursor paging) and pages through them without loading the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startTestServer, usingPostgres, type TestServer } from "../helpers/server.js";
import { newContactRow } from "../../src/resources/contacts/service.js";
import { launch } from "./chromium.js";

const CONTACTS = 10_000;

describe(`console contacts list over ${CONTACTS} contacts (${usingPostgres ? "postgres" : "sqlite"})`, () => {
  let srv: TestServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([startTestServer(), launch()]);
    const now = Math.floor(Date.now() / 1000) - CONTACTS;
    for (let start = 0; start < CONTACTS; start += 500) {
      const rows = Array.from({ length: 500 }, (_, j) =>
        newContactRow(srv.ws.workspaceId, { created_at: now + start + j, name: `Person ${start + j}`, email: `p${start + j}@example.com`, role: "user" }),
      );
      await srv.store.db.insertInto("contacts").values(rows).execute();
    }
    page = await browser.context.newPage();
    await page.addInitScript((token) => sessionStorage.setItem("opencom.token", token), srv.ws.token);
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it("shows page after page of 50, asking the API for one page each time", async () => {
    const asked: string[] = [];
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.pathname === "/contacts") asked.push(u.search);
    });
    await page.goto(srv.url + "/#/contacts");
    const list = page.getByRole("list", { name: "Contacts" });
    await page.getByText(`Page 1 of ${CONTACTS / 50} · ${CONTACTS} in all`).waitFor();
    expect(await list.getByRole("listitem").count()).toBe(50);
    for (let p = 2; p <= 4; p++) {
      await page.getByRole("button", { name: "Next page" }).click();
      await page.getByText(`Page ${p} of ${CONTACTS / 50}`).waitFor();
      expect(await list.getByRole("listitem").count()).toBe(50);
    }
    await page.getByRole("button", { name: "Previous page" }).click();
    await page.getByText(`Page 3 of ${CONTACTS / 50}`).waitFor();
    expect(asked.length).toBe(5);
    expect(asked.every((q) => new URLSearchParams(q).get("per_page") === "50")).toBe(true);
    const names = new Set(await list.getByRole("listitem").allInnerTexts());
    expect(names.size).toBe(50);
  });
});
