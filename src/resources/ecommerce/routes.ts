// POST /ecommerce/connectors/{id}/catalog (multipart/form-data: catalog file, finalize, import_job_id,
// part_number), and opencom's own: POST /_opencom/ecommerce/connectors (Intercom's UI connects a store),
// GET /_opencom/ecommerce/connectors/{id}/products (the synced catalog).
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { badRequest } from "../../platform/errors.js";
import { acceptMultipart, parseMultipart } from "./multipart.js";
import { createEcommerceConnector, listProducts, uploadCatalog } from "./service.js";

const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });
const NewConnector = Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
const field = (parts: ReturnType<typeof parseMultipart>, name: string) => {
  const p = parts.find((x) => x.name === name);
  return p ? p.data.toString("utf8").trim() : undefined;
};

export default async function routes(app: App) {
  acceptMultipart(app);
  app.post("/ecommerce/connectors/:id/catalog", { schema: { params: Id } }, async (req, reply) => {
    const type = String(req.headers["content-type"] ?? "");
    if (!Buffer.isBuffer(req.body) || !/^multipart\/form-data/i.test(type)) throw badRequest("parameter_not_found", "catalog file is required (send multipart/form-data)", "catalog");
    const parts = parseMultipart(req.body, type);
    const catalog = parts.find((x) => x.name === "catalog");
    const r = await uploadCatalog(ctx(req), req.params.id, {
      catalog: catalog?.data ?? null,
      catalogIsFile: catalog?.filename != null,
      finalize: field(parts, "finalize"),
      importJobId: field(parts, "import_job_id"),
      partNumber: field(parts, "part_number"),
    });
    if (r.kind === "part") return { import_job_id: r.importJobId, next_part_number: r.nextPart };
    return reply.code(202).send({ import_job_id: r.importJobId, status: "processing", message: "Catalog received. Sync has started." });
  });

  app.post("/_opencom/ecommerce/connectors", { schema: { body: NewConnector } }, async (req, reply) => {
    const row = await createEcommerceConnector(ctx(req), req.body.name);
    return reply.code(201).send({ type: "ecommerce_connector", id: String(row.id), name: row.name, created_at: row.created_at });
  });
  app.get("/_opencom/ecommerce/connectors/:id/products", { schema: { params: Id } }, async (req) => {
    const { connector, products } = await listProducts(ctx(req), req.params.id);
    return { type: "list", connector_id: String(connector.id), last_import_job_id: connector.last_import_job_id, data: products };
  });
}
