// POST|GET|DELETE /custom_object_instances/{type}, GET|DELETE /custom_object_instances/{type}/{id}
// (2.13+). GET on the type: 2.13–2.15 find one by external_id (required); 2.16+ list the type's
// instances (all, or those referring to a contact or a conversation), or with external_id a one-item list of that instance
// (the description says a bare object; the operation's schema is the list — see the route).
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import {
  deleteByExternalId,
  deleteById,
  findByExternalId,
  getInstance,
  listInstances,
  listsInstances,
  readListPaging,
  upsertInstance,
} from "./service.js";
import { presentDeleted, presentInstance } from "./present.js";
import { InstanceBody, type InstanceInput } from "./schemas.js";

const TypeParam = Type.Object({ custom_object_type_identifier: Type.String({ maxLength: 255 }) });
const InstanceParams = Type.Object({ custom_object_type_identifier: Type.String({ maxLength: 255 }), id: Type.String({ maxLength: 255 }) });

const ListQuery = Type.Object({
  external_id: Type.Optional(Type.String({ maxLength: 255 })),
  references_contact_id: Type.Optional(Type.String({ maxLength: 255 })),
  references_conversation_id: Type.Optional(Type.String({ maxLength: 255 })),
  page: Type.Optional(Type.String({ maxLength: 32 })),
  per_page: Type.Optional(Type.String({ maxLength: 32 })),
});
const ExternalIdQuery = Type.Object({ external_id: Type.Optional(Type.String({ maxLength: 255 })) });

export default async function routes(app: App) {
  app.post("/custom_object_instances/:custom_object_type_identifier", { schema: { params: TypeParam, body: InstanceBody } }, async (req) => {
    const body: InstanceInput = req.body ?? {};
    return presentInstance(await upsertInstance(ctx(req), req.params.custom_object_type_identifier, body));
  });

  app.get("/custom_object_instances/:custom_object_type_identifier", { schema: { params: TypeParam, querystring: ListQuery } }, async (req) => {
    const c = ctx(req);
    const identifier = req.params.custom_object_type_identifier;
    readListPaging(req.query);
    if (!listsInstances(c)) return presentInstance(await findByExternalId(c, identifier, req.query.external_id));
    if (req.query.external_id !== undefined) {
      // 2.16+: the description says a single object, but the operation's one response schema is the
      // paginated list (custom_object_instances_paginated_list), and every body opencom answers must
      // validate against its schema. Decision: the list holding that one instance (a client reading
      // `data[0]` works; one expecting the bare object finds `data` instead). Not found: the same 404.
      const one = presentInstance(await findByExternalId(c, identifier, req.query.external_id));
      return { type: "list", pages: { type: "pages", page: 1, per_page: 1, total_pages: 1 }, total_count: 1, data: [one] };
    }
    const r = await listInstances(c, identifier, req.query);
    return {
      type: "list",
      pages: { type: "pages", page: r.page, per_page: r.perPage, total_pages: Math.ceil(r.total / r.perPage) },
      total_count: r.total,
      data: r.rows.map(presentInstance),
    };
  });

  app.get("/custom_object_instances/:custom_object_type_identifier/:id", { schema: { params: InstanceParams } }, async (req) =>
    presentInstance(await getInstance(ctx(req), req.params.custom_object_type_identifier, req.params.id)),
  );

  app.delete("/custom_object_instances/:custom_object_type_identifier/:id", { schema: { params: InstanceParams } }, async (req) =>
    presentDeleted(await deleteById(ctx(req), req.params.custom_object_type_identifier, req.params.id)),
  );

  app.delete("/custom_object_instances/:custom_object_type_identifier", { schema: { params: TypeParam, querystring: ExternalIdQuery } }, async (req) =>
    presentDeleted(await deleteByExternalId(ctx(req), req.params.custom_object_type_identifier, req.query.external_id)),
  );
}
