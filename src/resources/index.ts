// Every resource group: its routes, and what a new workspace starts with.
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import type { App } from "../platform/http.js";
import opencomRoutes from "./opencom/routes.js";
import adminsRoutes from "./admins/routes.js";
import teamsRoutes from "./teams/routes.js";
import contactsRoutes from "./contacts/routes.js";
import contactsSearchRoutes from "./contacts/search.js";
import notesRoutes from "./notes/routes.js";
import companiesRoutes from "./companies/routes.js";
import tagsRoutes from "./tags/routes.js";
import segmentsRoutes from "./segments/routes.js";
import { seedSegments } from "./segments/service.js";
import subscriptionTypesRoutes from "./subscription_types/routes.js";
import { seedSubscriptionTypes } from "./subscription_types/service.js";
import dataAttributesRoutes from "./data_attributes/routes.js";
import visitorsRoutes from "./visitors/routes.js";
import conversationsRoutes from "./conversations/routes.js";
import conversationsSearchRoutes from "./conversations/search.js";
import conversationPartsRoutes from "./conversation_parts/routes.js";
import messagesRoutes from "./messages/routes.js";
import inboxTagsRoutes from "./tags/inbox-tags.js";

export type Seed = (db: Kysely<DB>, wsId: string, adminId: number) => Promise<void>;

export interface Resource {
  name: string;
  routes: (app: App) => Promise<void> | void;
  /** data every new workspace starts with */
  seed?: Seed;
  /**
   * The tables this resource owns (with a workspace_id), children before parents: reset empties them
   * and snapshots export/import them, walking this registry.
   */
  tables?: ReadonlyArray<keyof DB>;
}

export const resources: Resource[] = [
  { name: "opencom", routes: opencomRoutes },
  { name: "admins", routes: adminsRoutes },
  { name: "teams", routes: teamsRoutes },
  { name: "contacts", routes: contactsRoutes },
  { name: "contacts-search", routes: contactsSearchRoutes },
  { name: "notes", routes: notesRoutes },
  { name: "companies", routes: companiesRoutes },
  { name: "tags", routes: tagsRoutes },
  { name: "segments", routes: segmentsRoutes, seed: seedSegments },
  { name: "subscription_types", routes: subscriptionTypesRoutes, seed: seedSubscriptionTypes },
  { name: "data_attributes", routes: dataAttributesRoutes },
  { name: "visitors", routes: visitorsRoutes },
  {
    name: "conversations",
    routes: conversationsRoutes,
    tables: ["conversation_parts", "conversation_contacts", "conversation_tags", "conversation_deletions", "conversations"],
  },
  { name: "conversations-search", routes: conversationsSearchRoutes },
  { name: "conversation_parts", routes: conversationPartsRoutes },
  { name: "messages", routes: messagesRoutes },
  { name: "inbox-tags", routes: inboxTagsRoutes },
];

export async function registerResources(app: App): Promise<void> {
  for (const r of resources) await app.register(async (scope) => r.routes(scope as App));
}

export async function seedWorkspace(db: Kysely<DB>, wsId: string, adminId: number): Promise<void> {
  for (const r of resources) if (r.seed) await r.seed(db, wsId, adminId);
}
