// The teammates of a conversation (its `teammates` list: the admins who wrote a reply, a note or an
// action part in it), kept as rows by a trigger on conversation_parts, so presenting a conversation reads
// its few teammates by key instead of every part it has (the distinct authors of a 10,000-part
// conversation were 10,000 rows read on each GET and each reply). The trigger sees every insert whatever
// writes it (replies, the demo seed, snapshot imports); parts never change author, type or conversation,
// and the rows go with their conversation. `seq` is the part where the admin first took part: the list's
// order. Derived data, like the trigram index: no workspace_id (its conversation's), not in snapshots.
import { sql } from "kysely";
import { notNull, type MigrationFactory } from "../schema-helpers.js";

/** The admin parts whose author is a teammate of the conversation. */
export const TEAMMATE_PART_TYPES = ["comment", "note", "close", "assignment", "open", "snoozed", "quick_reply"] as const;

export const conversationTeammates: MigrationFactory = (kind) => ({
  async up(db) {
    await db.schema
      .createTable("conversation_teammates")
      .addColumn("conversation_id", "bigint", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("admin_id", "text", notNull)
      .addColumn("seq", "integer", notNull)
      .addPrimaryKeyConstraint("conversation_teammates_pk", ["conversation_id", "admin_id"])
      .execute();
    const types = sql.raw(TEAMMATE_PART_TYPES.map((t) => `'${t}'`).join(", "));
    if (kind === "postgres") {
      await sql`create function conversation_teammates_part() returns trigger language plpgsql as $$
        begin
          if new.author_type = 'admin' and new.part_type in (${types}) then
            insert into conversation_teammates (conversation_id, admin_id, seq) values (new.conversation_id, new.author_id, new.seq)
              on conflict do nothing;
          end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger conversation_teammates_part after insert on conversation_parts
        for each row execute function conversation_teammates_part()`.execute(db);
    } else {
      await sql`create trigger conversation_teammates_part after insert on conversation_parts
        when new.author_type = 'admin' and new.part_type in (${types}) begin
          insert or ignore into conversation_teammates (conversation_id, admin_id, seq) values (new.conversation_id, new.author_id, new.seq); end`.execute(db);
    }
    await sql`insert into conversation_teammates (conversation_id, admin_id, seq)
      select conversation_id, author_id, min(seq) from conversation_parts
      where author_type = 'admin' and part_type in (${types}) group by conversation_id, author_id`.execute(db);
  },
  async down() {
    throw new Error("opencom migrations are forward-only");
  },
});
