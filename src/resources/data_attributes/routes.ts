// GET /data_attributes, POST /data_attributes, PUT /data_attributes/{data_attribute_id}
// (custom attribute values of contacts and companies are checked by custom-attributes.ts)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentDataAttribute, presentStandardAttribute } from "./present.js";
import { createDataAttribute, listDataAttributes, updateDataAttribute } from "./service.js";
import { CreateDataAttributeBody, UpdateDataAttributeBody } from "./schemas.js";

export default async function routes(app: App) {
  app.get(
    "/data_attributes",
    { schema: { querystring: Type.Object({ model: Type.Optional(Type.String()), include_archived: Type.Optional(Type.Boolean()) }) } },
    async (req) => {
      const c = ctx(req);
      const data = (await listDataAttributes(c, req.query)).map((a) => ("standard" in a ? presentStandardAttribute(a.standard) : presentDataAttribute(a.custom, c.version)));
      return { type: "list", data };
    },
  );

  app.post("/data_attributes", { schema: { body: CreateDataAttributeBody } }, async (req) => {
    const c = ctx(req);
    return presentDataAttribute(await createDataAttribute(c, req.body), c.version);
  });

  app.put(
    "/data_attributes/:data_attribute_id",
    // Leniency: no body at all is an update that changes nothing (answers the attribute). Evidence: SDK 7.x
    // sends none when its caller puts the fields beside `data_attribute_id` instead of under `body`, as the
    // official intercom-node integration suite does (tests/integration/dataAttributes.test.ts, "update").
    { schema: { params: Type.Object({ data_attribute_id: Type.String() }), body: Type.Optional(Type.Union([UpdateDataAttributeBody, Type.Null()])) } },
    async (req) => {
      const c = ctx(req);
      return presentDataAttribute(await updateDataAttribute(c, req.params.data_attribute_id, req.body ?? {}), c.version);
    },
  );
}
