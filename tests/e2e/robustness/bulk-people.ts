// Robustness fixtures of the bulk people area: a contacts and a companies bulk job, company notes and search.
// The bulk bodies name no existing object (each item fails in the job): an accepted bulk request writes
// later, in the background, and a write landing between the walk's before/after reads would look like a
// refused write's; tests/e2e/bulk-people.test.ts covers the successes.
import type { RobustnessArea } from "../../helpers/robustness-area.js";

export const area: RobustnessArea = {
  async seed(ws) {
    const ok = async (p: string, body: unknown) => {
      const r = await ws.api(p, { method: "POST", body, version: "Unstable" });
      if (r.status >= 300) throw new Error(`fixture ${p}: ${r.status} ${r.text}`);
      return r.body;
    };
    const contacts = await ok("/contacts/bulk/delete", { contacts: [{ id: "robust-no-such-contact" }] });
    const companies = await ok("/companies/bulk/delete", { companies: [{ id: "robust-no-such-company" }] });
    // wait for both to finish, so that nothing of theirs moves during the walk
    for (const [noun, id] of [["contacts", contacts.id], ["companies", companies.id]]) {
      for (let i = 0; i < 400; i++) {
        const r = await ws.api(`/${noun}/bulk/${id}`, { version: "Unstable" });
        if (r.body?.state === "completed" || r.body?.state === "completed_with_errors") break;
        await new Promise((res) => setTimeout(res, 25));
      }
    }
    return { contacts_bulk_job_id: contacts.id, companies_bulk_job_id: companies.id };
  },
  idParams: [
    ["/contacts/bulk/", "contacts_bulk_job_id"],
    ["/companies/bulk/", "companies_bulk_job_id"],
  ],
  // (the bulk jobs' own state is covered by tests/e2e/bulk-people.test.ts; one read keeps the walk's snapshots light)
  reads: (ids) => [`/companies/${ids.company_id}/notes`],
  bodies: () => ({
    "POST /contacts/bulk": { contacts: [{ email: "not an email {n}" }] },
    "PUT /contacts/bulk": { contacts: [{ id: "robust-none-{n}", name: "Nobody" }] },
    "POST /contacts/bulk/delete": { contacts: [{ id: "robust-none-{n}" }] },
    "POST /companies/bulk": { companies: [{ name: "no company_id {n}" }] },
    "PUT /companies/bulk": { companies: [{ id: "robust-none-{n}", name: "Nobody" }] },
    "POST /companies/bulk/delete": { companies: [{ id: "robust-none-{n}" }] },
    "POST /companies/search": { query: { field: "name", operator: "=", value: "Acme" } },
    "POST /companies/:company_id/notes": { body: "robust note {n}" },
  }),
};
