// GET /visitors, PUT /visitors, POST /visitors/convert
// (opencom's POST /_opencom/visitors: src/resources/opencom/visitors.ts)
import { Type, type TSchema } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { presentContact } from "../contacts/present.js";
import { presentVisitor } from "./present.js";
import { convertVisitor, getVisitorByUserId, updateVisitor, LOCATION_FIELDS } from "./service.js";
import { Nullable, Timestamp } from "../../platform/schema.js";

const Text = Nullable(Type.String());

/** The visitor fields a create or update may set. */
/** A visitor's writable fields (also the body of opencom's POST /_opencom/visitors). */
export const visitorFields = {
  email: Text,
  phone: Text,
  name: Text,
  pseudonym: Text,
  avatar: Text,
  owner_id: Nullable(Type.Union([Type.Integer(), Type.String()])),
  unsubscribed_from_emails: Nullable(Type.Boolean()),
  marked_email_as_spam: Nullable(Type.Boolean()),
  has_hard_bounced: Nullable(Type.Boolean()),
  do_not_track: Nullable(Type.Boolean()),
  session_count: Nullable(Type.Integer({ minimum: 0 })),
  signed_up_at: Nullable(Timestamp),
  last_request_at: Nullable(Timestamp),
  location_data: Nullable(Type.Object(Object.fromEntries(LOCATION_FIELDS.map((f) => [f, Text])), { additionalProperties: false })),
  referrer: Text,
  utm_campaign: Text,
  utm_content: Text,
  utm_medium: Text,
  utm_source: Text,
  utm_term: Text,
  custom_attributes: Nullable(Type.Record(Type.String(), Type.Unknown())),
};

const Ref = Type.Object({ id: Type.Optional(Type.String()), user_id: Type.Optional(Type.String()), email: Type.Optional(Type.String()) });

export default async function routes(app: App) {
  app.get("/visitors", { schema: { querystring: Type.Object({ user_id: Type.String() }) } }, async (req) =>
    presentVisitor(await getVisitorByUserId(ctx(req), req.query.user_id)),
  );

  app.put(
    "/visitors",
    { schema: { body: Type.Object({ id: Type.Optional(Type.String()), user_id: Type.Optional(Type.String()), ...visitorFields }) } },
    async (req) => presentVisitor(await updateVisitor(ctx(req), req.body)),
  );

  app.post(
    "/visitors/convert",
    { schema: { body: Type.Object({ type: Type.Optional(Type.String()), user: Nullable(Ref), visitor: Nullable(Ref) }) } },
    async (req) => {
      const c = ctx(req);
      return presentContact(c, await convertVisitor(c, req.body));
    },
  );
}
