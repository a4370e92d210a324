import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { instant } from "./columns.ts";

/**
 * Published checkpoints (issue 14), like Certificate Transparency's signed tree heads. The leaves are
 * an append-only log of stream heads: each checkpoint appends the head of every stream that moved
 * since the one before, so the tree only grows and any two checkpoints are consistent (RFC 9162
 * consistency proof); a customer's head at a checkpoint is its stream's last leaf up to that size.
 */
export const checkpointLeaves = pgTable("checkpoint_leaves", {
  /** 0-based position in the tree. */
  position: integer("position").primaryKey(),
  stream: text("stream").notNull(),
  lastSeq: integer("last_seq").notNull(),
  lastHash: text("last_hash").notNull(),
  /** The checkpoint that appended it. */
  checkpoint: integer("checkpoint").notNull(),
});

export const checkpoints = pgTable("checkpoints", {
  number: integer("number").primaryKey(),
  treeSize: integer("tree_size").notNull(),
  /** RFC 6962 root, hex. */
  root: text("root").notNull(),
  madeAt: instant("made_at").notNull(),
  /** The exact statement signed (RFC 8785 JSON: number, tree size, root, time, the previous statement's SHA-256). */
  statement: text("statement").notNull(),
  /** Ed25519 signature of the statement, base64. */
  signature: text("signature").notNull(),
  /** The public key's SHA-256, hex: which key signed. */
  keyId: text("key_id").notNull(),
});
