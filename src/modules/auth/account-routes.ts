import { Type } from "typebox";
import { NO_CUSTOMERS, OWNERS } from "../../http/audience.ts";
import { scopeOf, type Actor } from "../../http/actor.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { notFound } from "../../http/errors.ts";
import { ErrorResponses, IdParams } from "../../http/schemas.ts";
import { inScope } from "../../db/scope.ts";
import type { Db } from "../../db/engine.ts";
import { eventActor } from "../evidence/index.ts";
import { controllerName, customerUsers, findUserRow, lockUser, openInvitations, staffUsers, type UserRow } from "./account-queries.ts";
import { changeRole, deactivateUser, inviteUser, reactivateUser, resendInvitation, type Acting } from "./manage-users.ts";
import { ChangeRoleBody, InviteCustomerUserBody, InviteStaffBody, UserInfo } from "./schemas.ts";
import { authWords } from "./words.ts";

// User management: a customer's owner manages its users (the admin may too); the admin manages the
// processor's staff. Another customer's user, or a staff member to an owner, is "not found".

const ADMIN = ["admin"] as const;
const acting = (actor: Actor): Acting => ({ event: eventActor(actor), userId: actor.userId, name: actor.name });

function userInfo(user: UserRow, invitationEnds: Map<string, Date>) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    kind: user.kind,
    role: user.customerRole ?? user.staffRole ?? "",
    status: user.disabledAt ? ("deactivated" as const) : user.passwordHash === null ? ("invited" as const) : ("active" as const),
    invitationExpiresAt: invitationEnds.get(user.id)?.toISOString() ?? null,
    totpEnabled: user.totpEnabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

async function oneWithInvitation(tx: Db, row: UserRow, now: Date) {
  const [info] = await withInvitations(tx, [row], now);
  if (!info) {
    throw new Error("a user without its summary");
  }
  return info;
}

async function withInvitations(tx: Db, rows: UserRow[], now: Date) {
  const pending = rows.filter((row) => row.passwordHash === null).map((row) => row.id);
  const open = await openInvitations(tx, pending, now);
  const ends = new Map(open.map((row) => [row.userId, row.expiresAt]));
  return rows.map((row) => userInfo(row, ends));
}

export function accountRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  /** The customer's id if this actor may manage its users (its owner, or the admin); else 404. */
  async function manageableCustomer(tx: Db, actor: Actor, controllerId: string): Promise<string> {
    if (actor.kind === "customer" && actor.controllerId !== controllerId) {
      throw notFound(authWords.noun.customer);
    }
    const name = await controllerName(tx, controllerId);
    if (name === null) {
      throw notFound(authWords.noun.customer);
    }
    return name;
  }

  /** A user this actor may manage, its row locked: an owner its own customer's users, the admin anyone. */
  async function manageableUser(tx: Db, actor: Actor, id: string): Promise<{ user: UserRow; customerName: string | null }> {
    const user = await lockUser(tx, id);
    if (!user || (actor.kind === "customer" && user.controllerId !== actor.controllerId)) {
      throw notFound(authWords.noun.user);
    }
    return { user, customerName: user.controllerId ? await controllerName(tx, user.controllerId) : null };
  }

  app.get(
    "/controllers/:id/users",
    {
      config: { audience: { staff: ADMIN, customer: OWNERS, record: "controller" }, personalData: "users" },
      schema: {
        tags: ["users"],
        summary: "A customer's users, with who is invited and who is deactivated",
        params: IdParams,
        response: { 200: Type.Array(UserInfo), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await manageableCustomer(tx, actor, request.params.id);
        return withInvitations(tx, await customerUsers(tx, request.params.id), clock.now());
      });
    },
  );

  app.post(
    "/controllers/:id/users",
    {
      config: { audience: { staff: ADMIN, customer: OWNERS, record: "controller" } },
      schema: {
        tags: ["users"],
        summary: "Invite a user of the customer: created without a password; a single-use link (7 days) is e-mailed in their language",
        params: IdParams,
        body: InviteCustomerUserBody,
        response: { 201: UserInfo, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const info = await inScope(db, scopeOf(actor), async (tx) => {
        const customerName = await manageableCustomer(tx, actor, request.params.id);
        const { name, email, role, locale } = request.body;
        const user = await inviteUser(tx, clock, acting(actor), { kind: "customer", controllerId: request.params.id, customerName, name, email, role, locale });
        return oneWithInvitation(tx, user, clock.now());
      });
      return reply.status(201).send(info);
    },
  );

  app.get(
    "/staff",
    {
      config: { audience: { staff: ADMIN, customer: NO_CUSTOMERS } },
      schema: { tags: ["users"], summary: "The processor's staff (the admin)", response: { 200: Type.Array(UserInfo), ...ErrorResponses } },
    },
    async () => inScope(db, { kind: "processor" }, async (tx) => withInvitations(tx, await staffUsers(tx), clock.now())),
  );

  app.post(
    "/staff",
    {
      config: { audience: { staff: ADMIN, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["users"],
        summary: "Invite a staff member (the admin): a single-use link (7 days) is e-mailed in their language",
        body: InviteStaffBody,
        response: { 201: UserInfo, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const info = await inScope(db, { kind: "processor" }, async (tx) => {
        const user = await inviteUser(tx, clock, acting(actor), { kind: "staff", ...request.body });
        return oneWithInvitation(tx, user, clock.now());
      });
      return reply.status(201).send(info);
    },
  );

  /** One change to one user, in the actor's scope, answered with the user as they now are. */
  async function changeUser(actor: Actor, id: string, act: (tx: Db, by: Acting, user: UserRow, customerName: string | null) => Promise<void>) {
    return inScope(db, scopeOf(actor), async (tx) => {
      const { user, customerName } = await manageableUser(tx, actor, id);
      await act(tx, acting(actor), user, customerName);
      const after = await findUserRow(tx, user.id);
      if (!after) {
        throw notFound(authWords.noun.user);
      }
      return oneWithInvitation(tx, after, clock.now());
    });
  }

  const audience = { staff: ADMIN, customer: OWNERS, record: "user" as const };
  const answers = { 200: UserInfo, ...ErrorResponses };

  app.patch(
    "/users/:id",
    {
      config: { audience },
      schema: {
        tags: ["users"],
        summary: "Change a user's role (not your own; at least one active owner, or admin, remains)",
        params: IdParams,
        body: ChangeRoleBody,
        response: answers,
      },
    },
    (request) => changeUser(actorOf(request), request.params.id, (tx, by, user) => changeRole(tx, clock, by, user, request.body.role)),
  );

  app.post(
    "/users/:id/deactivate",
    {
      config: { audience },
      schema: {
        tags: ["users"],
        summary: "Deactivate a user at once: sessions end, API tokens are revoked, logins refused (not yourself; one active owner, or admin, remains)",
        params: IdParams,
        response: answers,
      },
    },
    (request) => changeUser(actorOf(request), request.params.id, (tx, by, user) => deactivateUser(tx, clock, by, user)),
  );

  app.post(
    "/users/:id/reactivate",
    {
      config: { audience },
      schema: { tags: ["users"], summary: "Reactivate a deactivated user (their API tokens stay revoked)", params: IdParams, response: answers },
    },
    (request) => changeUser(actorOf(request), request.params.id, (tx, by, user) => reactivateUser(tx, clock, by, user)),
  );

  app.post(
    "/users/:id/invitation",
    {
      config: { audience },
      schema: { tags: ["users"], summary: "Send the invitation again with a new link (the old link stops working)", params: IdParams, response: answers },
    },
    (request) => changeUser(actorOf(request), request.params.id, (tx, by, user, name) => resendInvitation(tx, clock, by, user, name)),
  );
}
