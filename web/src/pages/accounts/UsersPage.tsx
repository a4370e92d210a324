import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { ResponseOf } from "../../api/types";
import { useAction, useApi } from "../../api/useApi";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { SelectField, TextField, validLocally } from "../../components/fields";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { Badge } from "../../components/StatusBadge";
import { formatInstant } from "../../lib/format";
import { useMe } from "../../session";

type User = ResponseOf<"/api/v1/staff", "get">[number];
type Locale = "nl" | "en";
const CUSTOMER_ROLES = ["owner", "privacy_contact", "viewer"] as const;
const STAFF_ROLES = ["admin", "privacy_officer", "security_officer", "support", "auditor"] as const;
type Role = (typeof CUSTOMER_ROLES)[number] | (typeof STAFF_ROLES)[number];

/**
 * User management: a customer's owner its users (/portal/users), the admin the processor's staff
 * (/admin/staff). Invite, change a role, deactivate and reactivate, resend an invitation; the server
 * refuses what may not be (its own role, the last owner or admin) and says why.
 */
export function UsersPage({ kind }: { kind: "customer" | "staff" }) {
  const { t } = useTranslation();
  const me = useMe();
  const [done, setDone] = useState<string | null>(null);
  const roles: readonly Role[] = kind === "staff" ? STAFF_ROLES : CUSTOMER_ROLES;
  const roleLabel = (role: string) =>
    kind === "staff" ? t(`roles.staff.${role as (typeof STAFF_ROLES)[number]}`) : t(`roles.customer.${role as (typeof CUSTOMER_ROLES)[number]}`);
  const controllerId = me.controllerId ?? "";
  const users = useApi(
    () => (kind === "staff" ? unwrap(api.GET("/api/v1/staff")) : unwrap(api.GET("/api/v1/controllers/{id}/users", { params: { path: { id: controllerId } } }))),
    [kind, controllerId],
  );
  const title = kind === "staff" ? t("accounts.users.staffTitle") : t("accounts.users.title");
  useEffect(() => {
    document.title = `${title} · Art28`;
  }, [title]);

  const act = useAction(async (user: User, what: "deactivate" | "reactivate" | "invitation" | { role: Role }) => {
    const path = { params: { path: { id: user.id } } };
    if (typeof what === "object") {
      return unwrap(api.PATCH("/api/v1/users/{id}", { ...path, body: what }));
    }
    if (what === "deactivate") {
      return unwrap(api.POST("/api/v1/users/{id}/deactivate", path));
    }
    if (what === "reactivate") {
      return unwrap(api.POST("/api/v1/users/{id}/reactivate", path));
    }
    return unwrap(api.POST("/api/v1/users/{id}/invitation", path));
  });

  async function run(user: User, what: Parameters<typeof act.execute>[1]) {
    if (what === "deactivate" && !window.confirm(t("accounts.users.confirmDeactivate", { name: user.name }))) {
      return;
    }
    setDone(null);
    const result = await act.execute(user, what);
    if (result.ok) {
      const message =
        typeof what === "object"
          ? t("accounts.users.roleChanged", { name: user.name })
          : what === "invitation"
            ? t("accounts.users.resent", { email: user.email })
            : t(`accounts.users.${what}d`, { name: user.name });
      setDone(message);
      users.reload();
    }
  }

  return (
    <>
      <PageHeader title={title} />
      <p className="muted">{kind === "staff" ? t("accounts.users.staffIntro") : t("accounts.users.intro")}</p>
      {done ? (
        <Notice tone="success" testId="users-done">
          {done}
        </Notice>
      ) : null}
      <ErrorAlert error={act.error} testId="users-error" />
      <Loaded state={users}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t("accounts.users.none")}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-stack" data-testid="users-table">
                <thead>
                  <tr>
                    <th>{t("accounts.users.name")}</th>
                    <th>{t("accounts.users.role")}</th>
                    <th>{t("accounts.users.status")}</th>
                    <th>{t("accounts.users.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((user) => (
                    <UserRow
                      key={user.id}
                      user={user}
                      self={user.id === me.id}
                      roles={roles}
                      roleLabel={roleLabel}
                      busy={act.busy}
                      onAct={(what) => void run(user, what)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <InviteForm
        kind={kind}
        controllerId={controllerId}
        roles={roles}
        roleLabel={roleLabel}
        onInvited={(name) => {
          setDone(t("accounts.users.invited", { name }));
          users.reload();
        }}
      />
    </>
  );
}

function UserRow(props: {
  user: User;
  self: boolean;
  roles: readonly Role[];
  roleLabel: (role: string) => string;
  busy: boolean;
  onAct: (what: "deactivate" | "reactivate" | "invitation" | { role: Role }) => void;
}) {
  const { t } = useTranslation();
  const { user, self } = props;
  const [role, setRole] = useState<Role>(user.role as Role);
  const tone = user.status === "active" ? "success" : user.status === "invited" ? "info" : "neutral";
  return (
    <tr data-testid="user-row" data-email={user.email} data-status={user.status}>
      <td data-label={t("accounts.users.name")}>
        <strong>{user.name}</strong>
        {self ? <span className="muted"> ({t("accounts.users.you")})</span> : null}
        <br />
        <span className="small">{user.email}</span>
      </td>
      <td data-label={t("accounts.users.role")}>
        {self ? (
          props.roleLabel(user.role)
        ) : (
          <div className="inline-form">
            <SelectField
              label={t("accounts.users.changeRole")}
              value={role}
              onChange={setRole}
              options={props.roles.map((r) => ({ value: r, label: props.roleLabel(r) }))}
              testId="user-role"
            />
            {role !== user.role ? (
              <button type="button" className="btn btn-small" disabled={props.busy} onClick={() => props.onAct({ role })} data-testid="user-role-save">
                {t("accounts.users.saveRole")}
              </button>
            ) : null}
          </div>
        )}
      </td>
      <td data-label={t("accounts.users.status")}>
        <Badge tone={tone} testId="user-status">
          {t(`accounts.users.statuses.${user.status}`)}
        </Badge>
        {user.status === "invited" ? (
          <div className="small muted">
            {user.invitationExpiresAt
              ? t("accounts.users.invitedUntil", { at: formatInstant(user.invitationExpiresAt) })
              : t("accounts.users.invitationExpired")}
          </div>
        ) : null}
      </td>
      <td data-label={self ? undefined : t("accounts.users.actions")}>
        {self ? null : (
          <div className="row-actions">
            {user.status === "invited" ? (
              <button type="button" className="btn btn-small" disabled={props.busy} onClick={() => props.onAct("invitation")} data-testid="user-resend">
                {t("accounts.users.resend")}
              </button>
            ) : null}
            {user.status === "deactivated" ? (
              <button type="button" className="btn btn-small" disabled={props.busy} onClick={() => props.onAct("reactivate")} data-testid="user-reactivate">
                {t("accounts.users.reactivate")}
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-small btn-danger"
                disabled={props.busy}
                onClick={() => props.onAct("deactivate")}
                data-testid="user-deactivate"
              >
                {t("accounts.users.deactivate")}
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

function InviteForm(props: {
  kind: "customer" | "staff";
  controllerId: string;
  roles: readonly Role[];
  roleLabel: (role: string) => string;
  onInvited: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(props.kind === "staff" ? "support" : "privacy_contact");
  const [locale, setLocale] = useState<Locale>("nl");
  const invite = useAction(() =>
    props.kind === "staff"
      ? unwrap(api.POST("/api/v1/staff", { body: { name, email, role: role as (typeof STAFF_ROLES)[number], locale } }))
      : unwrap(
          api.POST("/api/v1/controllers/{id}/users", {
            params: { path: { id: props.controllerId } },
            body: { name, email, role: role as (typeof CUSTOMER_ROLES)[number], locale },
          }),
        ),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await invite.execute();
    if (result.ok) {
      props.onInvited(result.value.name);
      setName("");
      setEmail("");
    }
  }

  const fields = invite.error?.fieldMessages() ?? {};
  return (
    <section className="card">
      <h2>{t("accounts.users.inviteTitle")}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="form-narrow" data-testid="invite-form">
        <ErrorAlert error={invite.error && Object.keys(fields).length === 0 ? invite.error : undefined} testId="invite-error" />
        <TextField label={t("accounts.users.name")} value={name} onChange={setName} required autoComplete="off" error={fields.name} testId="invite-name" />
        <TextField
          label={t("accounts.users.email")}
          type="email"
          value={email}
          onChange={setEmail}
          required
          autoComplete="off"
          error={fields.email}
          testId="invite-email"
        />
        <SelectField
          label={t("accounts.users.role")}
          value={role}
          onChange={setRole}
          options={props.roles.map((r) => ({ value: r, label: props.roleLabel(r) }))}
          error={fields.role}
          testId="invite-role"
        />
        <SelectField
          label={t("accounts.users.locale")}
          value={locale}
          onChange={setLocale}
          options={[
            { value: "nl" as const, label: t("accounts.users.languages.nl") },
            { value: "en" as const, label: t("accounts.users.languages.en") },
          ]}
          error={fields.locale}
          testId="invite-locale"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={invite.busy} data-testid="invite-submit">
            {t("accounts.users.invite")}
          </button>
        </div>
      </form>
    </section>
  );
}
